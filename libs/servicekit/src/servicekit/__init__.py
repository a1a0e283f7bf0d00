"""Pieces every RefGen service shares at its edges; services still never import each other."""

from servicekit.body_limit import BodyLimit
from servicekit.outage import DATABASE_OUTAGES, is_database_outage, on_database_outage
from servicekit.outages import through_outages

__all__ = ["DATABASE_OUTAGES", "BodyLimit", "is_database_outage", "on_database_outage", "through_outages"]
