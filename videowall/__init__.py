"""videowall: a control-room video wall for city CCTV."""

__version__ = "0.1.0"
