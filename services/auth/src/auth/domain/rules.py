"""Input rules for accounts; raise ValueError with a message fit for the user."""

from __future__ import annotations

import unicodedata

USERNAME_MIN = 3
USERNAME_MAX = 30
PASSWORD_MIN = 8
# argon2 pre-hashes its input, but an upper bound keeps request bodies and CPU use predictable.
PASSWORD_MAX = 256


def check_username(value: str) -> str:
    """Return the username stripped of surrounding spaces, or raise ValueError."""
    username = value.strip()
    if not USERNAME_MIN <= len(username) <= USERNAME_MAX:
        raise ValueError(f"username must be {USERNAME_MIN} to {USERNAME_MAX} characters long")
    if any(unicodedata.category(ch).startswith(("C", "Z")) and ch != " " for ch in username):
        raise ValueError("username must not contain control or separator characters")
    return username


def check_password(value: str) -> str:
    """Return the password unchanged if it is long enough, or raise ValueError."""
    if len(value) < PASSWORD_MIN:
        raise ValueError(f"password must be at least {PASSWORD_MIN} characters long")
    if len(value) > PASSWORD_MAX:
        raise ValueError(f"password must be at most {PASSWORD_MAX} characters long")
    return value


def normalize_email(value: str) -> str:
    """Emails compare case-insensitively: store and look them up lower-cased."""
    return value.strip().lower()
