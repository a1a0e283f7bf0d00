"""Logs: one setup for every service. Each line carries timestamp, service, level, logger, message, essay_id,
correlation_id, trace_id and span_id; JSON lines unless a terminal is attached (then coloured key=value).
`LOG_FORMAT=json|console` chooses explicitly. The standard library's loggers (ours, uvicorn's, FastStream's)
all go through the same formatter."""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Literal, TextIO

import structlog
from starlette.types import ASGIApp, Receive, Scope, Send
from structlog.typing import EventDict, Processor, WrappedLogger

from servicekit.telemetry import current_trace_ids

Format = Literal["json", "console"]
# Fields every JSON line has, null when unknown (essay and correlation ids outside a message or essay request,
# trace ids when tracing is off).
CONTEXT_FIELDS = ("essay_id", "correlation_id", "trace_id", "span_id")
LEADING_FIELDS = ("timestamp", "service", "level", "logger", "message", *CONTEXT_FIELDS)
# What FastStream passes along with its own lines ("Received", "Processed").
BROKER_FIELDS = ("queue", "exchange", "message_id")
# FastStream's module logger comes with its own handler; a broker given `broker_logger()` logs here too.
FASTSTREAM_LOGGERS = ("faststream",)
BROKER_LOGGER = "faststream.access.rabbit"
# Libraries whose lines at these levels are noise or worse: httpx logs every request's full URL at INFO (an
# OpenAlex api_key is in its query); bibtexparser logs a user's broken entry at ERROR, which the gateway's 422
# already says.
QUIETED_LOGGERS = {"httpx": logging.WARNING, "httpcore": logging.WARNING, "bibtexparser": logging.CRITICAL}


def log_format(stream: TextIO, env: Mapping[str, str] | None = None) -> Format:
    """`LOG_FORMAT` if it says json or console; otherwise console on a terminal, JSON elsewhere."""
    chosen = (os.environ if env is None else env).get("LOG_FORMAT", "").strip().lower()
    if chosen in ("json", "console"):
        return "json" if chosen == "json" else "console"
    return "console" if stream.isatty() else "json"


def _add_service(service: str) -> Processor:
    def add(_logger: WrappedLogger, _name: str, event: EventDict) -> EventDict:
        event.setdefault("service", service)
        return event

    return add


def _add_trace_ids(_logger: WrappedLogger, _name: str, event: EventDict) -> EventDict:
    ids = current_trace_ids()
    event.setdefault("trace_id", ids[0] if ids else None)
    event.setdefault("span_id", ids[1] if ids else None)
    return event


def _every_field(_logger: WrappedLogger, _name: str, event: EventDict) -> EventDict:
    """Every field in one order (then whatever else the line carries), unknown ones null."""
    ordered = {name: event.pop(name, None) for name in LEADING_FIELDS}
    ordered.update(event)
    return ordered


def _drop_empty(_logger: WrappedLogger, _name: str, event: EventDict) -> EventDict:
    return {key: value for key, value in event.items() if value is not None and value != ""}


def formatter(service: str, fmt: Format) -> structlog.stdlib.ProcessorFormatter:
    """The formatter of every line, for standard-library records and structlog's alike."""
    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.ExtraAdder(allow=(*BROKER_FIELDS, "essay_id", "correlation_id")),
        structlog.processors.TimeStamper(fmt="iso", utc=True, key="timestamp"),
        _add_service(service),
        _add_trace_ids,
    ]
    if fmt == "json":
        rendering: list[Processor] = [
            structlog.processors.format_exc_info,
            structlog.processors.EventRenamer("message"),
            _every_field,
            structlog.processors.JSONRenderer(ensure_ascii=False),
        ]
    else:
        rendering = [_drop_empty, structlog.dev.ConsoleRenderer(colors=True)]
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *rendering],
    )


def setup_logging(
    service: str, level: str | int = "INFO", *, stream: TextIO | None = None, fmt: Format | None = None
) -> None:
    """Send every logger's lines to `stream` (stderr) through `formatter`; replaces `logging.basicConfig`."""
    stream = stream or sys.stderr
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter(service, fmt or log_format(stream)))
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level.upper() if isinstance(level, str) else level)
    for name in (*FASTSTREAM_LOGGERS, BROKER_LOGGER, "uvicorn", "uvicorn.error", "uvicorn.access"):
        own = logging.getLogger(name)
        own.handlers = []  # theirs would print a second, differently formatted line
        own.propagate = True
        # the root's level decides, whatever an earlier configuration (uvicorn's own, say) set on them;
        # uvicorn.run(log_level=...) still sets its loggers' level after this
        own.setLevel(logging.NOTSET)
        own.disabled = False
    for name, quiet in QUIETED_LOGGERS.items():
        logging.getLogger(name).setLevel(quiet)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.stdlib.filter_by_level,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def broker_logger() -> logging.Logger:
    """The logger to give a RabbitBroker, so its lines go through `setup_logging`'s formatter (FastStream's
    default logger prints to stdout with its own format and does not propagate)."""
    return logging.getLogger(BROKER_LOGGER)


@contextmanager
def bound(**fields: Any) -> Iterator[None]:
    """Add `fields` (essay_id, correlation_id...) to every line logged in this context until the block ends."""
    with structlog.contextvars.bound_contextvars(**{k: v for k, v in fields.items() if v is not None}):
        yield


class BindPathIds:
    """ASGI middleware: binds the named groups `pattern` finds in a request's path (e.g. `essay_id`) to its
    log lines."""

    def __init__(self, app: ASGIApp, pattern: str):
        self.app = app
        self._pattern = re.compile(pattern)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the request with its ids bound."""
        found = self._pattern.search(scope.get("path", "")) if scope["type"] == "http" else None
        if found is None:
            await self.app(scope, receive, send)
            return
        with bound(**{k: _number(v) for k, v in found.groupdict().items()}):
            await self.app(scope, receive, send)


def _number(value: str | None) -> int | str | None:
    return int(value) if value is not None and value.isdigit() else value
