"""Real records in a unit: named in its prompt, only their numbers kept, the list copied without the LLM."""

from __future__ import annotations

from uuid import uuid4

from contracts import OutlineChapter, SectionRequested, SectionSpec, SectionWritten
from contracts.blocks import CitationRun, ListBlock, ParagraphBlock, TextRun
from contracts.sources import NumberedSource, SourceRecord
from writer.domain.citing import keep_citations
from writer.domain.markdown import parse_markdown
from writer.domain.prompt import section_messages
from writer.service import SectionWriter, WriterOptions

from .fakes import ScriptedLLM, done, prose

RECORDS = (
    NumberedSource(
        number=3,
        record=SourceRecord(
            kind="article",
            title="Смарт-контракты в логистике",
            authors=("Иванов, Пётр Сергеевич",),
            year=2021,
            journal="Вестник информатики",
            doi="10.5555/a",
            abstract="Исследование применения смарт-контрактов. " * 30,
            origin="openalex",
            key="doi:10.5555/a",
        ),
    ),
    NumberedSource(
        number=5,
        record=SourceRecord(kind="book", title="Блокчейн", year=2019, origin="crossref", key="doi:10.5555/b"),
    ),
)


def request(kind: str = "chapter", sources: tuple[NumberedSource, ...] = RECORDS) -> SectionRequested:
    """A unit given two records, numbered 3 and 5 in the list."""
    return SectionRequested(
        essay_id=5,
        correlation_id=uuid4(),
        generation=1,
        topic="Блокчейн",
        subject="Информатика",
        language="ru",
        outline=(OutlineChapter(title="Основы"), OutlineChapter(title="Практика")),
        section=SectionSpec(
            index=1,
            kind=kind,
            title="Основы",
            chapter_number=1 if kind == "chapter" else None,
            target_chars=1500,
        ),
        sources=sources,
    )


def test_the_prompt_names_the_records_and_only_their_numbers() -> None:
    text = section_messages(request())[1]["content"]
    assert "[3] Иванов, Пётр Сергеевич. (2021) Смарт-контракты в логистике. Вестник информатики." in text
    assert "[5] (2019) Блокчейн." in text
    assert "(3, 5)" in text and "from 1 to" not in text
    assert len(text) < 4000  # the abstract is cut
    assert "from 1 to" in section_messages(request(sources=()))[1]["content"]


def test_invented_numbers_are_dropped_from_paragraphs_and_lists() -> None:
    blocks = parse_markdown("Текст [3] и ещё [4, 5]. Вывод [17].\n\n- пункт [9]\n- пункт [3, 12]")
    kept, dropped = keep_citations(blocks, {3, 5})
    assert dropped == 4
    paragraph, listing = kept
    assert isinstance(paragraph, ParagraphBlock) and isinstance(listing, ListBlock)
    assert [r.numbers for r in paragraph.runs if isinstance(r, CitationRun)] == [(3,), (5,)]
    assert "".join(r.text for r in paragraph.runs if isinstance(r, TextRun)).endswith("Вывод.")
    assert [tuple(r for r in item.runs if isinstance(r, CitationRun)) for item in listing.items] == [
        (),
        (CitationRun(numbers=(3,)),),
    ]


async def test_a_unit_keeps_only_the_numbers_it_was_given() -> None:
    answer = prose(1500) + " Как показано [3], и [14]."
    llm = ScriptedLLM([done(answer)])
    event = await SectionWriter(llm, WriterOptions(writer_id="w")).write(request())
    assert isinstance(event, SectionWritten)
    cited = {
        n
        for b in event.blocks
        if isinstance(b, ParagraphBlock)
        for r in b.runs
        if isinstance(r, CitationRun)
        for n in r.numbers
    }
    assert cited == {3}


async def test_the_list_of_real_records_is_copied_without_the_llm() -> None:
    llm = ScriptedLLM()
    event = await SectionWriter(llm, WriterOptions(writer_id="w")).write(request("references", RECORDS[::-1]))
    assert isinstance(event, SectionWritten) and not llm.json_calls and not llm.text_calls
    assert [s.title for s in event.sources] == ["Смарт-контракты в логистике", "Блокчейн"]
    assert [s.origin for s in event.sources] == ["openalex", "crossref"] and event.written_chars > 0
