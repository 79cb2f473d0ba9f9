"""Recorders (NVRs): ONVIF Profile G search and replay, and the replay ingest (issue 22)."""
