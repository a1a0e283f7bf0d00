"""Markdown placeholder prose of a requested length: paragraphs, lists, a table, a formula, citations."""

from __future__ import annotations

import random
import re
from collections import deque
from collections.abc import Callable

from llm_standin.generation.lexicon import Lexicon
from llm_standin.prompt import Unit

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
FORMULAS = (
    r"I = \sum_{i=1}^{n} w_i x_i",
    r"E = \frac{R - C}{C} \cdot 100\%",
    r"\sigma^2 = \frac{1}{n} \sum_{j=1}^{n} \left( x_j - \bar{x} \right)^2",
    r"P(t) = P_0 \, e^{r t}",
    r"K = \frac{\sum_{i=1}^{m} a_i b_i}{\sqrt{\sum_{i=1}^{m} a_i^2} \sqrt{\sum_{i=1}^{m} b_i^2}}",
)
_EXTRAS = ("heading", "bullets", "numbered", "table", "formula")
_EXTRAS_FROM_CHARS = 1200  # shorter answers are plain paragraphs, as models write them


class Measure:
    """Length of text in the unit a prompt asked for: characters with spaces, or words."""

    def __init__(self, unit: Unit, chars_per_word: float = 7.0) -> None:
        self.unit = unit
        self._cpw = chars_per_word
        self.sep = 2 if unit == "chars" else 0  # the blank line between blocks

    def __call__(self, text: str) -> int:
        return len(text) if self.unit == "chars" else len(_WORD.findall(text))

    def from_chars(self, chars: int) -> int:
        """Convert a size in characters to this unit."""
        return chars if self.unit == "chars" else max(1, round(chars / self._cpw))


def count_words(text: str) -> int:
    """Words of `text` as the stand-in counts them (letters only; markup and numbers excluded)."""
    return len(_WORD.findall(text))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


# Of the citations of listed sources, the share that cites a number the prompt did not list.
INVENTED_CITE_SHARE = 0.05


class ProseWriter:
    """Draws varied placeholder sentences and blocks from a lexicon with a seeded RNG."""

    def __init__(
        self,
        lex: Lexicon,
        rng: random.Random,
        *,
        topic: str | None,
        cite_max: int,
        cite_numbers: tuple[int, ...] = (),
    ) -> None:
        self.lex = lex
        self.rng = rng
        self.topic = lex.topic_phrase.format(topic=topic) if topic else lex.default_topic
        self.cite_max = max(1, cite_max)
        self.cite_numbers = cite_numbers
        self._recent: deque[str] = deque(maxlen=max(1, len(lex.cores) // 2))
        self._last_opener = ""
        self._headings = list(lex.subheadings)
        rng.shuffle(self._headings)
        self._tables = 0
        self._formulas = list(FORMULAS)
        rng.shuffle(self._formulas)

    def _cite(self, sentence: str) -> str:
        if self.cite_numbers:
            return f"{sentence[:-1]} [{self._listed_number()}]{sentence[-1]}"
        first = self.rng.randint(1, self.cite_max)
        marks = f"[{first}]"
        if self.cite_max > 2 and self.rng.random() < 0.2:
            second = self.rng.randint(1, self.cite_max)
            if second != first:
                marks = f"[{min(first, second)}, {max(first, second)}]"
        return f"{sentence[:-1]} {marks}{sentence[-1]}"

    def _listed_number(self) -> int:
        """One of the listed sources' numbers; now and then, as real models do, one that was not listed."""
        if self.rng.random() < INVENTED_CITE_SHARE:
            return max(self.cite_numbers) + self.rng.randint(1, 20)
        return self.rng.choice(self.cite_numbers)

    def sentence(self) -> str:
        """One sentence: a core, sometimes with a lead-in, the topic, or a citation marker."""
        rng = self.rng
        pool = self.lex.topic_cores if rng.random() < 0.12 else self.lex.cores
        fresh = [c for c in pool if c not in self._recent] or list(pool)
        template = rng.choice(fresh)
        self._recent.append(template)
        core = _upper_first(template.format(topic=self.topic))
        if rng.random() < 0.45:
            opener = rng.choice([o for o in self.lex.openers if o != self._last_opener])
            self._last_opener = opener
            core = opener + _lower_first(core)
        return self._cite(core) if rng.random() < 0.3 else core

    def paragraph(self, room: int, measure: Measure, lead: str | None) -> str | None:
        """A paragraph that opens with the placeholder marker and fits in `room`, or None."""
        parts = [self.lex.marker]
        size = measure(self.lex.marker)
        if lead is not None and size + measure(" " + lead) <= room:
            parts.append(lead)
            size += measure(" " + lead)
        for _ in range(self.rng.randint(3, 5)):
            fitting = None
            for _attempt in range(16):
                candidate = self.sentence()
                if size + measure(" " + candidate) <= room:
                    fitting = candidate
                    break
            if fitting is None:
                break
            parts.append(fitting)
            size += measure(" " + fitting)
        return " ".join(parts) if len(parts) > 1 else None

    def heading(self) -> str:
        """A level-2 markdown subheading."""
        if not self._headings:
            self._headings = list(self.lex.subheadings)
        return "## " + self._headings.pop()

    def _items(self, pool: tuple[str, ...], keep_order: bool) -> list[str]:
        count = min(len(pool), self.rng.randint(3, 4))
        if keep_order:
            picked = sorted(self.rng.sample(range(len(pool)), count))
            return [pool[i] for i in picked]
        return self.rng.sample(list(pool), count)

    def bullets(self) -> str:
        """A bullet list with its lead-in sentence."""
        items = self._items(self.lex.bullet_items, keep_order=False)
        lines = [f"- {item}{'.' if i == len(items) - 1 else ';'}" for i, item in enumerate(items)]
        return self.rng.choice(self.lex.list_intros) + "\n\n" + "\n".join(lines)

    def numbered(self) -> str:
        """A numbered list of steps, in order, with its lead-in sentence."""
        items = self._items(self.lex.steps, keep_order=True)
        lines = [f"{n}. {item}{'.' if n == len(items) else ';'}" for n, item in enumerate(items, 1)]
        return self.rng.choice(self.lex.numbered_intros) + "\n\n" + "\n".join(lines)

    def table(self) -> str:
        """A small pipe table of illustrative figures with a sentence referring to it."""
        self._tables += 1
        rng = self.rng
        header = self.lex.table_header
        lines = [f"| {' | '.join(header)} |", "|" + "|".join(["---"] * len(header)) + "|"]
        for label in rng.sample(list(self.lex.table_rows), 3):
            if "%" in label:
                base, later = rng.randint(20, 80), rng.randint(25, 95)
            else:
                base = rng.randint(10, 500)
                later = round(base * rng.uniform(0.8, 1.5))
            lines.append(f"| {label} | {base} | {later} |")
        intro = rng.choice(self.lex.table_intros).format(n=self._tables)
        caption = self.lex.table_caption.format(n=self._tables)
        return f"{intro}\n\n{caption}\n\n" + "\n".join(lines)

    def formula(self) -> str:
        """A display formula between a lead-in and the explanation of its symbols."""
        if not self._formulas:
            self._formulas = list(FORMULAS)
        latex = self._formulas.pop()
        intro = self.rng.choice(self.lex.formula_intros)
        return f"{intro}\n\n$${latex}$$\n\n{self.lex.formula_where}"

    def extra(self, kind: str) -> str:
        """A non-paragraph block of the given kind."""
        makers: dict[str, Callable[[], str]] = {
            "heading": self.heading,
            "bullets": self.bullets,
            "numbered": self.numbered,
            "table": self.table,
            "formula": self.formula,
        }
        return makers[kind]()


def compose(
    writer: ProseWriter,
    goal: int,
    measure: Measure,
    *,
    continuation: bool = False,
    max_headings: int | None = None,
) -> str:
    """Markdown of at most `goal` (in `measure`'s unit) and within about a sentence of it."""
    rng = writer.rng
    blocks: list[str] = []
    used = 0
    min_paragraph = measure.from_chars(160)
    extras = list(_EXTRAS) if goal >= measure.from_chars(_EXTRAS_FROM_CHARS) else []
    headings_left = 0 if continuation else max_headings
    if headings_left == 0:
        extras = [kind for kind in extras if kind != "heading"]
    rng.shuffle(extras)
    refill = extras[:]
    since_extra, need = 0, rng.randint(1, 2)
    lead: str | None = rng.choice(writer.lex.continuations if continuation else writer.lex.disclaimers)

    while True:
        sep = measure.sep if blocks else 0
        room = goal - used - sep
        if not extras and refill:
            # long answers keep mixing in lists, tables and formulas, as long model answers do
            extras = refill[:]
            rng.shuffle(extras)
        if extras and since_extra >= need:
            kind = extras.pop()
            block = writer.extra(kind)
            if measure(block) + measure.sep + min_paragraph <= room:
                blocks.append(block)
                used += sep + measure(block)
                since_extra, need = 0, rng.randint(1, 2)
                if kind == "heading" and headings_left is not None:
                    headings_left -= 1
                    if headings_left <= 0:
                        refill = [k for k in refill if k != "heading"]
            else:
                refill = []  # near the end: only paragraphs from here on
            continue
        paragraph = writer.paragraph(room, measure, lead)
        if paragraph is None:
            break
        blocks.append(paragraph)
        used += sep + measure(paragraph)
        lead = None
        since_extra += 1
    return "\n\n".join(blocks)
