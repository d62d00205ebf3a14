"""The version of this package (the spec's `info.version`) and what generated it."""

__version__ = "2.1.0"
GENERATOR = "openapi-python-client 0.29.1"
