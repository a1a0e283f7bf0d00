"""Domain records of the auth service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

# Column order of a profile; the only names the adapters may interpolate into SQL.
PROFILE_FIELDS: tuple[str, ...] = (
    "name",
    "surname",
    "patronymic",
    "university",
    "faculty",
    "course",
    "group",
    "city",
    "phone_number",
    "department",
    "ministry",
    "gender",
)
REQUIRED_PROFILE_FIELDS: frozenset[str] = frozenset({"name", "surname"})

ProfileValue = str | int | None

# The profile every registration creates, as the monolith did: empty, first year of study.
NEW_PROFILE: dict[str, ProfileValue] = {"name": "", "surname": "", "course": 1}


@dataclass(frozen=True, slots=True)
class User:
    """A registered account."""

    id: int
    username: str
    email: str
    password_hash: str
    balance: int
    is_active: bool
    is_verified: bool
    is_superuser: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class NewUser:
    """An account about to be stored."""

    username: str
    email: str
    password_hash: str


@dataclass(frozen=True, slots=True)
class Profile:
    """A user's personal details, printed on the essay's title page."""

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


@dataclass(frozen=True, slots=True)
class NewRefreshToken:
    """A refresh token as stored: only its hash, never the token itself."""

    id: UUID
    token_hash: bytes
    issued_at: datetime
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class RefreshTokenRecord:
    """A stored refresh token joined with the state of its family."""

    id: UUID
    family_id: UUID
    user_id: int
    issued_at: datetime
    expires_at: datetime
    used_at: datetime | None
    family_revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class TokenPair:
    """What a successful register, login or refresh hands back."""

    access_token: str
    refresh_token: str
    user: User
