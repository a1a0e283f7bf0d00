"""Length figures of one essay's units: LongBench-Write's length score S_l and the share of continuations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


def length_score(written: int, target: int) -> float:
    """S_l of LongBench-Write: 100 at the target, falling faster for a shortfall than for an overshoot."""
    if target <= 0:
        return 100.0 if written <= 0 else 0.0
    if written <= 0:
        return 0.0
    if written > target:
        return 100 * max(0.0, 1 - (written / target - 1) / 3)
    return 100 * max(0.0, 1 - (target / written - 1) / 2)


@dataclass(frozen=True)
class LengthFigures:
    """S_l over the units, and the completion tokens spent on continuations."""

    scores: list[float]
    continuation_tokens: int
    completion_tokens: int
    continuations_reported: bool  # False until the writer reports `continuation_tokens` per unit

    @property
    def sl_mean(self) -> float:
        """Mean S_l of the units."""
        return sum(self.scores) / len(self.scores)

    @property
    def sl_min(self) -> float:
        """The worst unit's S_l."""
        return min(self.scores)

    @property
    def continuation_share(self) -> float:
        """Continuation tokens over all completion tokens."""
        return self.continuation_tokens / self.completion_tokens if self.completion_tokens else 0.0


def length_figures(sections: Iterable[Mapping[str, Any]]) -> LengthFigures:
    """Figures of the written units of `GET /essays/{id}`'s `sections`."""
    units = [s for s in sections if s.get("written_chars") is not None]
    # The list of sources is sized by its number of entries, not asked for a length: it has no S_l.
    prose = [s for s in units if s.get("target_chars") and s.get("kind") != "references"]
    if not prose:
        raise ValueError("no written unit with a target length")
    return LengthFigures(
        scores=[length_score(int(s["written_chars"]), int(s["target_chars"])) for s in prose],
        continuation_tokens=sum(int(s.get("continuation_tokens", 0) or 0) for s in units),
        completion_tokens=sum(int(s.get("completion_tokens") or 0) for s in units),
        continuations_reported=any("continuation_tokens" in s for s in units),
    )
