"""Command-line tests that need no simulated fleet: real `videowall` processes on their own databases.

They run in the side lane of `make test`, beside the unit tests, not one after another with the
integration tests (which share one fleet and one display and take the cores for their video).
"""
