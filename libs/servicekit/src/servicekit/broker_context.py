"""What every RabbitBroker carries for observability: the trace of each message, and its ids on log lines."""

from __future__ import annotations

import json
from typing import Any

from faststream import BaseMiddleware
from faststream.message import StreamMessage

from servicekit.logs import bound
from servicekit.metrics import prometheus_middleware
from servicekit.telemetry import tracing_configured


def message_ids(body: bytes, correlation_id: str | None = None) -> dict[str, Any]:
    """`essay_id` and `correlation_id` of an event's JSON body (the message's correlation id as fallback)."""
    try:
        data = json.loads(body) if body[:1] == b"{" else None
    except ValueError:
        data = None
    fields = data if isinstance(data, dict) else {}
    return {
        "essay_id": fields.get("essay_id"),
        "correlation_id": fields.get("correlation_id") or correlation_id or None,
    }


class LogContext(BaseMiddleware):
    """Binds the consumed message's essay_id and correlation_id to every line logged while it is handled."""

    async def consume_scope(self, call_next: Any, msg: StreamMessage[Any]) -> Any:
        """Handle the message with its ids bound."""
        ids = message_ids(msg.body, msg.correlation_id)
        # FastStream logs "Processed" (and a handler's error) after this scope, with its per-message log
        # context as the record's extras: the ids go there too.
        log_context = self.context.get_local("log_context")
        if isinstance(log_context, dict):
            log_context.update({name: value for name, value in ids.items() if value is not None})
        with bound(**ids):
            return await call_next(msg)


def broker_middlewares(service: str) -> tuple[Any, ...]:
    """The `middlewares=` of a service's RabbitBroker: FastStream's OpenTelemetry middleware when tracing is
    configured (a span per publish and per message consumed, joined to the publisher's trace), its Prometheus
    middleware (faststream_* metrics), then `LogContext`."""
    metrics = prometheus_middleware(service)
    if not tracing_configured():
        return (metrics, LogContext)
    from faststream.rabbit.opentelemetry import RabbitTelemetryMiddleware

    # no provider given: the global one, which `setup_tracing` installs before or after the broker is built
    return (RabbitTelemetryMiddleware(), metrics, LogContext)
