"""RefGen's event contracts: one module per bounded context, plus the broker topology."""

from contracts.base import Event
from contracts.essay import GenerationRequested, OutlineChapter, PlanRequested, TitlePage
from contracts.pipeline import EssayFailed
from contracts.planning import PlanDrafted, SectionRequested, SectionsAllocated, SectionSpec
from contracts.printing import DocumentAssembled, DocumentConverted
from contracts.writing import SectionFailed, SectionWritten

__all__ = [
    "DocumentAssembled",
    "DocumentConverted",
    "EssayFailed",
    "Event",
    "GenerationRequested",
    "OutlineChapter",
    "PlanDrafted",
    "PlanRequested",
    "SectionFailed",
    "SectionRequested",
    "SectionSpec",
    "SectionWritten",
    "SectionsAllocated",
    "TitlePage",
]
