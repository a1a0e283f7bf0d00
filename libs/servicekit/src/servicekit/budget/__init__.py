"""A requests- and tokens-per-minute budget that every process calling one LLM with one key shares."""

from servicekit.budget.bucket import Limits, LocalBucket, Rate, counted_tokens, estimate_tokens
from servicekit.budget.budget import LLMBudget, Spend, bucket_key
from servicekit.budget.config import BudgetSettings
from servicekit.budget.postgres import PostgresBuckets

__all__ = [
    "BudgetSettings",
    "LLMBudget",
    "Limits",
    "LocalBucket",
    "PostgresBuckets",
    "Rate",
    "Spend",
    "bucket_key",
    "counted_tokens",
    "estimate_tokens",
]
