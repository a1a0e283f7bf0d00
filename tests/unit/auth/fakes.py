"""In-memory implementations of the auth ports, for unit tests of the use cases and handlers."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from auth.domain.errors import EmailTaken, InvalidAccessToken, UsernameTaken
from auth.domain.models import (
    PROFILE_FIELDS,
    NewRefreshToken,
    NewUser,
    Profile,
    ProfileValue,
    RefreshTokenRecord,
    User,
)
from auth.domain.throttle import Failures

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime = T0) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


class FakeHasher:
    """Reversible 'hashing' that records how often a decoy verification was spent."""

    def __init__(self) -> None:
        self.burned = 0

    async def hash(self, password: str) -> str:
        return f"fake${password}"

    async def verify(self, password: str, password_hash: str) -> tuple[bool, str | None]:
        return password_hash == f"fake${password}", None

    async def burn(self, password: str) -> None:
        self.burned += 1


class FakeTokens:
    """Access tokens of the form `access:<user id>:<n>`."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def issue(self, user_id: int) -> str:
        return f"access:{user_id}:{next(self._counter)}"

    def verify(self, token: str) -> int:
        kind, _, rest = token.partition(":")
        if kind != "access":
            raise InvalidAccessToken
        return int(rest.partition(":")[0])


class InMemoryUsers:
    """UserRepository in a dict; a new user's profile goes to `profiles`."""

    def __init__(self, clock: FakeClock, profiles: InMemoryProfiles) -> None:
        self._clock = clock
        self._profiles = profiles
        self._ids = itertools.count(1)
        self.rows: dict[int, User] = {}

    async def add(self, user: NewUser, profile: Mapping[str, ProfileValue]) -> User:
        if any(u.email == user.email for u in self.rows.values()):
            raise EmailTaken
        if any(u.username.lower() == user.username.lower() for u in self.rows.values()):
            raise UsernameTaken
        now = self._clock.now()
        stored = User(
            next(self._ids), user.username, user.email, user.password_hash, 0, True, False, False, now, now
        )
        self.rows[stored.id] = stored
        await self._profiles.save(stored.id, {}, profile)
        return stored

    async def by_email(self, email: str) -> User | None:
        return next((u for u in self.rows.values() if u.email == email), None)

    async def by_id(self, user_id: int) -> User | None:
        return self.rows.get(user_id)

    async def set_password_hash(self, user_id: int, password_hash: str) -> None:
        self.rows[user_id] = replace(self.rows[user_id], password_hash=password_hash)

    def deactivate(self, user_id: int) -> None:
        self.rows[user_id] = replace(self.rows[user_id], is_active=False)


class InMemoryProfiles:
    """ProfileRepository in a dict keyed by user id."""

    def __init__(self, clock: FakeClock) -> None:
        self._clock = clock
        self._ids = itertools.count(1)
        self.rows: dict[int, Profile] = {}

    async def get(self, user_id: int) -> Profile | None:
        return self.rows.get(user_id)

    async def save(
        self, user_id: int, values: Mapping[str, ProfileValue], defaults: Mapping[str, ProfileValue]
    ) -> Profile:
        now = self._clock.now()
        if user_id not in self.rows:
            fields = {name: defaults.get(name) for name in PROFILE_FIELDS}
            self.rows[user_id] = Profile(
                id=next(self._ids),
                user_id=user_id,
                created_at=now,
                updated_at=now,
                **fields,  # type: ignore[arg-type]
            )
        changes = {name: value for name, value in values.items() if name in PROFILE_FIELDS}
        self.rows[user_id] = replace(self.rows[user_id], updated_at=now, **changes)  # type: ignore[arg-type]
        return self.rows[user_id]

    async def delete(self, user_id: int) -> bool:
        return self.rows.pop(user_id, None) is not None


class InMemoryRefreshTokens:
    """RefreshTokenRepository in dicts; same semantics as the SQL adapter."""

    def __init__(self) -> None:
        self.families: dict[UUID, tuple[int, datetime | None]] = {}
        self.tokens: dict[bytes, tuple[NewRefreshToken, UUID, datetime | None]] = {}

    async def start_family(self, user_id: int, token: NewRefreshToken) -> UUID:
        family_id = uuid4()
        self.families[family_id] = (user_id, None)
        self.tokens[token.token_hash] = (token, family_id, None)
        return family_id

    async def find(self, token_hash: bytes) -> RefreshTokenRecord | None:
        if token_hash not in self.tokens:
            return None
        token, family_id, used_at = self.tokens[token_hash]
        user_id, revoked_at = self.families[family_id]
        return RefreshTokenRecord(
            token.id, family_id, user_id, token.issued_at, token.expires_at, used_at, revoked_at
        )

    async def rotate(self, old_id: UUID, family_id: UUID, token: NewRefreshToken, now: datetime) -> bool:
        old_hash = next(h for h, (t, _, _) in self.tokens.items() if t.id == old_id)
        old, _, used_at = self.tokens[old_hash]
        if used_at is not None or self.families[family_id][1] is not None:
            return False
        self.tokens[old_hash] = (old, family_id, now)
        self.tokens[token.token_hash] = (token, family_id, None)
        return True

    async def add_to_family(self, family_id: UUID, token: NewRefreshToken) -> bool:
        if self.families[family_id][1] is not None:
            return False
        self.tokens[token.token_hash] = (token, family_id, None)
        return True

    async def revoke_family(self, family_id: UUID, now: datetime, reason: str) -> None:
        user_id, revoked_at = self.families[family_id]
        self.families[family_id] = (user_id, revoked_at or now)

    def mark_used(self, token_hash: bytes, at: datetime) -> None:
        """Simulate a concurrent rotation that won the race."""
        token, family_id, _ = self.tokens[token_hash]
        self.tokens[token_hash] = (token, family_id, at)


class InMemoryLoginFailures:
    """LoginFailureRepository in a list of (email, client, time)."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, datetime]] = []

    async def recent(self, email: str, client: str, since: datetime, limit: int) -> Failures:
        def newest(keep: Callable[[str, str], bool]) -> list[datetime]:
            return sorted((at for e, c, at in self.rows if keep(e, c) and at > since), reverse=True)[:limit]

        return Failures(
            newest(lambda e, c: e == email and c == client),
            newest(lambda e, c: c == client),
            len(newest(lambda e, c: e == email)),
        )

    async def record(self, email: str, client: str, at: datetime, prune_before: datetime) -> None:
        self.rows = [(e, c, t) for e, c, t in self.rows if t >= prune_before]
        self.rows.append((email, client, at))

    async def clear(self, email: str, client: str) -> None:
        self.rows = [(e, c, t) for e, c, t in self.rows if (e, c) != (email, client)]
