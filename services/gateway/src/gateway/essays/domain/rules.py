"""Pure essay rules of the gateway."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any

from contracts.essay import TitlePage
from gateway.essays.domain.people import author_gender, university_country


class EssayStatus(StrEnum):
    """Statuses as the monolith's client knows them, plus PLANNING while the outline is drafted."""

    PLANNING = "PLANNING"
    PLAN_GENERATED = "PLAN_GENERATED"
    GENERATING = "GENERATING"
    GENERATED = "GENERATED"
    FAILED = "FAILED"


class PdfState(StrEnum):
    """How far the PDF of a version's document is (none at all: no PDF was promised)."""

    PENDING = "pending"  # the DOCX is out, the printer is converting it
    READY = "ready"
    FAILED = "failed"  # the DOCX alone is delivered


LANGUAGE_ALIASES = {"kg": "ky"}
# An entry's number at the start of a line of `sources_text`.
_ENTRY_NUMBER = re.compile(r"^\d+\. ", re.MULTILINE)
REQUIRED_PROFILE_FIELDS = ("name", "surname", "university", "faculty", "course", "group", "city")


def stall_deadline(sections: int, *, base: float, per_section: float) -> float:
    """Seconds without progress after which an essay in the making is failed: a base, plus so much per
    section of its manifest (or, before the manifest, per section it will have)."""
    return base + per_section * max(0, sections)


def stall_reason(status: str, idle_seconds: float) -> str:
    """Why a stalled essay failed, in words a student and an operator understand."""
    minutes = max(1, round(idle_seconds / 60))
    stage = "its outline" if status == EssayStatus.PLANNING else "its sections"
    return f"no progress on {stage} for {minutes} min: a stage stopped answering; generate again to resume"


def normalise_language(language: str) -> str:
    """Accept the monolith's spelling `kg` for Kyrgyz."""
    code = language.strip().lower()
    return LANGUAGE_ALIASES.get(code, code)


def missing_profile_fields(profile: Mapping[str, Any] | None) -> list[str]:
    """Profile fields the title page needs that are absent or blank."""
    profile = profile or {}
    return [name for name in REQUIRED_PROFILE_FIELDS if not str(profile.get(name) or "").strip()]


def author_name(profile: Mapping[str, Any]) -> str:
    """Full name as the title page prints it: surname, name, patronymic."""
    parts = (profile.get("surname"), profile.get("name"), profile.get("patronymic"))
    return " ".join(str(part).strip() for part in parts if part and str(part).strip())


def title_page(
    profile: Mapping[str, Any], *, topic: str, subject: str, checked_by: str, today: date
) -> TitlePage:
    """Everything the title page shows, from the profile and the request."""
    return TitlePage(
        ministry=str(profile.get("ministry") or ""),
        country=university_country(profile),
        university=str(profile.get("university") or ""),
        faculty=str(profile.get("faculty") or ""),
        department=str(profile.get("department") or ""),
        subject=subject,
        topic=topic,
        author=author_name(profile),
        author_gender=author_gender(profile),
        checked_by=checked_by,
        group=str(profile.get("group") or ""),
        course=str(profile.get("course") or ""),
        city=str(profile.get("city") or ""),
        year=today.year,
    )


def essay_metadata(page: TitlePage) -> dict[str, Any]:
    """The essay's `metadata` as the monolith gave it: the title page's people and places."""
    return {
        "university": page.university,
        "faculty": page.faculty,
        "subject": page.subject,
        "course": page.course,
        "performed_by": page.author,
        "checked_by": page.checked_by,
        "group": page.group,
        "city": page.city,
        "year": page.year,
    }


def sources_text(sources: list[dict[str, Any]]) -> str:
    """Plain text of the list of sources, one numbered entry a line (the DOCX has the GOST form)."""
    return "\n".join(f"{n}. {_source_line(source)}" for n, source in enumerate(sources, start=1))


def renumber_sources(text: str) -> str:
    """The parts of a list of sources joined in order, its entries numbered on from 1 across the parts."""
    numbers = itertools.count(1)
    return _ENTRY_NUMBER.sub(lambda _: f"{next(numbers)}. ", text)


def _source_line(source: dict[str, Any]) -> str:
    where = ", ".join(
        str(source[key]) for key in ("journal", "city", "publisher", "year", "pages") if source.get(key)
    )
    link = f"https://doi.org/{source['doi']}" if source.get("doi") else source.get("url") or ""
    parts = [", ".join(source.get("authors") or ()), str(source["title"]), where]
    text = " ".join(part if part.endswith((".", "?", "!")) else part + "." for part in parts if part)
    return f"{text} {link}" if link else text


def chapter_text(blocks: list[dict[str, Any]]) -> str:
    """Plain text of a written section, for the chapters listing of the API."""
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "paragraph":
            lines.append(_runs_text(block.get("runs", [])))
        elif kind == "heading":
            lines.append(str(block.get("text", "")))
        elif kind == "list":
            lines.extend(_list_lines(block))
        elif kind == "table":
            lines.append(str(block.get("caption", "")))
        elif kind == "formula":
            lines.append(str(block.get("latex", "")))
    return "\n\n".join(line for line in lines if line)


def _runs_text(runs: list[dict[str, Any]]) -> str:
    return "".join(_run_text(run) for run in runs)


def _run_text(run: dict[str, Any]) -> str:
    if run.get("type") == "math":
        return str(run.get("latex", ""))
    if run.get("type") != "cite":
        return str(run.get("text", ""))
    parts = [*map(str, run.get("numbers", [])), *([str(run["page"])] if run.get("page") else [])]
    return f"[{', '.join(parts)}]"


def _list_lines(block: dict[str, Any], depth: int = 0) -> list[str]:
    lines: list[str] = []
    for item in block.get("items", []):
        lines.append("  " * depth + "– " + _runs_text(item.get("runs", [])))
        if item.get("children"):
            lines.extend(_list_lines(item["children"], depth + 1))
    return lines
