"""The parts of a unit's answer: the chapter's opening lines before the first subsection's heading."""

from __future__ import annotations

import re

_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}\s+\S")


def split_lead_in(text: str) -> tuple[str, str]:
    """The lines before the answer's first heading (the chapter's opening) and the text after that heading;
    ("", text) when the answer has no heading, so nothing is lost when a model skips the opening."""
    lines = text.split("\n")
    at = next((i for i, line in enumerate(lines) if _ATX_HEADING.match(line)), None)
    if at is None:
        return "", text
    return "\n".join(lines[:at]).strip(), "\n".join(lines[at + 1 :]).strip()
