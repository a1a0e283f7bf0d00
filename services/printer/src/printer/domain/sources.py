"""Bibliography entries: GOST R 7.0.100-2018 for ru/ky (`sources_gost`), APA 7 for en (`sources_apa`).

An entry is a list of (text, italic) segments, because APA italicises titles, journals and volumes.
"""

from __future__ import annotations

from datetime import date

from contracts.blocks import SourceEntry
from printer.domain.labels import Labels
from printer.domain.sources_apa import apa, author_date
from printer.domain.sources_gost import gost
from printer.domain.sources_names import is_organisation, parse_author
from printer.domain.sources_text import Segment

__all__ = [
    "Segment",
    "apa",
    "author_date",
    "format_entry",
    "gost",
    "is_organisation",
    "parse_author",
    "plain",
]


def format_entry(entry: SourceEntry, language: str, labels: Labels, default_access: date) -> list[Segment]:
    """Format one source for the essay's language."""
    return apa(entry, default_access) if language == "en" else gost(entry, labels, default_access)


def plain(segments: list[Segment]) -> str:
    """The text of an entry without emphasis."""
    return "".join(t for t, _ in segments)
