"""Pieces every RefGen service shares at its edges; services still never import each other."""

from servicekit.body_limit import BodyLimit
from servicekit.outage import DATABASE_OUTAGES, on_database_outage

__all__ = ["DATABASE_OUTAGES", "BodyLimit", "on_database_outage"]
