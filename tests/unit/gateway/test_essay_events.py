"""The essay event log: notes the aggregate records, their rendering as SSE, and resuming a stream."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from uuid import UUID

import pytest

from contracts.essay import OutlineChapter, TitlePage
from gateway.essays.adapters.notifier import EssayChanges
from gateway.essays.domain.essay import Essay
from gateway.essays.domain.outline import Manifest
from gateway.essays.domain.progress import LogEntry, resume_point
from gateway.essays.domain.rules import EssayStatus
from gateway.essays.errors import NotFound
from gateway.essays.events_route import render
from gateway.essays.live import EssayEvents

PAGE = TitlePage(university="КГТУ", faculty="ИТ", subject="История", topic="Путь", author="А. А.", year=2026)


def _generating() -> Essay:
    essay = Essay(
        id=3, user_id=1, topic="Путь", subject="История", checked_by="И. И.", language="ru", page_count=10,
        chapters_count=1,
    )  # fmt: skip
    essay.draft_outline([OutlineChapter(title="Истоки")])
    essay.start_generation(PAGE, {}, task_id=UUID(int=1))
    return essay


def test_every_status_change_and_first_write_of_a_unit_is_noted_once() -> None:
    essay = _generating()
    assert essay.allocate(1, 3) and essay.allocate(1, 3)  # a redelivered manifest is no news
    essay.section_written(1, 0, "Введение", 1800)
    essay.section_written(1, 0, "Введение", 1800)  # written again under another event id
    essay.section_written(1, 1, "Истоки", 3600)
    essay.section_written(2, 2, "elsewhere", 5)  # another version's: ignored
    essay.fail(1, "writing: the LLM gave up")
    kinds = [(note.kind, note.data.get("status"), note.data["sections_done"]) for note in essay.progress]
    assert kinds == [
        ("status", "PLAN_GENERATED", 0),
        ("status", "GENERATING", 0),
        ("manifest", None, 0),
        ("unit", None, 1),
        ("unit", None, 2),
        ("status", "FAILED", 2),
    ]
    units = [note.data for note in essay.progress if note.kind == "unit"]
    assert [(u["title"], u["written_chars"], u["sections_total"]) for u in units] == [
        ("Введение", 1800, 3),
        ("Истоки", 3600, 3),
    ]
    assert essay.progress[-1].data["failure_reason"] == "writing: the LLM gave up"


def test_a_unit_before_the_manifest_is_named_by_its_index() -> None:
    essay = _generating()
    essay.section_written(1, 4)
    assert essay.progress[-1].data["title"] == "section 4"
    assert essay.progress[-1].data["sections_total"] == 0


def test_a_resumed_version_counts_on_from_its_written_units() -> None:
    essay = _generating()
    essay.allocate(1, 3)
    essay.section_written(1, 0, "Введение", 10)
    essay.manifest = Manifest((("Истоки", None),), essay.manifest.written)  # as loaded from the database
    essay.fail(1, "stalled")
    essay.progress.clear()
    essay.start_generation(PAGE, {}, task_id=UUID(int=2))
    essay.section_written(1, 1, "Истоки", 10)
    assert [(n.data.get("status"), n.data["sections_done"]) for n in essay.progress] == [
        ("GENERATING", 1),
        (None, 2),
    ]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("42", 42),
        (" 7 ", 7),
        ("0", 0),
        ("-1", None),
        ("abc", None),
        ("٣", None),
        ("9" * 19, None),
    ],
)
def test_last_event_id_is_a_log_id_or_ignored(header: str | None, expected: int | None) -> None:
    assert resume_point(header) == expected


def test_an_entry_renders_as_one_sse_event_with_its_id_and_kind() -> None:
    entry = LogEntry(17, "unit", {"essay_id": 3, "title": "Истоки", "sections_done": 2})
    text = render(entry, retry_ms=3000).encode().decode()
    assert text.splitlines() == [
        "id: 17",
        "event: unit",
        'data: {"essay_id":3,"title":"Истоки","sections_done":2}',
        "retry: 3000",
        "",
    ]
    assert "retry" not in render(entry).encode().decode()


class FakeLog:
    """An essay's log as a list; entries appended while a stream follows it."""

    def __init__(self, status: str = "GENERATING") -> None:
        self.entries: list[LogEntry] = []
        self.status = status

    def append(self, kind: str, **data: object) -> None:
        self.entries.append(LogEntry(len(self.entries) + 1, kind, {"essay_id": 3, **data}))

    async def snapshot(self, essay_id: int, user_id: int) -> LogEntry | None:
        if (essay_id, user_id) != (3, 1):
            return None
        last = self.entries[-1].id if self.entries else 0
        return LogEntry(last, "status", {"essay_id": 3, "status": self.status})

    async def after(self, essay_id: int, last_id: int) -> list[LogEntry]:
        return [e for e in self.entries if e.id > last_id][:2]  # pages of two: the stream reads on


class FakeChange:
    """A change notice to wait on: each wait lets the test's writer append the next entries."""

    def __init__(self, log: FakeLog, script: list[list[tuple[str, dict[str, object]]]]) -> None:
        self.log, self.script, self.waits = log, script, 0

    def clear(self) -> None:
        pass

    async def wait(self) -> bool:
        self.waits += 1
        for kind, data in self.script.pop(0) if self.script else []:
            self.log.append(kind, **data)
            if kind == "status":
                self.log.status = str(data["status"])
        await asyncio.sleep(0)
        return True


class FakeChanges:
    """Hands out one FakeChange per stream."""

    def __init__(self, log: FakeLog, script: list[list[tuple[str, dict[str, object]]]]) -> None:
        self.change = FakeChange(log, script)

    @contextlib.contextmanager
    def watching(self, essay_id: int) -> Iterator[FakeChange]:
        yield self.change


async def _collect(entries: AsyncIterator[LogEntry] | None) -> list[tuple[int, str, object]]:
    assert entries is not None
    return [
        (e.id, e.kind, e.data.get("status", e.data.get("sections_done"))) for e in [x async for x in entries]
    ]


def _stream(log: FakeLog, script: list[list[tuple[str, dict[str, object]]]]) -> EssayEvents:
    return EssayEvents(log, FakeChanges(log, script), recheck_seconds=0.01)


async def test_a_new_follower_gets_the_state_then_every_entry_until_the_end() -> None:
    log = FakeLog()
    for n in (1, 2):
        log.append("unit", sections_done=n)
    script = [
        [],  # a wake-up with nothing new (a notice for another change, or the recheck)
        [("unit", {"sections_done": 3}), ("unit", {"sections_done": 4}), ("unit", {"sections_done": 5})],
        [
            ("status", {"status": "GENERATED"}),
            ("unit", {"sections_done": 9}),
        ],  # nothing after the end is sent
    ]
    got = await _collect(await _stream(log, script).open(1, 3, None))
    assert got == [
        (2, "status", "GENERATING"),
        (3, "unit", 3),
        (4, "unit", 4),
        (5, "unit", 5),
        (6, "status", "GENERATED"),
    ]


async def test_a_reconnect_gets_exactly_the_entries_after_its_last_id() -> None:
    log = FakeLog(status="GENERATED")
    for n in range(1, 5):
        log.append("unit", sections_done=n)
    log.append("status", status="GENERATED")
    events = _stream(log, [])
    assert await _collect(await events.open(1, 3, "2")) == [
        (3, "unit", 3),
        (4, "unit", 4),
        (5, "status", "GENERATED"),
    ]
    # the end already seen: nothing more will come
    assert await events.open(1, 3, "5") is None
    assert await events.open(1, 3, "500") is None  # an id never sent for this essay counts as its end
    assert await _collect(await events.open(1, 3, "junk")) == [(5, "status", "GENERATED")]


async def test_a_finished_essay_sends_its_final_state_and_ends() -> None:
    log = FakeLog(status="FAILED")
    log.append("status", status="FAILED")
    assert await _collect(await _stream(log, []).open(1, 3, None)) == [(1, "status", "FAILED")]


async def test_someone_elses_essay_is_not_found() -> None:
    with pytest.raises(NotFound):
        await _stream(FakeLog(), []).open(2, 3, None)
    assert EssayStatus.GENERATED.value == "GENERATED"


async def test_a_connection_ends_after_its_longest_time_and_the_client_resumes_by_id() -> None:
    log = FakeLog()
    log.append("unit", sections_done=1)
    now = [0.0]

    class Clock:
        def __call__(self) -> float:
            now[0] += 10  # each look at the clock is 10 s later
            return now[0]

    events = EssayEvents(log, FakeChanges(log, []), recheck_seconds=0.01, max_seconds=25, clock=Clock())
    got = await _collect(await events.open(1, 3, None))
    assert got == [(1, "status", "GENERATING")]  # no more entries came: the stream rotated, not hung
    log.append("unit", sections_done=2)
    assert await _collect(await _stream(log, [[("status", {"status": "GENERATED"})]]).open(1, 3, "1")) == [
        (2, "unit", 2),
        (3, "status", "GENERATED"),
    ]


async def test_a_connection_ends_when_the_callers_token_expires() -> None:
    log = FakeLog()
    now = [0.0]

    def clock() -> float:
        now[0] += 10
        return now[0]

    # no longest time set, but the token has 15 s left: the stream ends rather than outlive it
    events = EssayEvents(log, FakeChanges(log, [[]] * 100), recheck_seconds=0.01, clock=clock)
    got = await _collect(await events.open(1, 3, None, seconds_left=15))
    assert got == [(0, "status", "GENERATING")]
    assert now[0] <= 40  # ended at the expiry, not after a hundred wake-ups


async def test_a_change_between_a_read_and_the_wait_is_not_missed() -> None:
    changes = EssayChanges(connect=None)  # type: ignore[arg-type]  # never started: notices come from the test

    class NoticedLog(FakeLog):
        """The essay finishes while the stream reads its log: the notice arrives before the stream waits."""

        async def after(self, essay_id: int, last_id: int) -> list[LogEntry]:
            found = await super().after(essay_id, last_id)
            if not found and self.status != "GENERATED":
                self.append("status", status="GENERATED")
                self.status = "GENERATED"
                changes._on_notify("3")
            return found

    events = EssayEvents(NoticedLog(), changes, recheck_seconds=60)  # a missed notice would wait a minute
    async with asyncio.timeout(5):
        got = await _collect(await events.open(1, 3, None))
    assert got == [(0, "status", "GENERATING"), (1, "status", "GENERATED")]
