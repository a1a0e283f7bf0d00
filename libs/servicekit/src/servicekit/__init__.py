"""Pieces every RefGen service shares at its edges; services still never import each other."""

from servicekit.body_limit import BodyLimit
from servicekit.broker_context import broker_middlewares
from servicekit.errors import install_json_errors, validation_detail
from servicekit.logs import BindPathIds, broker_logger, setup_logging
from servicekit.metrics import (
    LLMMeter,
    install_http_metrics,
    llm_error_class,
    route_recorder,
)
from servicekit.observe import observe
from servicekit.outage import DATABASE_OUTAGES, is_database_outage, on_database_outage
from servicekit.outages import through_outages
from servicekit.retry import (
    RetriesOver,
    backoff_delay,
    parse_retry_after,
    retry_with_backoff,
    retryable_status,
)
from servicekit.s3 import S3_CONFIG, open_s3
from servicekit.stream import serve, stream_app
from servicekit.telemetry import setup_tracing, trace_app

__all__ = [
    "DATABASE_OUTAGES",
    "S3_CONFIG",
    "BindPathIds",
    "BodyLimit",
    "LLMMeter",
    "RetriesOver",
    "backoff_delay",
    "broker_logger",
    "broker_middlewares",
    "install_http_metrics",
    "install_json_errors",
    "is_database_outage",
    "llm_error_class",
    "observe",
    "on_database_outage",
    "open_s3",
    "parse_retry_after",
    "retry_with_backoff",
    "retryable_status",
    "route_recorder",
    "serve",
    "setup_logging",
    "setup_tracing",
    "stream_app",
    "through_outages",
    "trace_app",
    "validation_detail",
]
