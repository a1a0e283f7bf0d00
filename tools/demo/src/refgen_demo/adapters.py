"""In-process stand-ins for the printer's infrastructure: memory instead of PostgreSQL, a folder instead of S3."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from contracts.base import Event
from contracts.planning import SectionsAllocated
from contracts.writing import SectionWritten
from printer.ports import CompleteEssay


class MemoryAssembly:
    """The assembly hold of one essay version in memory."""

    def __init__(self, store: MemorySectionStore, key: tuple[int, int]):
        self._store = store
        self._key = key

    async def complete_essay(self) -> CompleteEssay | None:
        """The manifest with all sections, once, or None."""
        manifest = self._store.manifests.get(self._key)
        sections = self._store.sections[self._key]
        if manifest is None or self._key in self._store.assembled or len(sections) < len(manifest.sections):
            return None
        return CompleteEssay(manifest=manifest, sections=dict(sections))

    async def mark_assembled(self, object_key: str) -> None:
        """Close the version."""
        self._store.assembled[self._key] = object_key


class MemorySectionStore:
    """Manifests and sections keyed as the PostgreSQL store keys them."""

    def __init__(self) -> None:
        self.manifests: dict[tuple[int, int], SectionsAllocated] = {}
        self.sections: dict[tuple[int, int], dict[int, SectionWritten]] = defaultdict(dict)
        self.assembled: dict[tuple[int, int], str] = {}
        self._locks: dict[tuple[int, int], asyncio.Lock] = defaultdict(asyncio.Lock)

    async def save_manifest(self, manifest: SectionsAllocated) -> None:
        """Keep the first manifest of a version."""
        self.manifests.setdefault((manifest.essay_id, manifest.generation), manifest)

    async def save_section(self, section: SectionWritten) -> None:
        """Keep the first copy of a section."""
        self.sections[(section.essay_id, section.generation)].setdefault(section.section_index, section)

    @asynccontextmanager
    async def assembly(self, essay_id: int, generation: int) -> AsyncIterator[MemoryAssembly]:
        """Hold one version exclusively."""
        async with self._locks[(essay_id, generation)]:
            yield MemoryAssembly(self, (essay_id, generation))


class FolderStorage:
    """Documents as files under a folder."""

    bucket = "local"

    def __init__(self, root: Path):
        self.root = root

    async def put(self, key: str, data: bytes) -> None:
        """Write the document to `root/key`."""
        path = self.root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        await asyncio.to_thread(path.write_bytes, data)


class CollectingPublisher:
    """Keeps what the printer publishes."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    async def publish(self, event: Event) -> None:
        """Remember one event."""
        self.events.append(event)
