"""Document structure: structural headings, chapters, regions and the role of every paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .language import structural_kind
from .model import DocModel, Para, Table
from .ooxml import Element, has_drawing, has_math, m, page_break_runs, w
from .report import Severity, Violation
from .styles import StyleSheet

CAPTION = re.compile(r"^\s*(Таблица|Table|Рисунок|Рис\.|Figure|Fig\.|Сүрөт)\s+\d")
EXPLANATION = re.compile(r"^\s*(где|where|мында)\b", re.I)
_NUMBER = re.compile(r"\(\s*\d+(?:\.\d+)?\s*\)")


def display_formula(p: Para) -> bool:
    """A paragraph holding an equation and nothing else but an optional "(N)" number."""
    return has_math(p.el) and not _NUMBER.sub("", p.text).strip()


def is_formula_table(table: Table) -> bool:
    """A layout table holding one equation and its number."""
    if next(table.el.iter(m("oMath")), None) is None:
        return False
    return not _NUMBER.sub("", "".join(p.text for p in table.paras)).strip()


@dataclass
class Structure:
    """Where the parts of the essay are."""

    headings: dict[str, Para]  # structural kind -> heading paragraph
    chapters: list[Para]
    subheadings: list[tuple[int, Para]]  # (outline level 1 or 2, paragraph)
    levels: dict[int, int]  # paragraph index -> outline level, for every heading
    title_end: int  # index of the first paragraph after the title page
    roles: dict[int, str] = field(default_factory=dict)  # paragraph index -> role


@dataclass
class Context:
    """What every rule gets: the parsed document, its structure and the violation sink."""

    model: DocModel
    language: str
    structure: Structure
    violations: list[Violation] = field(default_factory=list)

    @property
    def styles(self) -> StyleSheet:
        """The document's style sheet."""
        return self.model.styles

    def add(self, rule: str, message: str, severity: Severity = "error") -> None:
        """Record one violation."""
        self.violations.append(Violation(rule, message, severity))

    def role(self, p: Para) -> str:
        """Role of a top-level paragraph (heading, text, list, caption, formula, ...)."""
        return self.structure.roles.get(p.index, "table") if p.index >= 0 else "table"


def analyse(model: DocModel, language: str) -> Structure:
    """Find headings and regions and give every top-level paragraph a role."""
    styles = model.styles
    headings: dict[str, Para] = {}
    levels: dict[int, int] = {}
    for p in model.paras:
        if p.in_toc or not p.text.strip() or _toc_entry(styles, p.el):
            continue
        kind = structural_kind(p.text, language)
        level = styles.outline_level(p.el)
        if kind is not None and kind not in headings:
            headings[kind] = p
            levels[p.index] = 0 if level is None else level
        elif level is not None:
            levels[p.index] = level
    top = sorted(i for i, lv in levels.items() if lv == 0)
    if "contents" in headings:
        title_end = headings["contents"].index
    else:
        candidates = [h.index for h in headings.values()] + top
        title_end = min(candidates) if candidates else 0
    structural = {h.index for h in headings.values()}
    body_start = title_end
    if "contents" in headings:
        after = [i for i in top + sorted(structural) if i > headings["contents"].index]
        body_start = min(after) if after else len(model.paras)
    sources_at = headings["sources"].index if "sources" in headings else len(model.paras)
    chapters = [model.paras[i] for i in top if body_start <= i < sources_at and i not in structural]
    appendix_at = next((i for i in top if i > sources_at and i not in structural), len(model.paras))
    subheadings = [
        (lv, model.paras[i])
        for i, lv in sorted(levels.items())
        if lv in (1, 2) and body_start <= i < sources_at and i not in structural
    ]
    for p in model.paras:
        if p.index < title_end:
            p.region = "title"
        elif p.index < body_start:
            p.region = "contents"
        elif p.index < sources_at:
            p.region = "body"
        elif p.index < appendix_at:
            p.region = "sources"
        else:
            p.region = "appendix"
    previous: Para | None = None
    for block in model.blocks:  # a table belongs to the region of the paragraph before it
        if isinstance(block, Para):
            previous = block
            continue
        table = block
        region = previous.region if previous is not None else "title"
        table.region = region
        for tp in table.paras:
            tp.region = region
    structure = Structure(headings, chapters, subheadings, levels, title_end)
    prev_role = ""
    for block in model.blocks:
        if isinstance(block, Table):
            prev_role = "formula" if is_formula_table(block) else "table"
        else:
            prev_role = structure.roles[block.index] = _role(block, structure, styles, prev_role)
    return structure


def _toc_entry(styles: StyleSheet, el: Element) -> bool:
    return any(re.fullmatch(r"toc \d", name) for name in styles.style_names(el))


def _role(p: Para, structure: Structure, styles: StyleSheet, previous: str) -> str:
    el = p.el
    if not p.text.strip() and not has_math(el) and not has_drawing(el):
        busy = page_break_runs(el) or el.find(f"{w('pPr')}/{w('sectPr')}") is not None
        return "break" if busy or p.fields else "empty"
    if p.index in structure.levels:
        return "heading"
    if p.in_toc or _toc_entry(styles, el):
        return "toc"
    if display_formula(p):
        return "formula"
    if has_drawing(el):
        return "figure"
    if previous == "formula" and EXPLANATION.match(p.text):
        return "explanation"
    if CAPTION.match(p.text):
        return "caption"
    if styles.numbering(el) is not None or any(n.startswith("list") for n in styles.style_names(el)):
        return "source" if p.region == "sources" else "list"
    return "source" if p.region == "sources" else "text"
