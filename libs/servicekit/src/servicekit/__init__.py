"""Pieces every RefGen service shares at its edges; services still never import each other."""

from servicekit.body_limit import BodyLimit

__all__ = ["BodyLimit"]
