"""What a client following an essay live is told: the entries of its ordered event log, without I/O.

The aggregate records a note for every change a follower sees (a status change, a unit written, the manifest's
size); the unit of work appends them to `gateway.essay_events` in the transaction that saves the change, and
the stream sends each entry once, under its log id, so a reconnect with `Last-Event-ID` resumes exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from gateway.essays.domain.rules import EssayStatus

Kind = Literal["status", "unit", "manifest"]
FINAL = frozenset({EssayStatus.GENERATED.value, EssayStatus.FAILED.value})


@dataclass(frozen=True)
class ProgressNote:
    """One change worth telling a follower, not yet in the log."""

    kind: Kind
    data: dict[str, Any]


@dataclass(frozen=True)
class LogEntry:
    """One entry of an essay's event log: its id (the SSE id), kind (the SSE event) and data."""

    id: int
    kind: str
    data: dict[str, Any]

    @property
    def final(self) -> bool:
        """Whether the stream ends after it (the essay is GENERATED or FAILED)."""
        return self.kind == "status" and self.data.get("status") in FINAL


def status_note(
    status: EssayStatus,
    *,
    generation: int,
    sections_done: int,
    sections_total: int,
    failure_reason: str | None,
) -> ProgressNote:
    """The essay moved to `status`."""
    return ProgressNote(
        "status",
        {
            "status": status.value,
            "generation": generation,
            "sections_done": sections_done,
            "sections_total": sections_total,
            "failure_reason": failure_reason,
        },
    )


def unit_note(
    *,
    generation: int,
    section_index: int,
    title: str,
    written_chars: int,
    sections_done: int,
    sections_total: int,
) -> ProgressNote:
    """A unit of the version was written (the first time: a redelivery writes no note)."""
    return ProgressNote(
        "unit",
        {
            "generation": generation,
            "section_index": section_index,
            "title": title,
            "written_chars": written_chars,
            "sections_done": sections_done,
            "sections_total": sections_total,
        },
    )


def manifest_note(*, generation: int, sections_done: int, sections_total: int) -> ProgressNote:
    """The version's manifest is known: how many units it has."""
    return ProgressNote(
        "manifest",
        {"generation": generation, "sections_done": sections_done, "sections_total": sections_total},
    )


def snapshot(
    essay_id: int,
    last_id: int,
    status: str,
    *,
    generation: int,
    sections_done: int,
    sections_total: int,
    failure_reason: str | None,
) -> LogEntry:
    """Where the essay stands, as a status entry under the id of the last log entry it includes."""
    data = status_note(
        EssayStatus(status),
        generation=generation,
        sections_done=sections_done,
        sections_total=sections_total,
        failure_reason=failure_reason,
    ).data
    return LogEntry(last_id, "status", {"essay_id": essay_id, **data})


def resume_point(last_event_id: str | None) -> int | None:
    """The log id a reconnecting client saw last; None for a first connection (or an id we never sent)."""
    if last_event_id is None:
        return None
    text = last_event_id.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        return None
    return int(text)
