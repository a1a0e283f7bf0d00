"""Normocontrol: an independent GOST 7.32-2017 formatting check of RefGen essays (DOCX)."""

from .check import check_docx
from .report import Report, Violation

__all__ = ["Report", "Violation", "check_docx"]
