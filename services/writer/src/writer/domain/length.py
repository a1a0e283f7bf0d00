"""Length control: when to ask the model to continue, how many tokens to allow, how to join parts."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Conservative: Cyrillic text runs ~2.5 characters per token, Latin ~4; the cap must not cut prose short.
CHARS_PER_TOKEN = 2.0
MAX_TOKENS_CAP = 16384
MIN_MAX_TOKENS = 256
MIN_CONTINUATION_CHARS = 400
CONTINUABLE = frozenset({"stop", "length"})

_ENDS_SENTENCE = re.compile(r"[.!?…:;»”\"')\]$|]\s*$")


@dataclass(frozen=True)
class LengthPolicy:
    """Target length with a tolerance band and a limited number of continuations."""

    target: int
    tolerance: float
    max_continuations: int

    @property
    def lower(self) -> int:
        """Fewer characters than this asks for a continuation."""
        return math.floor(self.target * (1 - self.tolerance))

    @property
    def upper(self) -> int:
        """More characters than this are trimmed."""
        return math.ceil(self.target * (1 + self.tolerance))

    def wants_continuation(self, chars: int, finish_reason: str | None, continuations: int) -> bool:
        """Whether to ask for more: short of the band, a finish that may be continued, budget left."""
        return chars < self.lower and finish_reason in CONTINUABLE and continuations < self.max_continuations

    def remaining(self, chars: int) -> int:
        """Characters still to write to reach the target (at least a useful chunk)."""
        return max(self.target - chars, MIN_CONTINUATION_CHARS)

    def too_long(self, chars: int) -> bool:
        """Whether the text must be trimmed."""
        return chars > self.upper


def max_tokens_for(chars: int, tolerance: float) -> int:
    """Completion token cap for a request of `chars` characters, with headroom over the tolerance."""
    wanted = math.ceil(chars * (1 + tolerance) / CHARS_PER_TOKEN) + 128
    return max(MIN_MAX_TOKENS, min(MAX_TOKENS_CAP, wanted))


def join_continuation(previous: str, addition: str, previous_finish: str | None) -> str:
    """Glue a continuation to the text so far: mid-sentence cuts continue inline, finished text gets a new paragraph."""
    addition = addition.strip("\n")
    if not addition.strip():
        return previous
    if not previous.strip():
        return addition
    if previous_finish == "length" and not _ENDS_SENTENCE.search(previous):
        return previous + addition
    return previous.rstrip() + "\n\n" + addition.lstrip()
