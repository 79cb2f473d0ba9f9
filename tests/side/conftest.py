"""Tests that open real windows, emulators or browsers but need no camera fleet: ``make test`` runs them in the
side lane beside the integration tests (whose one-at-a-time lane is the suite's critical path). They are not
marked ``integration``; they take their own X server (the session's ``xdisplay``) and their own ports."""
