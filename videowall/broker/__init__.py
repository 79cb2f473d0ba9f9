"""Adapters to the wall broker (MQTT v5, Mosquitto)."""
