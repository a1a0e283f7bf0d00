"""The outline an essay is written from: chapters, their subsections, and the manifest of units by name."""

from __future__ import annotations

from dataclasses import dataclass, field

from contracts.essay import OutlineChapter, OutlineSubsection


@dataclass
class Subsection:
    """One subsection of a chapter; `id` is None until saved."""

    position: int
    title: str
    synopsis: str = ""
    id: int | None = None
    renamed: bool = False


@dataclass
class Chapter:
    """One chapter of the outline, with its subsections (none for a chapter under two pages)."""

    position: int
    title: str
    synopsis: str = ""
    id: int | None = None
    renamed: bool = False
    subsections: list[Subsection] = field(default_factory=list)

    def outline(self) -> OutlineChapter:
        """The chapter as the pipeline's outline carries it."""
        return OutlineChapter(
            title=self.title,
            synopsis=self.synopsis,
            subsections=tuple(
                OutlineSubsection(title=s.title, synopsis=s.synopsis) for s in self.subsections
            ),
        )

    def unit_titles(self) -> tuple[UnitTitle, ...]:
        """What the manifest of this outline calls the chapter's units: (chapter, subsection or None)."""
        if not self.subsections:
            return ((self.title, None),)
        return tuple((self.title, s.title) for s in self.subsections)


# a unit of the manifest by name: its chapter's title and its subsection's (None: the chapter written whole)
UnitTitle = tuple[str, str | None]


@dataclass(frozen=True)
class Manifest:
    """What the current version's manifest holds: its chapters' units by name and the sections written."""

    unit_titles: tuple[UnitTitle, ...] = ()
    written: frozenset[int] = frozenset()
