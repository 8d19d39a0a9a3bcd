"""The HTTP API (FastAPI) and the ``microtache`` command."""
