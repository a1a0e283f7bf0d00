"""LLM_STANDIN_STYLE=chat: the stand-in's prose dressed as real chat models answer, reproducibly."""

from __future__ import annotations

import random

from llm_standin.config import Tunables
from llm_standin.generation.chat import dress

TEXT = (
    "Первый абзац [1]. Второе предложение.\n\nЕщё один абзац.\n\nИ ещё один.\n\n## Подраздел\n\n"
    "Текст [2] продолжается.\n\n"
    "Таблица 1 – Показатели\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nРасчёт ведётся по формуле:\n\n"
    "$$E = mc^2$$\n\nгде E – энергия.\n\n- один\n- два\n\nКонец раздела."
)


def test_chat_style_is_a_setting() -> None:
    assert Tunables().style == "tidy" and Tunables(style="chat").style == "chat"


def test_the_same_request_is_dressed_the_same_way() -> None:
    assert dress(TEXT, "ru", random.Random(5)) == dress(TEXT, "ru", random.Random(5))


def test_over_many_answers_every_habit_of_real_models_appears() -> None:
    answers = [dress(TEXT, lang, random.Random(seed)) for seed in range(60) for lang in ("ru", "en", "ky")]
    joined = "\n".join(answers)
    for habit in ("Конечно!", "Sure!", "Албетте!", "Надеюсь, это поможет!", "### Подраздел", "\\[", "\\tag{",
                  "\\begin{aligned}", "[^1]", "<sup>3</sup>", "```python", "```markdown", "*Таблица 1",
                  "а) один", "[1, с.", "$x_i$", "\\(x_i\\)", "Подраздел\n---------"):  # fmt: skip
        assert habit in joined, habit


def test_a_continuation_opens_without_chatter() -> None:
    for seed in range(30):
        assert (
            dress(TEXT, "ru", random.Random(seed), continuation=True)
            .split("\n")[0]
            .startswith(("Первый", "```"))
        )
