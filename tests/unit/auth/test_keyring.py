"""The signing-key folder: first key in development, rotation, retirement, reload without restart."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from auth.adapters.keyring import KeyRing, KeyRingError, generate_key, load_keys, new_kid, retire_key
from auth.cli import main as cli


def test_development_generates_a_first_key_in_an_empty_folder(tmp_path: Path) -> None:
    ring = KeyRing.open(tmp_path / "keys", generate_if_empty=True)
    [pem] = (tmp_path / "keys").glob("*.pem")
    assert ring.signing_key().kid == pem.stem
    assert pem.stat().st_mode & 0o777 == 0o600
    # Opening again reuses it rather than generating another.
    assert KeyRing.open(tmp_path / "keys", generate_if_empty=True).signing_key().kid == pem.stem


@pytest.mark.parametrize("create_folder", [True, False])
def test_production_never_generates_and_says_what_to_do(tmp_path: Path, create_folder: bool) -> None:
    folder = tmp_path / "keys"
    if create_folder:
        folder.mkdir()
    with pytest.raises(KeyRingError, match=r"rotate-key|does not exist"):
        KeyRing.open(folder, generate_if_empty=False)
    assert not folder.exists() or not any(folder.iterdir())


def test_kids_sort_chronologically() -> None:
    kids = [new_kid() for _ in range(20)]
    assert kids == sorted(kids)


def test_the_newest_key_signs_and_every_active_key_is_published(tmp_path: Path) -> None:
    old = generate_key(tmp_path)
    ring = KeyRing.open(tmp_path, generate_if_empty=False)
    new = generate_key(tmp_path)
    os.utime(tmp_path, ns=(0, 1))  # force a distinct folder mtime even on coarse filesystems
    assert ring.signing_key().kid == new
    published = {key["kid"]: key for key in ring.jwks()["keys"]}
    assert set(published) == {old, new}
    assert published[new]["alg"] == "RS256" and published[new]["use"] == "sig"
    assert "d" not in published[new]  # never the private part
    assert ring.public_key(old) is not None


def test_retired_keys_disappear_but_the_signing_key_cannot_be_retired(tmp_path: Path) -> None:
    old = generate_key(tmp_path)
    new = generate_key(tmp_path)
    ring = KeyRing.open(tmp_path, generate_if_empty=False)
    with pytest.raises(KeyRingError, match="current signing key"):
        retire_key(tmp_path, new)
    retire_key(tmp_path, old)
    os.utime(tmp_path, ns=(0, 2))
    assert [key["kid"] for key in ring.jwks()["keys"]] == [new]
    assert ring.public_key(old) is None
    assert (tmp_path / f"{old}.pem.retired").exists()


def test_a_broken_file_is_refused_at_start_but_does_not_break_a_running_ring(tmp_path: Path) -> None:
    kid = generate_key(tmp_path)
    ring = KeyRing.open(tmp_path, generate_if_empty=False)
    (tmp_path / "zzz-broken.pem").write_text("not a key")
    with pytest.raises(KeyRingError, match="zzz-broken"):
        load_keys(tmp_path)
    assert ring.signing_key().kid == kid  # the running ring keeps its keys


def test_cli_rotates_lists_and_retires(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli(["rotate-key", "--keys-dir", str(tmp_path)])
    cli(["rotate-key", "--keys-dir", str(tmp_path)])
    first, second = sorted(p.stem for p in tmp_path.glob("*.pem"))
    cli(["retire-key", first, "--keys-dir", str(tmp_path)])
    capsys.readouterr()
    cli(["list-keys", "--keys-dir", str(tmp_path)])
    assert capsys.readouterr().out.splitlines() == [f"{second}  (signing)", f"{first}  (retired)"]
    with pytest.raises(SystemExit):
        cli(["retire-key", second, "--keys-dir", str(tmp_path)])
