"""RS256 signing keys: one PEM file per key id in a folder, re-read whenever the folder changes."""

from __future__ import annotations

import logging
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from auth.domain.tokens import ALGORITHM

logger = logging.getLogger(__name__)

KEY_SUFFIX = ".pem"
RETIRED_SUFFIX = ".retired"
KEY_BITS = 2048
_KID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class KeyRingError(RuntimeError):
    """The key folder is unusable: missing, empty where keys are required, or holding a bad file."""


@dataclass(frozen=True, slots=True)
class SigningKey:
    """A private RSA key and the id published with it."""

    kid: str
    private_key: rsa.RSAPrivateKey
    public_key: rsa.RSAPublicKey = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "public_key", self.private_key.public_key())

    def public_jwk(self) -> dict[str, Any]:
        """The public half as a JWK for the JWKS document."""
        jwk = RSAAlgorithm.to_jwk(self.public_key, as_dict=True)
        return {**jwk, "kid": self.kid, "alg": ALGORITHM, "use": "sig"}


def new_kid(now: datetime | None = None) -> str:
    """A key id that sorts chronologically: UTC timestamp to the microsecond plus a random tail."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{stamp}-{secrets.token_hex(4)}"


def generate_key(directory: Path, *, now: datetime | None = None) -> str:
    """Create a new RSA-2048 key in `directory` (it signs from then on) and return its kid."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    kid = new_kid(now)
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    pem = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # Write under a hidden name, then rename: a scanning replica never sees half a key.
    temporary = directory / f".{kid}{KEY_SUFFIX}.tmp"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    os.replace(temporary, directory / f"{kid}{KEY_SUFFIX}")
    return kid


def load_keys(directory: Path) -> list[SigningKey]:
    """Every active key of `directory`, oldest first (the last one signs)."""
    if not directory.is_dir():
        raise KeyRingError(f"key folder {directory} does not exist")
    keys = []
    for path in sorted(directory.glob(f"*{KEY_SUFFIX}")):
        if path.name.startswith("."):
            continue
        kid = path.name.removesuffix(KEY_SUFFIX)
        if not _KID.fullmatch(kid):
            raise KeyRingError(f"{path}: file name is not a valid key id")
        try:
            private_key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (OSError, ValueError, TypeError) as exc:
            raise KeyRingError(f"{path}: not an unencrypted PEM private key ({exc})") from exc
        if not isinstance(private_key, rsa.RSAPrivateKey) or private_key.key_size < KEY_BITS:
            raise KeyRingError(f"{path}: must be an RSA key of at least {KEY_BITS} bits")
        keys.append(SigningKey(kid, private_key))
    return keys


def retire_key(directory: Path, kid: str) -> None:
    """Stop publishing `kid` (tokens it signed stop verifying); the signing key cannot be retired."""
    keys = load_keys(directory)
    kids = [key.kid for key in keys]
    if kid not in kids:
        raise KeyRingError(f"no active key {kid!r} in {directory}")
    if kid == kids[-1]:
        raise KeyRingError(f"{kid!r} is the current signing key; rotate first, then retire it")
    path = directory / f"{kid}{KEY_SUFFIX}"
    os.replace(path, path.with_name(path.name + RETIRED_SUFFIX))


class KeyRing:
    """The keys of one folder; the newest signs, all are published, changes apply without restart."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._keys: list[SigningKey] = []
        self._by_kid: dict[str, SigningKey] = {}
        self._jwks: dict[str, Any] = {"keys": []}
        self._mtime_ns: int | None = None

    @classmethod
    def open(cls, directory: Path, *, generate_if_empty: bool) -> KeyRing:
        """Load the folder, creating a first key if allowed; raises KeyRingError if none is usable."""
        if generate_if_empty and not any(
            not p.name.startswith(".") for p in directory.glob(f"*{KEY_SUFFIX}")
        ):
            kid = generate_key(directory)
            logger.warning("generated development signing key %s in %s", kid, directory)
        ring = cls(directory)
        if directory.is_dir():
            ring._mtime_ns = directory.stat().st_mtime_ns
            ring._install(load_keys(directory))
        if not ring._keys:
            raise KeyRingError(
                f"no signing keys (*{KEY_SUFFIX}) in {directory.resolve()}; production never generates "
                f"keys: create one with `refgen-auth rotate-key` (AUTH_KEYS_DIR={directory})"
            )
        return ring

    def signing_key(self) -> SigningKey:
        """The key new tokens are signed with."""
        self._reload_if_changed()
        return self._keys[-1]

    def public_key(self, kid: str) -> rsa.RSAPublicKey | None:
        """The public key published under `kid`, if any."""
        self._reload_if_changed()
        key = self._by_kid.get(kid)
        return None if key is None else key.public_key

    def jwks(self) -> dict[str, Any]:
        """The JWKS document: every active public key."""
        self._reload_if_changed()
        return self._jwks

    def _install(self, keys: list[SigningKey]) -> None:
        self._keys = keys
        self._by_kid = {key.kid: key for key in keys}
        self._jwks = {"keys": [key.public_jwk() for key in keys]}

    def _reload_if_changed(self) -> None:
        # A stat per call is cheap; adding, renaming or removing a key file changes the folder mtime.
        try:
            mtime_ns = self._directory.stat().st_mtime_ns
        except OSError:
            logger.exception("cannot stat key folder %s; keeping the loaded keys", self._directory)
            return
        if mtime_ns == self._mtime_ns:
            return
        self._mtime_ns = mtime_ns
        try:
            keys = load_keys(self._directory)
        except KeyRingError:
            logger.exception("key folder changed but cannot be loaded; keeping the previous keys")
            return
        if not keys:
            logger.error("key folder %s is now empty; keeping the previous keys", self._directory)
            return
        self._install(keys)
        logger.info("signing keys reloaded: %s (signing with %s)", [k.kid for k in keys], keys[-1].kid)
