"""Failures of essay use cases, each with the HTTP status the routes answer with."""

from __future__ import annotations


class EssayError(Exception):
    """Base: a message for `{detail}` and an HTTP status."""

    status_code = 400
    retry_after_seconds: int | None = None  # sent as Retry-After: the answer will change by itself

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class NotFound(EssayError):
    """No such essay or chapter for this user (foreign ones look missing too)."""

    status_code = 404


class ProfileIncomplete(EssayError):
    """The title page needs profile fields the user has not filled."""

    status_code = 400


class InvalidLiterature(EssayError):
    """An upload of sources that cannot be read, or too many of them."""

    status_code = 422


class Conflict(EssayError):
    """The essay is not in a state that allows this."""

    status_code = 409


class PdfPending(Conflict):
    """The DOCX is out and its PDF is still being made."""

    retry_after_seconds = 5


class Unavailable(EssayError):
    """A service the gateway depends on did not answer."""

    status_code = 503
