"""The title page's country and the author's grammatical gender, inferred from a profile."""

from __future__ import annotations

import pytest

from gateway.essays.domain.people import author_gender, university_country


@pytest.mark.parametrize(
    ("profile", "country"),
    [
        ({"city": "Бишкек", "university": "КГТУ"}, "KG"),
        ({"city": "г. Ош", "university": "ОшГУ"}, "KG"),
        ({"city": "", "university": "Кыргызско-Российский Славянский университет"}, "KG"),
        ({"city": "Москва", "university": "МГУ"}, "RU"),
        ({"city": "Новосибирск", "university": "НГУ"}, "RU"),
        ({"city": "Алматы", "university": "КазНУ"}, ""),
        ({"city": "Хорошево", "university": ""}, ""),
    ],
)
def test_country_of_the_university(profile: dict[str, str], country: str) -> None:
    assert university_country(profile) == country


@pytest.mark.parametrize(
    ("profile", "gender"),
    [
        ({"gender": "female", "patronymic": "Иванович"}, "female"),  # the profile says so
        ({"patronymic": "Маратовна", "name": "Айгуль"}, "female"),
        ({"patronymic": "Ильич", "name": "Никита"}, "male"),
        ({"patronymic": "Асан уулу", "name": "Бакыт"}, "male"),
        ({"patronymic": "Асан кызы", "name": "Жибек"}, "female"),
        ({"name": "Мария"}, "female"),
        ({"name": "Никита"}, "male"),
        ({"name": "Азамат"}, "male"),
        ({"name": "John"}, ""),
    ],
)
def test_gender_of_the_author(profile: dict[str, str], gender: str) -> None:
    assert author_gender(profile) == gender
