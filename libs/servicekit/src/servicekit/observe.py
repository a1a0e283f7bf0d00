"""The one call a service makes at start-up for its logs and traces."""

from __future__ import annotations

from servicekit.logs import setup_logging
from servicekit.telemetry import setup_tracing


def observe(service: str, log_level: str = "INFO") -> None:
    """Set up logging (every line JSON or console, with its ids) and, when `OTEL_*` ask for it, tracing."""
    setup_logging(service, log_level)
    setup_tracing(service)
