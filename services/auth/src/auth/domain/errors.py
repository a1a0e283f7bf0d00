"""Domain errors; the HTTP layer maps each to a status code."""

from __future__ import annotations


class AuthError(Exception):
    """Base of every expected auth failure."""


class EmailTaken(AuthError):
    """Another account already uses this email."""


class UsernameTaken(AuthError):
    """Another account already uses this username."""


class InvalidCredentials(AuthError):
    """Wrong email or password; deliberately does not say which."""


class LoginThrottled(AuthError):
    """Too many failed logins for one email within the window."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after}s")
        self.retry_after = retry_after


class InactiveUser(AuthError):
    """The account exists but is disabled."""


class InvalidRefreshToken(AuthError):
    """Unknown, expired or revoked refresh token."""


class RefreshTokenReused(InvalidRefreshToken):
    """An already rotated refresh token came back: its whole family is revoked."""


class InvalidAccessToken(AuthError):
    """The bearer token is missing, malformed, expired or not ours."""


class ProfileNotFound(AuthError):
    """The user deleted their profile and has not saved a new one."""
