"""The `refgen` command-line client, run as a process against the running stack."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from docx import Document

from devstack.stack import Stack
from tests.e2e.student import PROFILE, Student

pytestmark = pytest.mark.e2e
REFGEN = str(Path(sys.executable).with_name("refgen"))


class Shell:
    """Runs `refgen` with its own config dir and the stack's gateway as its server."""

    def __init__(self, stack: Stack, config: Path):
        self.config = config
        self.env = {
            **os.environ,
            "REFGEN_SERVER": stack.url("gateway"),
            "REFGEN_CONFIG_DIR": str(config),
            "COLUMNS": "200",
        }

    def __call__(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([REFGEN, *args], env=self.env, capture_output=True, text=True, timeout=600)
        if ok:
            assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done

    def api(self, stack: Stack) -> httpx.Client:
        """An API client signed in with the tokens the CLI stored."""
        tokens = json.loads((self.config / "credentials.json").read_text())["servers"][stack.url("gateway")]
        return httpx.Client(
            base_url=stack.url("gateway") + "/api/v1",
            headers={"Authorization": f"Bearer {tokens['access_token']}"},
            timeout=60,
        )


@pytest.fixture(scope="module")
def essay(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A user made with the CLI, and an essay it planned, renamed and generated with `--wait`."""
    Student(stack).standin(preset="speed", error_rate=0.0)
    shell = Shell(stack, tmp_path_factory.mktemp("refgen-config"))
    email, password = f"{uuid.uuid4().hex[:10]}@cli.example", "long-password"
    shell("register", "--email", email, "--username", f"c{uuid.uuid4().hex[:10]}", "--password", password)
    profile = [f"--{k}={v}" for k, v in PROFILE.items()]
    shown = shell("profile", *profile).stdout
    assert "КГТУ" in shown and "Бишкек" in shown
    shell("logout")
    assert shell("list", ok=False).returncode == 1
    shell("login", "--email", email, "--password", password)
    planned = shell("plan", "Цифровизация образования", "--pages", "10", "--chapters", "3", "--lang", "ru",
                    "--subject", "Педагогика")  # fmt: skip
    essay_id = int(planned.stdout.split("Essay ", 1)[1].split()[0])
    api = shell.api(stack)
    chapters = api.get(f"/essays/{essay_id}/chapters").json()["chapters"]
    assert all(c["title"] in planned.stdout for c in chapters), planned.stdout
    renamed = shell("outline", str(essay_id), "--rename", str(chapters[0]["id"]), "Истоки цифровой школы")
    generated = shell("generate", str(essay_id), "--wait")
    yield {"shell": shell, "api": api, "id": essay_id, "chapters": chapters, "renamed": renamed,
           "generated": generated}  # fmt: skip
    api.close()
    Student.close_all()


def test_login_stores_the_tokens_for_the_owner_only(essay: dict[str, Any]) -> None:
    credentials = essay["shell"].config / "credentials.json"
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600


def test_outline_lists_chapter_ids_and_renames_one(essay: dict[str, Any]) -> None:
    shown = essay["renamed"].stdout
    assert all(str(c["id"]) in shown for c in essay["chapters"]), shown
    assert "Истоки цифровой школы" in shown
    chapters = essay["api"].get(f"/essays/{essay['id']}/chapters").json()["chapters"]
    assert chapters[0]["title"] == "Истоки цифровой школы"


def test_generate_wait_shows_the_progress_of_every_unit_until_generated(essay: dict[str, Any]) -> None:
    done = essay["generated"]
    status = essay["api"].get(f"/essays/{essay['id']}/status").json()
    assert status["status"] == "GENERATED"
    total = status["sections_total"]
    assert f"{total}/{total}" in done.stderr, done.stderr  # the bar, fed by the stream, reached the end
    assert "GENERATED" in done.stdout and "GENERATED" in done.stderr


def test_download_saves_the_docx(essay: dict[str, Any], tmp_path: Path) -> None:
    target = tmp_path / "essay.docx"
    essay["shell"]("download", str(essay["id"]), "-o", str(target))
    headings = [
        p.text for p in Document(io.BytesIO(target.read_bytes())).paragraphs if p.style.name == "Heading 1"
    ]
    assert "1 Истоки цифровой школы" in headings, headings


def test_download_pdf_saves_a_pdf(essay: dict[str, Any], tmp_path: Path) -> None:
    # GET /refprint/{id}?format=pdf comes from another branch: this passes once it is merged
    target = tmp_path / "essay.pdf"
    essay["shell"]("download", str(essay["id"]), "--pdf", "-o", str(target))
    assert target.read_bytes().startswith(b"%PDF-")


def test_list_shows_the_essay_and_errors_exit_non_zero_with_the_detail(essay: dict[str, Any]) -> None:
    listed = essay["shell"]("list").stdout
    assert str(essay["id"]) in listed and "GENERATED" in listed
    missing = essay["shell"]("outline", "999999999", ok=False)
    assert missing.returncode == 1 and "essay not found" in missing.stderr, missing.stderr
