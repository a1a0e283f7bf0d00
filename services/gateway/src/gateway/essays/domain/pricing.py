"""What the LLM usage of an essay is estimated to cost, from per-model prices per million tokens."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pydantic import BaseModel, Field


class Price(BaseModel):
    """A model's price in US dollars per million prompt (input) and completion (output) tokens."""

    input: float = Field(ge=0)
    output: float = Field(ge=0)


def unit_cost(
    prices: Mapping[str, Price], model: str, prompt_tokens: int, completion_tokens: int
) -> float | None:
    """The estimated cost of one unit's calls; None when its model has no price."""
    price = prices.get(model)
    if price is None:
        return None
    return round((prompt_tokens * price.input + completion_tokens * price.output) / 1_000_000, 6)


def total_cost(costs: Iterable[float | None]) -> float | None:
    """The sum of the priced units; None when none of them is priced."""
    priced = [cost for cost in costs if cost is not None]
    return round(sum(priced), 6) if priced else None
