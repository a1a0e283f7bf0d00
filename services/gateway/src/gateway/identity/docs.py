"""OpenAPI shapes of the forwarded identity routes (documentation only: bodies pass through raw)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, EmailStr, Field


class RegisterBody(BaseModel):
    """Body of POST /auth/register."""

    username: str = Field(min_length=3, max_length=30)
    email: EmailStr
    password: str = Field(min_length=8, max_length=256)


class LoginBody(BaseModel):
    """Body of POST /auth/login."""

    email: EmailStr
    password: str


class ProfileBody(BaseModel):
    """Body of POST and PUT /profile/ (PUT changes only the fields sent)."""

    name: str = Field(max_length=100)
    surname: str = Field(max_length=100)
    patronymic: str | None = None
    university: str | None = None
    faculty: str | None = None
    course: int | None = Field(default=None, ge=1, le=10)
    group: str | None = None
    city: str | None = None
    phone_number: str | None = None
    department: str | None = Field(default=None, description="Кафедра, printed on the title page.")
    ministry: str | None = Field(
        default=None,
        description="The title page's first line; empty: the ministry of the university's country.",
    )
    gender: Literal["male", "female"] | None = Field(
        default=None, description='"Выполнил" or "Выполнила"; empty: told by the patronymic or the name.'
    )


class UserOut(BaseModel):
    """A user."""

    id: int
    username: str
    email: str
    balance: int
    is_active: bool
    is_verified: bool
    is_superuser: bool
    created_at: datetime
    updated_at: datetime


class TokenOut(BaseModel):
    """Answer of register, login and refresh; the refresh token is also set as an httponly cookie."""

    access_token: str
    refresh_token: str
    token_type: Literal["bearer"]
    user: UserOut


class ProfileOut(ProfileBody):
    """A profile; name and surname are "" until filled in."""

    id: int
    user_id: int
    created_at: datetime
    updated_at: datetime


class LogoutOut(BaseModel):
    """Answer of GET /auth/logout, worded as the monolith's."""

    detail: str


class ErrorOut(BaseModel):
    """Every error: a message, or for 422 a list of {loc, field, msg, type}."""

    detail: str | list[dict[str, Any]]


def json_body(model: type[BaseModel]) -> dict[str, Any]:
    """`openapi_extra` documenting a JSON request body the route reads raw."""
    schema = model.model_json_schema()
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def answers(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses` entries for the error codes a route can answer with."""
    return {code: {"model": ErrorOut} for code in codes}
