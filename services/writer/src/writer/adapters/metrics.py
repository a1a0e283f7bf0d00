"""The writer's Prometheus metrics: how long a unit takes to write, and how often the length control asks the
model to go on."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

from contracts.planning import SectionRequested
from contracts.writing import SectionFailed, SectionWritten

# A unit is one or more streamed answers of up to a few thousand tokens, retried with backoff.
WRITE_BUCKETS = (1.0, 2.5, 5.0, 10.0, 20.0, 30.0, 45.0, 60.0, 90.0, 120.0, 180.0, 300.0, 600.0)

UNIT_WRITE_SECONDS = Histogram(
    "refgen_unit_write_seconds",
    "Seconds a writer took over one unit (section), retries and continuations included, by language, kind "
    "(introduction, chapter, conclusion, references) and outcome (written, failed).",
    ["language", "kind", "outcome"],
    buckets=WRITE_BUCKETS,
)
CONTINUATIONS = Counter(
    "refgen_continuations",
    "Times the writer's length control asked the model to continue a short answer, by language.",
    ["language"],
)


def observe_unit(request: SectionRequested, outcome: SectionWritten | SectionFailed, seconds: float) -> None:
    """Record one unit's writing time."""
    result = "written" if isinstance(outcome, SectionWritten) else "failed"
    UNIT_WRITE_SECONDS.labels(language=request.language, kind=request.section.kind, outcome=result).observe(
        seconds
    )


def count_continuation(request: SectionRequested) -> None:
    """Record one continuation asked for while writing `request`."""
    CONTINUATIONS.labels(language=request.language).inc()
