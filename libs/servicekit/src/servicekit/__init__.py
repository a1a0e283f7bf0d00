"""Pieces every RefGen service shares at its edges; services still never import each other."""

from servicekit.body_limit import BodyLimit
from servicekit.outage import DATABASE_OUTAGES, is_database_outage, on_database_outage
from servicekit.outages import through_outages
from servicekit.retry import (
    RetriesOver,
    backoff_delay,
    parse_retry_after,
    retry_with_backoff,
    retryable_status,
)

__all__ = [
    "DATABASE_OUTAGES",
    "BodyLimit",
    "RetriesOver",
    "backoff_delay",
    "is_database_outage",
    "on_database_outage",
    "parse_retry_after",
    "retry_with_backoff",
    "retryable_status",
    "through_outages",
]
