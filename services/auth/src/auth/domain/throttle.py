"""Login throttling per account and per client address, with growing delays (OWASP ASVS 2.2.1).

A client that keeps failing on one account, or that tries many accounts, waits longer and longer between
attempts. An account's failures from other clients never hold back a client that has not failed on it, so
nobody can lock the owner out with wrong passwords of their own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class Failures:
    """Recent failed logins that concern one attempt (each list newest first)."""

    on_account_from_client: Sequence[datetime] = ()
    """This account, from this client."""
    from_client: Sequence[datetime] = ()
    """Any account, from this client."""
    on_account: int = 0
    """This account, from every client."""


@dataclass(frozen=True, slots=True)
class ThrottlePolicy:
    """`max_failures` free tries per account and client, `client_max_failures` per client; past them the wait
    doubles with every further failure, from `base_delay` up to `max_delay`. An account failing from
    `account_max_failures` clients' worth of tries makes every client that has failed on it wait."""

    max_failures: int
    window: timedelta
    client_max_failures: int = 20
    account_max_failures: int = 50
    base_delay: timedelta = timedelta(seconds=1)
    max_delay: timedelta = timedelta(minutes=5)

    def window_start(self, now: datetime) -> datetime:
        """Failures before this instant no longer count."""
        return now - self.window

    def retry_after(self, failures: Failures, now: datetime) -> int | None:
        """Seconds until this client may try this account again, or None when it may now."""
        waits = [
            self._wait(failures.on_account_from_client, self.max_failures, now),
            self._wait(failures.from_client, self.client_max_failures, now),
        ]
        if failures.on_account >= self.account_max_failures and failures.on_account_from_client:
            waits.append(self._wait(failures.on_account_from_client, 0, now))
        blocked = [wait for wait in waits if wait is not None]
        return max(blocked) if blocked else None

    def _wait(self, failures: Sequence[datetime], free: int, now: datetime) -> int | None:
        recent = sorted((at for at in failures if at > self.window_start(now)), reverse=True)
        if len(recent) < max(free, 1):
            return None
        delay = min(self.max_delay, self.base_delay * 2 ** (len(recent) - max(free, 1)))
        remaining = (recent[0] + delay - now).total_seconds()
        return max(1, math.ceil(remaining)) if remaining > 0 else None
