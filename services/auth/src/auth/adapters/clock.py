"""Wall clock."""

from __future__ import annotations

from datetime import UTC, datetime


class SystemClock:
    """The current UTC time."""

    def now(self) -> datetime:
        """Timezone-aware now."""
        return datetime.now(UTC)
