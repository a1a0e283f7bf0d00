"""What the title page infers from a profile: the country of the university and how to address the author."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

Country = Literal["RU", "KG", ""]
Gender = Literal["male", "female", ""]

_KG = re.compile(
    r"кыргыз|киргиз|бишкек|\bош\b|оштук|каракол|жалал-абад|джалал-абад|нарын|талас|баткен|токмок|кара-балта|"
    r"\bкант\b|чолпон-ата|кгту|кнту|кгу\b|кгма|крсу|кнау|бгу им|аук\b|мук\b|kyrgyz|bishkek|\bosh\b|auca",
    re.I,
)
_RU = re.compile(
    r"росси|москв|санкт-петербург|петербург|новосибирск|екатеринбург|казан|нижн\w* новгород|челябинск|самар|"
    r"омск|ростов|уф[аы]\b|красноярск|воронеж|перм|волгоград|краснодар|томск|иркутск|владивосток|тюмен|"
    r"мгу\b|спбгу|мфти|мгимо|вшэ|рудн|russia|moscow|petersburg",
    re.I,
)
_MALE_PATRONYMIC = re.compile(r"(?:вич|ьич|ич|уулу|оглы|улы)$", re.I)
_FEMALE_PATRONYMIC = re.compile(r"(?:вна|чна|шна|кызы|гызы|қызы)$", re.I)
# Russian male names that end like female ones
_MALE_IN_A = frozenset({"никита", "илья", "кузьма", "фома", "лука", "савва", "данила", "гаврила", "игнат"})


def university_country(profile: Mapping[str, Any]) -> Country:
    """RU or KG from the city or the university's name; "" when neither tells."""
    city = str(profile.get("city") or "")
    university = str(profile.get("university") or "")
    for text in (city, university):
        if _KG.search(text):
            return "KG"
        if _RU.search(text):
            return "RU"
    return ""


def author_gender(profile: Mapping[str, Any]) -> Gender:
    """From the profile's gender, else the patronymic, else a Russian first name; "" when unknown."""
    stated = str(profile.get("gender") or "")
    if stated in ("male", "female"):
        return stated  # type: ignore[return-value]
    patronymic = str(profile.get("patronymic") or "").strip()
    if _MALE_PATRONYMIC.search(patronymic):
        return "male"
    if _FEMALE_PATRONYMIC.search(patronymic):
        return "female"
    name = str(profile.get("name") or "").strip().casefold()
    if re.fullmatch(r"[а-яё-]+", name):
        return "female" if name.endswith(("а", "я")) and name not in _MALE_IN_A else "male"
    return ""
