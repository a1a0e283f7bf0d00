"""What the identity tests need from a devstack Stack beyond HTTP: the auth service's keys and key CLI."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from devstack.catalogue import ProcessSpec
from devstack.stack import Stack


def _auth(stack: Stack) -> ProcessSpec:
    return next(spec for spec in stack.specs if spec.name == "auth")


def keys_dir(stack: Stack) -> Path:
    """The auth service's key folder (devstack keeps it in the run folder)."""
    return Path(_auth(stack).env["AUTH_KEYS_DIR"])


def keys_cli(stack: Stack, *args: str) -> str:
    """Run `refgen-auth <args>` with the stack's auth settings, as an operator would."""
    auth = _auth(stack)
    result = subprocess.run(
        [*auth.argv, *args], env=os.environ | auth.env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"refgen-auth {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def signing_key(stack: Stack) -> tuple[str, rsa.RSAPrivateKey]:
    """The kid and private key the auth service currently signs with (the newest file)."""
    newest = max(p for p in keys_dir(stack).glob("*.pem") if not p.name.startswith("."))
    key = serialization.load_pem_private_key(newest.read_bytes(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return newest.name.removesuffix(".pem"), key
