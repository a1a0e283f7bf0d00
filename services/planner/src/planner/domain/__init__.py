"""Pure planning rules: page budget, outline validation, deterministic ids."""

from planner.domain.budget import BudgetError, allocate, minimum_pages
from planner.domain.outline import OutlineError, OutlineRequest, parse_outline

__all__ = ["BudgetError", "OutlineError", "OutlineRequest", "allocate", "minimum_pages", "parse_outline"]
