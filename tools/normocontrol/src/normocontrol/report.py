"""Violations and the report the checker hands back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Violation:
    """One broken rule at one place in the document."""

    rule: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"[{self.severity}] {self.rule}: {self.message}"


@dataclass
class Report:
    """Everything the checker found in one document."""

    language: str
    violations: list[Violation] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings do not count)."""
        return not self.errors

    @property
    def errors(self) -> list[Violation]:
        """Violations of severity "error"."""
        return [v for v in self.violations if v.severity == "error"]

    @property
    def warnings(self) -> list[Violation]:
        """Violations of severity "warning"."""
        return [v for v in self.violations if v.severity == "warning"]

    def rules(self, severity: Severity | None = None) -> set[str]:
        """Rule ids that were broken, optionally only of one severity."""
        return {v.rule for v in self.violations if severity is None or v.severity == severity}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view of the report."""
        return {
            "ok": self.ok,
            "language": self.language,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "violations": [
                {"rule": v.rule, "severity": v.severity, "message": v.message} for v in self.violations
            ],
        }
