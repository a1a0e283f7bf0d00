"""Each mutation of a compliant essay breaks exactly the rule it targets."""

from __future__ import annotations

import pytest

from normocontrol import check_docx

from .mutations import APA_MUTATIONS, GOST_MUTATIONS, MUTATIONS
from .refdoc import build


@pytest.mark.parametrize("language", ["ru", "en", "ky"])
@pytest.mark.parametrize("name", list(MUTATIONS))
def test_mutation_is_caught(name: str, language: str) -> None:
    mutate, expected = MUTATIONS[name]
    ref = build(language)
    mutate(ref)
    report = check_docx(ref.to_bytes(), language=language)
    assert report.rules() == expected, "\n".join(map(str, report.violations))
    errors = report.rules("error")
    assert report.ok == (not errors)
    assert all(v.message for v in report.violations)


@pytest.mark.parametrize("language", ["ru", "ky"])
@pytest.mark.parametrize("name", list(GOST_MUTATIONS))
def test_gost_source_mutation_is_caught(name: str, language: str) -> None:
    mutate, expected = GOST_MUTATIONS[name]
    ref = build(language)
    mutate(ref)
    report = check_docx(ref.to_bytes(), language=language)
    assert report.rules() == expected, "\n".join(map(str, report.violations))


@pytest.mark.parametrize("name", list(APA_MUTATIONS))
def test_apa_mutation_is_caught(name: str) -> None:
    mutate, expected = APA_MUTATIONS[name]
    ref = build("en")
    mutate(ref)
    report = check_docx(ref.to_bytes(), language="en")
    assert report.rules() == expected, "\n".join(map(str, report.violations))
