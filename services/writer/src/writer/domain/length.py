"""Length control: when to ask the model to continue, how many tokens to allow, how to join parts."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from contracts.limits import (
    LENGTH_ABOVE,
    LENGTH_BELOW,
    MAX_OVERRUN_CHARS,
    MAX_SHORTFALL_CHARS,
    length_band,
)

# Conservative: Cyrillic text runs ~2.5 characters per token, Latin ~4; the cap must not cut prose short.
CHARS_PER_TOKEN = 2.0
MAX_TOKENS_CAP = 16384
MIN_MAX_TOKENS = 256
MIN_CONTINUATION_CHARS = 400
TOKEN_HEADROOM = 0.1  # over the characters asked for; with CHARS_PER_TOKEN it never cuts a section short
CONTINUABLE = frozenset({"stop", "length"})

_ENDS_SENTENCE = re.compile(r"[.!?…:;»”\"')\]$|]\s*$")


@dataclass(frozen=True)
class LengthPolicy:
    """A target length with an asymmetric band and a limited number of continuations.

    A section below the band is continued, one above it trimmed (`contracts.limits.length_band`): the
    band lets a section fall somewhat short but hardly run over, because every section starts on a new
    page and a section that runs over its pages adds a page to the essay.
    """

    target: int
    below: float = LENGTH_BELOW
    above: float = LENGTH_ABOVE
    max_continuations: int = 3
    max_shortfall: int = MAX_SHORTFALL_CHARS
    max_overrun: int = MAX_OVERRUN_CHARS

    @property
    def lower(self) -> int:
        """Fewer characters than this asks for a continuation."""
        return length_band(self.target, self.below, self.above, self.max_shortfall, self.max_overrun)[0]

    @property
    def upper(self) -> int:
        """More characters than this are trimmed."""
        return length_band(self.target, self.below, self.above, self.max_shortfall, self.max_overrun)[1]

    def wants_continuation(self, chars: int, finish_reason: str | None, continuations: int) -> bool:
        """Whether to ask for more: short of the band, a finish that may be continued, budget left."""
        return chars < self.lower and finish_reason in CONTINUABLE and continuations < self.max_continuations

    def remaining(self, chars: int) -> int:
        """Characters still to write to reach the target (at least a useful chunk)."""
        return max(self.target - chars, MIN_CONTINUATION_CHARS)

    def too_long(self, chars: int) -> bool:
        """Whether the text must be trimmed."""
        return chars > self.upper


def max_tokens_for(chars: int, headroom: float = TOKEN_HEADROOM) -> int:
    """Completion token cap for a request of `chars` characters, with `headroom` over it."""
    wanted = math.ceil(chars * (1 + headroom) / CHARS_PER_TOKEN) + 128
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
