"""The stand-in cites the sources a prompt lists, and now and then a number it was not given, as models do."""

from __future__ import annotations

import re

from llm_standin.config import Tunables
from llm_standin.generation.answer import build_answer
from llm_standin.prompt import Message
from tests.unit.writer.test_citing import request
from writer.domain.prompt import section_messages


def test_citations_come_from_the_listed_numbers_with_a_few_invented() -> None:
    cited: list[int] = []
    for seed in range(30):
        messages = [Message(m["role"], m["content"]) for m in section_messages(request())]
        answer = build_answer(
            messages,
            tunables=Tunables(preset="speed", style="tidy"),
            response_format=None,
            max_tokens=None,
            request_seed=seed,
        )
        cited += [int(n) for marker in re.findall(r"\[([\d, ]+)\]", answer.text) for n in marker.split(",")]
    listed = [n for n in cited if n in (3, 5)]
    invented = [n for n in cited if n not in (3, 5)]
    assert len(listed) > 20 and set(listed) == {3, 5}
    assert invented and all(n > 5 for n in invented) and len(invented) < len(listed) / 5
