"""Login throttling policy: too many recent failures for one email block further attempts."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class ThrottlePolicy:
    """At most `max_failures` failed logins per email within a sliding `window`."""

    max_failures: int
    window: timedelta

    def window_start(self, now: datetime) -> datetime:
        """Failures before this instant no longer count."""
        return now - self.window

    def retry_after(self, failures: Iterable[datetime], now: datetime) -> int | None:
        """Seconds until another attempt is allowed, or None when not blocked."""
        start = self.window_start(now)
        recent = sorted(at for at in failures if at > start)
        if len(recent) < self.max_failures:
            return None
        # Blocked until the failure that keeps the count at the limit drops out of the window.
        unblock_at = recent[-self.max_failures] + self.window
        return max(1, math.ceil((unblock_at - now).total_seconds()))
