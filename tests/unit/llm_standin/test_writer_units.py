"""The stand-in answers a first subsection's prompt as a model does: the chapter's opening lines, the
heading the prompt asked for, then the text; the writer takes the opening apart from the text."""

from __future__ import annotations

import pytest

from llm_standin.config import Tunables
from llm_standin.generation.answer import build_answer
from llm_standin.prompt import Message
from tests.unit.writer.test_units import unit
from writer.domain.markdown import parse_markdown
from writer.domain.normalise import normalise
from writer.domain.prompt import section_messages
from writer.domain.units import split_lead_in


@pytest.mark.parametrize("style", ["tidy", "chat"])
@pytest.mark.parametrize("seed", range(4))
def test_a_first_subsection_opens_its_chapter_then_gives_the_heading(style: str, seed: int) -> None:
    messages = [Message(m["role"], m["content"]) for m in section_messages(unit(1))]
    answer = build_answer(
        messages,
        tunables=Tunables(preset="speed", style=style),  # type: ignore[arg-type]
        response_format=None,
        max_tokens=None,
        request_seed=seed,
    )
    lead, body = split_lead_in(normalise(answer.text))
    assert 50 < len(lead) < 600, lead
    assert "Термины" not in lead and len(body) > 1500
    assert not [b for b in parse_markdown(body, "Термины") if b.type == "heading"]


def test_a_later_subsection_gets_no_heading_at_all() -> None:
    messages = [Message(m["role"], m["content"]) for m in section_messages(unit(2, opens=False))]
    answer = build_answer(
        messages, tunables=Tunables(preset="speed"), response_format=None, max_tokens=None, request_seed=1
    )
    assert "#" not in answer.text
