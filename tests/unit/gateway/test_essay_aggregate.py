"""The Essay aggregate's state machine, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from contracts.essay import GenerationRequested, OutlineChapter, OutlineSubsection, PlanRequested, TitlePage
from contracts.sources import MAX_USER_SOURCES, SourceRecord
from gateway.essays.domain.essay import Essay, Refused, TooMuchLiterature
from gateway.essays.domain.outline import Chapter, Manifest
from gateway.essays.domain.rules import EssayStatus, PdfState

PAGE = TitlePage(
    university="КГТУ", faculty="ИТ", subject="История", topic="Шёлковый путь", author="А. А.", year=2026
)
TASK = UUID(int=7)
NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
UNITS = (("Истоки", None), ("Расцвет", "Караваны"), ("Расцвет", "Города"))


def _essay(status: EssayStatus = EssayStatus.PLANNING, **fields: object) -> Essay:
    essay = Essay(
        id=3,
        user_id=1,
        topic="Шёлковый путь",
        subject="История",
        checked_by="Иванов И. И.",
        language="ru",
        page_count=12,
        chapters_count=2,
        status=status,
        **fields,  # type: ignore[arg-type]
    )
    return essay


def _planned(**fields: object) -> Essay:
    essay = _essay()
    essay.draft_outline(
        [
            OutlineChapter(title="Истоки", synopsis="о начале"),
            OutlineChapter(
                title="Расцвет",
                synopsis="о торговле",
                subsections=(OutlineSubsection(title="Караваны"), OutlineSubsection(title="Города")),
            ),
        ]
    )
    for n, chapter in enumerate(essay.chapters, start=1):
        chapter.id = 10 + n
        for k, sub in enumerate(chapter.subsections, start=1):
            sub.id = 100 * n + k
    essay.changed, essay.outbox = False, []
    for name, value in fields.items():
        setattr(essay, name, value)
    return essay


def _generating() -> Essay:
    essay = _planned()
    essay.start_generation(PAGE, {}, TASK)
    essay.manifest = Manifest(unit_titles=UNITS)
    essay.changed, essay.outbox = False, []
    return essay


def test_a_new_essay_asks_for_its_outline_once_saved() -> None:
    essay = _essay()
    essay.request_outline(UUID(int=1))
    (event,) = essay.outbox
    assert isinstance(event, PlanRequested) and (event.essay_id, event.page_count) == (3, 12)


def test_the_outline_is_taken_only_while_planning() -> None:
    essay = _planned()
    assert essay.status == EssayStatus.PLAN_GENERATED
    assert [c.title for c in essay.chapters] == ["Истоки", "Расцвет"]
    assert not essay.draft_outline([OutlineChapter(title="Другое")])  # a duplicate or late outline
    assert [c.title for c in essay.chapters] == ["Истоки", "Расцвет"] and not essay.changed


def test_generation_starts_a_version_with_its_request() -> None:
    essay = _planned()
    assert essay.start_generation(PAGE, {"year": 2026}, TASK)
    assert (essay.status, essay.generation, essay.task_id) == (EssayStatus.GENERATING, 1, TASK)
    (event,) = essay.outbox
    assert isinstance(event, GenerationRequested)
    assert (event.generation, event.correlation_id, event.written) == (1, TASK, ())
    assert [c.title for c in event.chapters] == ["Истоки", "Расцвет"]
    assert [s.title for s in event.chapters[1].subsections] == ["Караваны", "Города"]


def test_generate_on_a_running_or_unchanged_generated_essay_starts_nothing() -> None:
    essay = _generating()
    assert not essay.start_generation(PAGE, {}, UUID(int=8)) and essay.task_id == TASK
    assert essay.document_assembled(1, "essays/3/v1.docx", 100)
    assert not essay.start_generation(PAGE, {}, UUID(int=8)) and essay.generation == 1


def test_an_edited_generated_essay_is_written_again_as_a_new_version() -> None:
    essay = _generating()
    essay.document_assembled(1, "essays/3/v1.docx", 100)
    essay.rename_chapter(12, "Закат")
    assert essay.start_generation(PAGE, {}, UUID(int=8))
    assert (essay.status, essay.generation, essay.object_key) == (EssayStatus.GENERATING, 2, None)


def test_a_versions_pdf_follows_its_docx_and_goes_with_it() -> None:
    essay = _generating()
    assert essay.document_assembled(1, "essays/3/v1.docx", 100, pdf_pending=True)
    assert essay.status == EssayStatus.GENERATED and essay.pdf_state == PdfState.PENDING
    assert not essay.document_converted(2, "essays/3/v2.pdf")  # another version's
    assert essay.document_converted(1, "essays/3/v1.pdf")
    assert (essay.pdf_object_key, essay.pdf_state) == ("essays/3/v1.pdf", PdfState.READY)
    assert not essay.document_converted(1, None)  # a late report of an earlier failed attempt changes nothing
    assert (essay.pdf_object_key, essay.pdf_state) == ("essays/3/v1.pdf", PdfState.READY)
    essay.rename_chapter(12, "Закат")
    assert essay.start_generation(PAGE, {}, UUID(int=8))
    assert (essay.pdf_object_key, essay.pdf_state) == (None, None)
    assert not essay.document_converted(1, "essays/3/v1.pdf")  # the old version's PDF is not this one's
    assert essay.document_assembled(2, "essays/3/v2.docx", 100, pdf_pending=True)
    assert essay.document_converted(2, None)  # the printer could not convert this one
    assert (essay.object_key, essay.pdf_object_key, essay.pdf_state) == (
        "essays/3/v2.docx",
        None,
        PdfState.FAILED,
    )
    assert essay.document_converted(2, "essays/3/v2.pdf")  # a later attempt could after all


def test_a_pdf_heard_before_its_document_is_kept() -> None:
    # the two events come through two queues: the PDF's report may be applied first
    essay = _generating()
    assert essay.document_converted(1, "essays/3/v1.pdf")
    assert essay.status == EssayStatus.GENERATING and essay.pdf_state == PdfState.READY
    assert essay.document_assembled(1, "essays/3/v1.docx", 100, pdf_pending=True)
    assert (essay.status, essay.pdf_object_key, essay.pdf_state) == (
        EssayStatus.GENERATED,
        "essays/3/v1.pdf",
        PdfState.READY,
    )


def test_without_a_pdf_promised_there_is_none_pending() -> None:
    essay = _generating()
    assert essay.document_assembled(1, "essays/3/v1.docx", 100)
    assert essay.pdf_state is None


def test_generate_is_refused_without_an_outline() -> None:
    with pytest.raises(Refused, match="still being drafted"):
        _essay().start_generation(PAGE, {}, TASK)
    failed = _essay()
    failed.fail(None, "planning: the model answered nonsense")
    with pytest.raises(Refused, match="plan the essay again"):
        failed.start_generation(PAGE, {}, TASK)


def test_chapters_are_locked_while_generating_and_only_ours_are_renamed() -> None:
    essay = _generating()
    with pytest.raises(Refused, match="GENERATING"):
        essay.rename_chapter(11, "Новое")
    planned = _planned()
    assert not planned.rename_chapter(99, "Чужая")
    assert planned.rename_chapter(11, "Новое") and planned.chapters[0] == Chapter(
        1, "Новое", "о начале", 11, True
    )


def test_a_failed_version_resumes_only_its_missing_sections() -> None:
    essay = _generating()
    essay.manifest = Manifest(UNITS, frozenset({0, 1}))
    assert essay.fail(1, "writing: section 2 failed")
    assert essay.start_generation(PAGE, {}, UUID(int=8))
    (event,) = essay.outbox
    assert isinstance(event, GenerationRequested)
    assert (event.generation, event.written, event.correlation_id) == (1, (0, 1), UUID(int=8))


@pytest.mark.parametrize(
    ("reason", "renamed"),
    [("printing: rendering failed", False), ("writing: section 2 failed", True)],
)
def test_a_failed_document_or_an_edited_outline_starts_a_new_version(reason: str, renamed: bool) -> None:
    essay = _generating()
    essay.manifest = Manifest(UNITS, frozenset({0, 1}))
    essay.fail(1, reason)
    if renamed:
        essay.rename_chapter(11, "Новое")
    essay.start_generation(PAGE, {}, UUID(int=8))
    assert essay.generation == 2 and essay.outbox[-1].written == ()  # type: ignore[attr-defined]


def test_a_renamed_subsection_makes_a_generated_essay_a_new_version() -> None:
    essay = _generating()
    essay.document_assembled(1, "essays/3/v1.docx", 100)
    assert not essay.start_generation(PAGE, {}, UUID(int=8))  # unchanged
    essay.rename_subsection(201, "Верблюды")
    assert essay.start_generation(PAGE, {}, UUID(int=8)) and essay.generation == 2


def test_a_failed_version_whose_document_arrives_after_all_is_generated() -> None:
    essay = _generating()
    essay.fail(
        1, "writer could not process SectionRequested: the message was rejected past its delivery limit"
    )
    assert essay.document_assembled(1, "essays/3/v1.docx", 100)
    assert (essay.status, essay.object_key) == (EssayStatus.GENERATED, "essays/3/v1.docx")
    assert essay.failure_reason is None


def test_events_of_another_version_change_nothing() -> None:
    essay = _generating()
    assert not essay.document_assembled(2, "essays/3/v2.docx", 1)
    assert not essay.fail(2, "late failure")
    assert not essay.allocate(2, 6) and not essay.section_written(2, 1)
    assert essay.status == EssayStatus.GENERATING and not essay.changed


def test_an_outline_that_arrives_after_its_essay_failed_waiting_revives_it() -> None:
    essay = _essay()
    essay.fail(None, "gateway could not process PlanDrafted: rejected")
    assert essay.draft_outline([OutlineChapter(title="Истоки")])
    assert (essay.status, essay.failure_reason) == (EssayStatus.PLAN_GENERATED, None)


def test_an_outline_failure_fails_only_a_planning_essay() -> None:
    assert not _planned().fail(None, "planning: late")
    essay = _essay()
    assert essay.fail(None, "planning: " + "x" * 2000)
    assert essay.status == EssayStatus.FAILED and len(essay.failure_reason or "") == 1000


def test_a_stalled_essay_fails_past_its_deadline_scaled_by_its_size() -> None:
    essay = _generating()
    essay.allocate(1, 10)
    essay.updated_at = NOW - timedelta(seconds=900 + 10 * 120 - 1)
    assert not essay.fail_if_stalled(NOW, base=900, per_section=120)
    essay.updated_at = NOW - timedelta(seconds=900 + 10 * 120 + 1)
    assert essay.fail_if_stalled(NOW, base=900, per_section=120)
    assert essay.status == EssayStatus.FAILED and "no progress on its sections" in (
        essay.failure_reason or ""
    )
    assert not _planned(updated_at=NOW - timedelta(days=1)).fail_if_stalled(NOW, base=900, per_section=120)


def _record(title: str, key: str) -> SourceRecord:
    return SourceRecord(title=title, key=key, origin="user", authors=("Иванов, Пётр",), year=2020)


def test_the_users_literature_travels_with_the_next_version_and_an_edit_makes_a_new_one() -> None:
    essay = _planned()
    assert essay.add_literature([_record("Книга", "doi:10.1/a"), _record("Статья", "user:статья")]) == 2
    assert essay.add_literature([_record("Книга", "doi:10.1/a")]) == 0  # the same work is kept once
    assert essay.literature_changed and essay.literature_version == 1
    essay.start_generation(PAGE, {}, TASK)
    essay.manifest = Manifest(unit_titles=UNITS)
    (event,) = essay.outbox
    assert isinstance(event, GenerationRequested)
    assert [r.title for r in event.sources] == ["Книга", "Статья"]
    with pytest.raises(Refused, match="GENERATING"):
        essay.add_literature([_record("Ещё", "user:ещё")])
    essay.document_assembled(1, "essays/3/v1.docx", 100)
    assert not essay.start_generation(PAGE, {}, UUID(int=8))  # nothing changed since
    assert essay.clear_literature() == 2
    assert essay.start_generation(PAGE, {}, UUID(int=8)) and essay.generation == 2


def test_the_manifest_says_whether_the_list_is_verified() -> None:
    essay = _generating()
    assert not essay.sources_allocated(5, True, "")
    assert essay.sources_allocated(1, False, "no bibliographic database is configured")
    assert (essay.sources_verified, essay.sources_problem) == (
        False,
        "no bibliographic database is configured",
    )


def test_too_much_literature_is_refused_whole() -> None:
    essay = _planned()
    many = [_record(f"Книга {n}", f"user:{n}") for n in range(MAX_USER_SOURCES + 1)]
    with pytest.raises(TooMuchLiterature):
        essay.add_literature(many)
    assert essay.literature == [] and not essay.changed
