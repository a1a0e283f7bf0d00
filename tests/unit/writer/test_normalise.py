"""What chat models wrap around a section goes; the essay's own text stays."""

from __future__ import annotations

from writer.domain.normalise import normalise


def test_chatter_around_the_text_goes() -> None:
    answer = "Конечно! Вот текст главы:\n\n---\n\nТекст главы [1].\n\n---\n\nНадеюсь, это поможет!"
    assert normalise(answer) == "Текст главы [1]."
    assert normalise("Sure! Here's the section.\n\nText.\n\nWould you like me to add more?") == "Text."


def test_text_that_merely_starts_like_chatter_stays() -> None:
    assert normalise("Вот почему изучение Шёлкового пути важно.\n\nДалее.") == (
        "Вот почему изучение Шёлкового пути важно.\n\nДалее."
    )
    assert normalise("Конечно, торговля росла [2].") == "Конечно, торговля росла [2]."


def test_footnotes_go_without_a_trace_but_powers_stay() -> None:
    answer = "Рост торговли[^1] и ремёсел^2.\n\n$$\nE = mc^2\n$$\n\nПлощадь $S = a^2$.\n\n[^1]: Источник.\n    продолжение"
    assert normalise(answer) == "Рост торговли и ремёсел.\n\n$$\nE = mc^2\n$$\n\nПлощадь $S = a^2$."
    assert normalise("Текст¹.\n\n¹ Сноска.") == "Текст."


def test_fences_wrapping_the_answer_and_code_listings() -> None:
    assert normalise("Вот глава:\n```markdown\n## Часть\n\nТекст.\n```") == "## Часть\n\nТекст."
    assert normalise("Текст.\n\n```python\nprint(1)\n```\n\nЕщё.") == "Текст.\n\nЕщё."
    assert normalise("```latex\nx^2\n```") == "$$\nx^2\n$$"
    assert normalise("Текст.\n\n```\nоборвано на max_tokens") == "Текст.\n\nоборвано на max_tokens"


def test_setext_headings_and_an_appended_list_of_literature() -> None:
    assert (
        normalise("Истоки\n======\n\nТекст.\n\nИтоги\n-----\n\nЕщё.")
        == "# Истоки\n\nТекст.\n\n## Итоги\n\nЕщё."
    )
    assert normalise("Текст [1].\n\n**Список литературы:**\n\n1. Иванов И. И. Книга.") == "Текст [1]."


def test_pointers_to_figures_the_essay_does_not_have_go() -> None:
    assert normalise("Рост виден (см. рисунок 2). Далее (Figure 1) и (рис. 3).") == "Рост виден. Далее и."
    assert normalise("Өсүш байкалат (1-сүрөттү караңыз).") == "Өсүш байкалат."
