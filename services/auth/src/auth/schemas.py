"""HTTP request and response bodies of the auth service."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    field_validator,
    model_serializer,
)

from auth.domain.models import REQUIRED_PROFILE_FIELDS, Profile, TokenPair, User
from auth.domain.rules import PASSWORD_MAX, check_password, check_username


def _blank_to_none(value: Any) -> Any:
    # Web forms send "" for fields left empty; store that as "not given".
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _printable(value: str) -> str:
    # PostgreSQL text cannot hold NUL, and no profile field has a use for control characters.
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValueError("must not contain control characters")
    return value


Username = Annotated[str, AfterValidator(check_username)]
NewPassword = Annotated[str, AfterValidator(check_password)]
Password = Annotated[str, Field(min_length=1, max_length=PASSWORD_MAX)]
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), AfterValidator(_printable)
]
_Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), AfterValidator(_printable)]
_ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=50), AfterValidator(_printable)
]
_Course = Annotated[int, Field(ge=1, le=10)]
_Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9()\- ]{3,32}$")]
# Optional profile fields: "" means absent, the constraints apply to real values only.
Text = Annotated[_Text | None, BeforeValidator(_blank_to_none)]
ShortText = Annotated[_ShortText | None, BeforeValidator(_blank_to_none)]
Course = Annotated[_Course | None, BeforeValidator(_blank_to_none)]
Phone = Annotated[_Phone | None, BeforeValidator(_blank_to_none)]
Gender = Annotated[Literal["male", "female"] | None, BeforeValidator(_blank_to_none)]


class RegisterRequest(BaseModel):
    """POST /auth/register."""

    username: Username
    email: EmailStr
    password: NewPassword


class LoginRequest(BaseModel):
    """POST /auth/login."""

    email: EmailStr
    password: Password


class UserOut(BaseModel):
    """A user as the client sees it (never the password hash)."""

    id: int
    username: str
    email: str
    balance: int
    is_active: bool
    is_verified: bool
    is_superuser: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, user: User) -> UserOut:
        """Project a domain user."""
        return cls.model_validate(user, from_attributes=True)


class TokenResponse(BaseModel):
    """Answer of register, login and refresh."""

    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    user: UserOut

    @classmethod
    def of(cls, pair: TokenPair) -> TokenResponse:
        """Project a token pair."""
        return cls(
            access_token=pair.access_token, refresh_token=pair.refresh_token, user=UserOut.of(pair.user)
        )


class LogoutResponse(BaseModel):
    """Answer of GET /auth/logout, worded as the monolith's."""

    detail: str = "Successfully logged out"


class _ProfileFields(BaseModel):
    model_config = ConfigDict(extra="ignore")

    def changes(self) -> dict[str, Any]:
        """Only the fields present in the request."""
        return self.model_dump(include=self.model_fields_set)

    patronymic: Text = None
    university: Text = None
    faculty: Text = None
    course: Course = None
    group: ShortText = None
    city: Text = None
    phone_number: Phone = None
    department: Text = None  # кафедра, on the title page
    ministry: Text = None  # the title page's first line; empty: the ministry of the university's country
    gender: Gender = None  # "Выполнил" or "Выполнила"; empty: told by the patronymic or the name


class ProfileCreate(_ProfileFields):
    """POST /profile/: name and surname are required."""

    name: Name
    surname: Name


class ProfileUpdate(_ProfileFields):
    """PUT /profile/: only the fields sent are changed; name and surname cannot be cleared."""

    name: Name | None = None
    surname: Name | None = None

    @field_validator(*REQUIRED_PROFILE_FIELDS, mode="before")
    @classmethod
    def _not_cleared(cls, value: Any) -> Any:
        # Runs only for fields actually sent, so omitting name is fine but "name": null is not.
        if value is None:
            raise ValueError("cannot be cleared")
        return value


EXTENSION_FIELDS = frozenset({"department", "ministry", "gender"})


class ProfileOut(BaseModel):
    """A profile as the client sees it; name and surname are "" until the user fills them in."""

    id: int
    user_id: int
    name: str
    surname: str
    patronymic: str | None
    university: str | None
    faculty: str | None
    course: int | None
    group: str | None
    city: str | None
    phone_number: str | None
    department: str | None
    ministry: str | None
    gender: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, profile: Profile) -> ProfileOut:
        """Project a domain profile."""
        return cls.model_validate(profile, from_attributes=True)

    @model_serializer(mode="wrap")
    def _extensions_only_when_set(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # The monolith's web client PUTs back the profile it got and refuses while any field is null or
        # "", and its form has no inputs for these: it sees them only once they hold a value.
        data: dict[str, Any] = handler(self)
        return {k: v for k, v in data.items() if k not in EXTENSION_FIELDS or v is not None}
