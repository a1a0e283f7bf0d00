"""References in the text to tables and formulas, renumbered to the document's numbering.

Each section is written on its own, so its text calls its first table "таблица 1" and its first formula
"(1)"; in the document they are table 3 and formula (5). Like citations, such references are renumbered:
a section-local number n becomes the number of that section's n-th table or formula. A number beyond the
section's own tables or formulas is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from contracts.blocks import Block, FormulaBlock, TableBlock

# ru, ky and en words for tables and formulas; a number follows (formulas: in parentheses)
_TABLE = re.compile(
    r"(?P<word>\b(?:таблиц[а-яё]*|табл\.|жадыбал\w*|tables?|tab\.)\s*)"
    r"(?P<number>\d{1,3}(?:\s*(?:,|и|and|жана|–|—|-)\s*\d{1,3})*)\b(?!\.\d)",
    re.I,
)
_NUMBER = re.compile(r"\d{1,3}")
# Kyrgyz puts the number first: "1-жадыбалда", "2-таблицада"
_TABLE_KY = re.compile(r"(?<![\w.])(?P<number>\d{1,3})(?P<word>-(?:жадыбал|таблиц)\w*)", re.I)
_FORMULA = re.compile(
    r"(?P<word>\b(?:формул\w*|уравнени\w*|теңдеме\w*|equations?|formulas?|formulae|eqs?\.)\s*)"
    r"\((?P<number>\d{1,3})\)",
    re.I,
)


# and "(2) формула боюнча", "(2)-формулада"
_FORMULA_KY = re.compile(r"\((?P<number>\d{1,3})\)(?P<word>[\s-]*(?:формула|теңдеме)\w*)", re.I)


@dataclass(frozen=True)
class Renumbering:
    """How one section's references map onto the document: its tables and formulas start after
    `tables_before` and `formulas_before` and number `tables` and `formulas`."""

    tables_before: int = 0
    tables: int = 0
    formulas_before: int = 0
    formulas: int = 0

    @classmethod
    def of(cls, blocks: Sequence[Block], tables_before: int, formulas_before: int) -> Renumbering:
        """The renumbering of a section's blocks placed after so many tables and formulas."""
        tables = sum(1 for block in blocks if isinstance(block, TableBlock) and (block.header or block.rows))
        formulas = sum(1 for block in blocks if isinstance(block, FormulaBlock) and block.latex.strip())
        return cls(tables_before, tables, formulas_before, formulas)

    def apply(self, text: str, table_below: int | None = None) -> str:
        """The text with its references to tables and formulas in document numbers. A paragraph right
        above a table that names one table means that table (`table_below`, in document numbers), whatever
        number it gives: a section written in parts numbers each part's tables from 1."""
        text = self._tables_in(text, table_below)
        if self.formulas_before and self.formulas:
            text = _FORMULA.sub(lambda m: self._shift(m, self.formulas_before, self.formulas, "({})"), text)
            text = _FORMULA_KY.sub(
                lambda m: self._shift(m, self.formulas_before, self.formulas, "({})", after=True), text
            )
        return text

    def _tables_in(self, text: str, table_below: int | None) -> str:
        named = {
            n
            for m in (*_TABLE.finditer(text), *_TABLE_KY.finditer(text))
            for n in _NUMBER.findall(m.group("number"))
        }
        if table_below is not None and len(named) == 1:
            text = _TABLE.sub(lambda m: f"{m.group('word')}{table_below}", text)
            return _TABLE_KY.sub(lambda m: f"{table_below}{m.group('word')}", text)
        if self.tables_before and self.tables:
            text = _TABLE.sub(lambda m: self._shift(m, self.tables_before, self.tables, "{}"), text)
            text = _TABLE_KY.sub(
                lambda m: self._shift(m, self.tables_before, self.tables, "{}", after=True), text
            )
        return text

    @staticmethod
    def _shift(match: re.Match[str], before: int, count: int, form: str, after: bool = False) -> str:
        def one(number: re.Match[str]) -> str:
            value = int(number.group(0))
            return str(before + value) if 1 <= value <= count else number.group(0)

        renumbered = form.format(_NUMBER.sub(one, match.group("number")))  # "1 и 2", "1–3" too
        return renumbered + match.group("word") if after else match.group("word") + renumbered
