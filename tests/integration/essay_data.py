"""A complete profile and a small plan, for integration tests that drive essays through the API."""

from __future__ import annotations

PROFILE = {"name": "Ада", "surname": "Лавлейс", "university": "КГТУ", "faculty": "ИТ", "course": 2,
           "group": "ПИ-1-23", "city": "Бишкек"}  # fmt: skip
PLAN = {
    "topic": "Тема",
    "subject": "Предмет",
    "checked_by": "Петров П. П.",
    "page_count": 10,
    "chapters_count": 2,
}
