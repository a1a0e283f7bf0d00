"""The reference essays pass; the CLI reports and exits accordingly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normocontrol import check_docx
from normocontrol.cli import main

from .refdoc import build


@pytest.mark.parametrize("language", ["ru", "en", "ky"])
def test_reference_essay_has_no_violations(language: str) -> None:
    report = check_docx(build(language).to_bytes())
    assert report.language == language
    assert report.violations == []
    assert report.ok


@pytest.mark.parametrize("language", ["ru", "en", "ky"])
def test_given_language_is_used(language: str) -> None:
    assert check_docx(build(language).to_bytes(), language=language).ok


def test_wrong_language_misses_every_structural_heading() -> None:
    report = check_docx(build("ru").to_bytes(), language="en")
    assert "heading.structural.missing" in report.rules("error")


def test_kg_is_an_alias_of_ky() -> None:
    assert check_docx(build("ky").to_bytes(), language="kg").language == "ky"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        check_docx(build("ru").to_bytes(), language="de")


def test_accepts_a_path(tmp_path: Path) -> None:
    path = tmp_path / "essay.docx"
    path.write_bytes(build("ru").to_bytes())
    assert check_docx(path).ok
    assert check_docx(str(path)).ok


def test_cli_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "essay.docx"
    path.write_bytes(build("ru").to_bytes())
    assert main([str(path)]) == 0
    assert "OK: 0 error(s)" in capsys.readouterr().out


def test_cli_reports_violations_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ref = build("en")
    ref.at["body0"].runs[0].font.name = "Arial"
    path = tmp_path / "essay.docx"
    path.write_bytes(ref.to_bytes())
    assert main([str(path), "--lang", "en", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert [v["rule"] for v in data["violations"]] == ["font.body"]
    assert "paragraph" in data["violations"][0]["message"]


def test_cli_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "essay.docx"
    path.write_text("not a docx")
    assert main([str(path)]) == 2
    assert "cannot read" in capsys.readouterr().err
