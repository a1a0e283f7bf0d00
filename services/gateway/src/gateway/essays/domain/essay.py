"""The Essay aggregate: the gateway's essay record and every rule of its state machine, without I/O.

PLANNING → PLAN_GENERATED → GENERATING → GENERATED | FAILED; a FAILED version resumes or a new one starts;
a GENERATED essay may be regenerated. Each change it accepts is recorded (`changed`) together with the
messages to publish (`outbox`), which a unit of work saves in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from contracts.base import Event
from contracts.essay import GenerationRequested, OutlineChapter, PlanRequested, TitlePage
from contracts.sources import MAX_USER_SOURCES, SourceRecord
from gateway.essays.domain.outline import Chapter, Manifest, Subsection
from gateway.essays.domain.progress import ProgressNote, manifest_note, status_note, unit_note
from gateway.essays.domain.rules import EssayStatus, PdfState, stall_deadline, stall_reason

REASON_LIMIT = 1000
_WRITTEN_OR_WRITING = (EssayStatus.GENERATING, EssayStatus.FAILED, EssayStatus.GENERATED)


class Refused(Exception):
    """The essay's state does not allow what was asked."""


class TooMuchLiterature(ValueError):
    """More of the user's own sources than an essay takes."""


@dataclass
class Essay:
    """One user's essay: request fields, status, version, outline and the outcome of its last version."""

    user_id: int
    topic: str
    subject: str
    checked_by: str
    language: str
    page_count: int
    chapters_count: int
    status: EssayStatus = EssayStatus.PLANNING
    id: int | None = None
    generation: int = 0
    task_id: UUID | None = None
    failure_reason: str | None = None
    sections_total: int = 0
    object_key: str | None = None
    document_size: int | None = None
    pdf_object_key: str | None = None  # the same document as PDF, when the printer could convert it
    pdf_state: PdfState | None = None  # None: no PDF promised for this version
    metadata: dict[str, Any] | None = None
    updated_at: datetime | None = None
    chapters: list[Chapter] = field(default_factory=list)
    manifest: Manifest = field(default_factory=Manifest)
    literature: list[SourceRecord] = field(default_factory=list)
    literature_version: int = 0  # one more with every edit of the literature
    written_literature_version: int = 0  # the edit the current version was written from
    literature_changed: bool = False
    sources_verified: bool | None = None
    sources_problem: str | None = None
    changed: bool = False
    outbox: list[Event] = field(default_factory=list)
    progress: list[ProgressNote] = field(default_factory=list)  # for the event log, saved with the change

    @property
    def in_the_making(self) -> bool:
        """Whether a stage is working on it (its outline or a version)."""
        return self.status in (EssayStatus.PLANNING, EssayStatus.GENERATING)

    def request_outline(self, correlation_id: UUID) -> None:
        """Ask the planner for the outline of this (saved, PLANNING) essay."""
        assert self.id is not None, "an essay asks for its outline once it has an id"
        self._publish(
            PlanRequested(
                essay_id=self.id,
                correlation_id=correlation_id,
                topic=self.topic,
                subject=self.subject,
                language=self.language,
                page_count=self.page_count,
                chapters_count=self.chapters_count,
            )
        )

    def draft_outline(self, chapters: Sequence[OutlineChapter]) -> bool:
        """Take the drafted outline if the essay still waits for it, or failed waiting for it (a dead letter or
        the watchdog) and the outline arrived after all."""
        waiting = self.status == EssayStatus.PLANNING
        if not (
            waiting or (self.status == EssayStatus.FAILED and not self.chapters and self.generation == 0)
        ):
            return False
        self.chapters = [
            Chapter(
                position=n,
                title=chapter.title,
                synopsis=chapter.synopsis,
                subsections=[
                    Subsection(position=k, title=sub.title, synopsis=sub.synopsis)
                    for k, sub in enumerate(chapter.subsections, start=1)
                ],
            )
            for n, chapter in enumerate(chapters, start=1)
        ]
        self.failure_reason = None
        return self._move(EssayStatus.PLAN_GENERATED)

    def rename_chapter(self, chapter_id: int, title: str) -> bool:
        """Rename one chapter while no document is being written from the outline; False if it is not ours."""
        chapter = next((c for c in self.chapters if c.id == chapter_id), None)
        if chapter is None:
            return False
        self._check_editable()
        chapter.title, chapter.renamed = title, True
        self.changed = True
        return True

    def rename_subsection(self, subsection_id: int, title: str) -> bool:
        """Rename one subsection under the same rule as chapters; False if it is not ours."""
        found = next((s for c in self.chapters for s in c.subsections if s.id == subsection_id), None)
        if found is None:
            return False
        self._check_editable()
        found.title, found.renamed = title, True
        self.changed = True
        return True

    def add_literature(self, records: Sequence[SourceRecord]) -> int:
        """Add the user's own records (a work already there is kept once); how many were new."""
        self._check_editable()
        known = {record.key for record in self.literature}
        new = [record for record in records if record.key not in known]
        if len(self.literature) + len(new) > MAX_USER_SOURCES:
            raise TooMuchLiterature(
                f"an essay takes at most {MAX_USER_SOURCES} sources of your own; it has {len(self.literature)}"
                f" and this adds {len(new)}"
            )
        if new:
            self.literature.extend(new)
            self._literature_edited()
        return len(new)

    def clear_literature(self) -> int:
        """Remove the user's own records; how many there were."""
        self._check_editable()
        count = len(self.literature)
        if count:
            self.literature.clear()
            self._literature_edited()
        return count

    def _literature_edited(self) -> None:
        self.literature_version += 1
        self.literature_changed = self.changed = True

    def _check_editable(self) -> None:
        if self.status == EssayStatus.GENERATING:
            raise Refused(
                f"the essay is {self.status}; its outline and sources can change once it has finished"
            )

    def start_generation(self, title_page: TitlePage, metadata: dict[str, Any], task_id: UUID) -> bool:
        """Start writing: resume a failed version whose outline is unchanged (only its missing sections are
        asked for), else start a new version. A generated essay is written again only once its outline was
        edited since; on a running essay, or a generated one as it is, start nothing (False)."""
        self.check_generatable()
        if self.status == EssayStatus.GENERATING or (
            self.status == EssayStatus.GENERATED and not self._edited()
        ):
            return False
        resume = self._resumable()
        if not resume:
            self.generation += 1
            self.sections_total = 0
            self.manifest = Manifest()
            self.sources_verified = self.sources_problem = None
            self.written_literature_version = self.literature_version
        # a new task id either way: a resumed attempt's failures are its own
        self.task_id, self.metadata = task_id, metadata
        self.failure_reason = self.object_key = self.document_size = self.pdf_object_key = None
        self.pdf_state = None
        self._move(EssayStatus.GENERATING)
        self._publish(
            GenerationRequested(
                essay_id=self._id(),
                correlation_id=task_id,
                generation=self.generation,
                topic=self.topic,
                subject=self.subject,
                language=self.language,
                page_count=self.page_count,
                chapters=tuple(c.outline() for c in self.chapters),
                title_page=title_page,
                written=tuple(sorted(self.manifest.written)) if resume else (),
                sources=tuple(self.literature),
            )
        )
        return True

    def check_generatable(self) -> None:
        """Refuse generating an essay that has no outline to write from."""
        if self.status == EssayStatus.PLANNING:
            raise Refused("the outline is still being drafted; generate once the status is PLAN_GENERATED")
        if self.status == EssayStatus.FAILED and not self.chapters:
            raise Refused("the outline could not be drafted; plan the essay again")

    def allocate(self, generation: int, sections: int) -> bool:
        """The manifest of a version is known: how many sections it has."""
        if generation != self.generation:
            return False
        if sections != self.sections_total:
            done = len(self.manifest.written)
            self.progress.append(
                manifest_note(generation=generation, sections_done=done, sections_total=sections)
            )
        self.sections_total, self.changed = sections, True
        return True

    def sources_allocated(self, generation: int, verified: bool, problem: str) -> bool:
        """The manifest says whether the version's list of sources is made of real records, and why not."""
        if generation != self.generation:
            return False
        self.sources_verified, self.sources_problem = verified, (problem or None)
        self.changed = True
        return True

    def section_written(self, generation: int, index: int, title: str = "", written_chars: int = 0) -> bool:
        """A section of a version is written (progress, even before the manifest)."""
        if generation != self.generation:
            return False
        fresh = index not in self.manifest.written
        self.manifest = Manifest(self.manifest.unit_titles, self.manifest.written | {index})
        self.changed = True
        if fresh:  # a unit written again (a redelivery under another id) is no news
            self.progress.append(
                unit_note(
                    generation=generation,
                    section_index=index,
                    title=title or f"section {index}",
                    written_chars=written_chars,
                    sections_done=len(self.manifest.written),
                    sections_total=self.sections_total,
                )
            )
        return True

    def document_assembled(
        self, generation: int, object_key: str, size: int, pdf_pending: bool = False
    ) -> bool:
        """The document of the current version is in storage: the essay is GENERATED, also when that version
        was failed meanwhile (a dead letter or the watchdog) and its sections were written after all."""
        if self.status not in (EssayStatus.GENERATING, EssayStatus.FAILED) or generation != self.generation:
            return False
        self.object_key, self.document_size, self.failure_reason = object_key, size, None
        if pdf_pending and self.pdf_state is None:  # the PDF's own report may have come first
            self.pdf_state = PdfState.PENDING
        return self._move(EssayStatus.GENERATED)

    def document_converted(self, generation: int, pdf_object_key: str | None) -> bool:
        """The PDF of the current version's document is stored (or could not be made); it may be heard before
        the document itself (another queue). A late report of a failure does not undo a stored PDF."""
        if generation != self.generation or self.status not in _WRITTEN_OR_WRITING:
            return False
        if pdf_object_key is None and self.pdf_state == PdfState.READY:
            return False
        self.pdf_object_key = pdf_object_key
        self.pdf_state = PdfState.READY if pdf_object_key else PdfState.FAILED
        self.changed = True
        return True

    def fail(self, generation: int | None, reason: str) -> bool:
        """Fail the outline (no generation) or that version, if it is still in the making."""
        if generation is None:
            if self.status != EssayStatus.PLANNING:
                return False
        elif self.status != EssayStatus.GENERATING or generation != self.generation:
            return False
        self.failure_reason = reason[:REASON_LIMIT]
        return self._move(EssayStatus.FAILED)

    def fail_if_stalled(self, now: datetime, *, base: float, per_section: float) -> bool:
        """Fail the essay if it has made no progress for longer than its deadline allows."""
        if not self.in_the_making or self.updated_at is None:
            return False
        idle = (now - self.updated_at).total_seconds()
        sections = (
            max(self.sections_total, self.chapters_count + 3) if self.status == EssayStatus.GENERATING else 0
        )
        if idle < stall_deadline(sections, base=base, per_section=per_section):
            return False
        self.failure_reason = stall_reason(self.status, idle)
        return self._move(EssayStatus.FAILED)

    def _resumable(self) -> bool:
        return (
            self.status == EssayStatus.FAILED
            and bool(self.manifest.unit_titles)
            and not self._edited()
            and not (self.failure_reason or "").startswith("printing")
        )

    def _edited(self) -> bool:
        """Whether the outline or the literature changed since the current version was started."""
        return self._outline_edited() or self.literature_version != self.written_literature_version

    def _outline_edited(self) -> bool:
        return self.manifest.unit_titles != tuple(unit for c in self.chapters for unit in c.unit_titles())

    def _move(self, status: EssayStatus) -> bool:
        self.status, self.changed = status, True
        self.progress.append(
            status_note(
                status,
                generation=self.generation,
                sections_done=len(self.manifest.written),
                sections_total=self.sections_total,
                failure_reason=self.failure_reason,
            )
        )
        return True

    def _publish(self, event: Event) -> None:
        self.outbox.append(event)
        self.changed = True

    def _id(self) -> int:
        assert self.id is not None, "a saved essay has an id"
        return self.id
