"""Ordering the list of sources and renumbering every citation marker to match it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from contracts.blocks import (
    Block,
    CitationRun,
    Inline,
    ListBlock,
    ListItem,
    ParagraphBlock,
    SourceEntry,
    TextRun,
)
from printer.domain.labels import Labels
from printer.domain.settings import SourceOrder
from printer.domain.sources import Segment, author_date, format_entry, plain

# Kyrgyz extends the Russian alphabet (ң after н, ө after о, ү after у); ё sorts after е.
_ALPHABET = "абвгдеёжзийклмнңоөпрстуүфхһцчшщъыьэюяіїєґўәғқӊҳ"
_COLLATE = {ord(ch): chr(0xE000 + i) for i, ch in enumerate(_ALPHABET)}
_FIRST_LETTER = re.compile(r"[^\W\d_]")


def sort_key(text: str, latin_first: bool = False) -> tuple[int, str]:
    """Alphabetical key: Cyrillic entries first, then Latin (or the other way round), then anything else."""
    folded = text.casefold()
    first = _FIRST_LETTER.search(folded)
    ch = first.group(0) if first else ""
    if "\u0400" <= ch <= "\u04ff":
        rank = 1 if latin_first else 0
    elif ch.isascii() or "\u00c0" <= ch <= "\u024f":
        rank = 0 if latin_first else 1
    else:
        rank = 2
    return rank, folded[first.start() if first else 0 :].translate(_COLLATE)


# A marker the writer left inside plain text ("… as shown [3, 5–7]."); not after a letter or digit,
# so an index such as a[1] stays text.
LITERAL_CITE = re.compile(r"(?<![\w\]])\[(\d{1,4}(?:\s*[,;–-]\s*\d{1,4}){0,20})\]")


def literal_numbers(body: str) -> list[int]:
    """Numbers of a literal marker body such as "1, 3–5"."""
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", body):
        bounds = [b for b in re.split(r"\s*[–-]\s*", part) if b.isdigit()]
        low, high = (int(bounds[0]), int(bounds[-1])) if bounds else (0, 0)
        if len(bounds) == 2 and 0 < high - low < 50:
            numbers.extend(range(low, high + 1))
        else:
            numbers.extend(int(b) for b in bounds)
    return numbers


def _run_numbers(runs: Iterable[Inline]) -> Iterator[int]:
    for run in runs:
        if isinstance(run, CitationRun):
            yield from run.numbers
        elif isinstance(run, TextRun) and "[" in run.text:
            for match in LITERAL_CITE.finditer(run.text):
                yield from literal_numbers(match.group(1))


def iter_citations(blocks: Iterable[Block]) -> Iterator[int]:
    """Cited numbers in reading order (paragraphs and list items, nested lists included)."""
    for block in blocks:
        if isinstance(block, ParagraphBlock):
            yield from _run_numbers(block.runs)
        elif isinstance(block, ListBlock):
            stack: list[ListItem] = list(reversed(block.items))
            while stack:
                item = stack.pop()
                yield from _run_numbers(item.runs)
                if item.children is not None:
                    stack.extend(reversed(item.children.items))


@dataclass(frozen=True, slots=True)
class Bibliography:
    """The formatted list in print order and the map from the writer's numbers to printed ones; with
    `author_date` (APA 7) each printed entry's "Author, Year" and citations in author–date form."""

    entries: tuple[list[Segment], ...]
    renumber: dict[int, int]
    author_date: tuple[str, ...] = ()

    def cite(self, numbers: Sequence[int]) -> tuple[int, ...]:
        """Printed numbers for a marker; numbers outside the list are dropped."""
        return tuple(sorted({self.renumber[n] for n in numbers if n in self.renumber}))

    def mark(self, printed: Sequence[int], page: str | None = None) -> str:
        """How a citation of printed entries reads: "[1, 2]", "[2, с. 15]" or "(Smith, 2020, p. 15)"."""
        if not self.author_date:
            return "[" + ", ".join([*map(str, printed), *([page] if page else [])]) + "]"
        works = sorted({self.author_date[n - 1] for n in printed}, key=str.casefold)
        return "(" + "; ".join(works) + (f", {_apa_page(page)}" if page else "") + ")"


def _apa_page(page: str) -> str:
    number = re.sub(r"^\D*", "", page)
    return ("pp. " if re.search(r"\d\s*[-–—]\s*\d", number) else "p. ") + re.sub(r"\s*[-—]\s*", "–", number)


def build_bibliography(
    sources: Sequence[SourceEntry],
    cited: Iterable[int],
    *,
    language: str,
    labels: Labels,
    order: SourceOrder,
    default_access: date,
) -> Bibliography:
    """Format, order and de-duplicate the sources; return them with the renumbering map."""
    formatted = [format_entry(s, language, labels, default_access) for s in sources]
    count = len(formatted)
    # The list comes in parts compiled at once, which may name the same work twice: the first one stays,
    # and a citation of a later copy points to it.
    first: dict[tuple[str, str], int] = {}
    kept = [first.setdefault(work_identity(s), i) for i, s in enumerate(sources)]
    if order == "first_citation" and language != "en":  # APA 7 lists are alphabetical, always
        sequence: list[int] = []
        seen: set[int] = set()
        for number in cited:
            if 1 <= number <= count and kept[number - 1] not in seen:
                seen.add(kept[number - 1])
                sequence.append(kept[number - 1])
        sequence.extend(i for i in range(count) if i == kept[i] and i not in seen)
    else:
        # An English list may hold the user's Russian or Kyrgyz works: they follow the Latin-script ones.
        keys = [sort_key(plain(f), latin_first=language == "en") for f in formatted]
        sequence = sorted((i for i in range(count) if i == kept[i]), key=keys.__getitem__)
    entries: list[list[Segment]] = []
    labels_of: list[str] = []
    printed: dict[int, int] = {}
    for index in sequence:
        entries.append(formatted[index])
        labels_of.append(author_date(sources[index]))
        printed[index] = len(entries)
    renumber = {i + 1: printed[kept[i]] for i in range(count)}
    return Bibliography(tuple(entries), renumber, tuple(labels_of) if language == "en" else ())


def work_identity(source: SourceEntry) -> tuple[str, str]:
    """What makes two entries the same work: the title and the first author, case and spacing aside."""
    author = source.authors[0] if source.authors else ""
    return " ".join(source.title.casefold().split()), " ".join(author.casefold().split())
