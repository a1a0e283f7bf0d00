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

Key = tuple[str, int, int]  # origin, essay id, generation


class MemoryAssembly:
    """The assembly hold of one essay version in memory."""

    def __init__(self, store: MemorySectionStore, key: Key):
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
        self.manifests: dict[Key, SectionsAllocated] = {}
        self.sections: dict[Key, dict[int, SectionWritten]] = defaultdict(dict)
        self.assembled: dict[Key, str] = {}
        self._locks: dict[Key, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def save_manifest(self, manifest: SectionsAllocated) -> None:
        """Keep the first manifest of a version."""
        self.manifests.setdefault((manifest.origin, manifest.essay_id, manifest.generation), manifest)

    async def save_section(self, section: SectionWritten) -> None:
        """Keep the first copy of a section."""
        self.sections[(section.origin, section.essay_id, section.generation)].setdefault(
            section.section_index, section
        )

    @asynccontextmanager
    async def assembly(self, origin: str, essay_id: int, generation: int) -> AsyncIterator[MemoryAssembly]:
        """Hold one version exclusively."""
        async with self._locks[(origin, essay_id, generation)]:
            yield MemoryAssembly(self, (origin, essay_id, generation))


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

    async def download_url(self, key: str, seconds: int) -> str:
        """The file's URL (a folder's files do not expire)."""
        return (self.root / key).resolve().as_uri()


class CollectingPublisher:
    """Keeps what the printer publishes."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    async def publish(self, event: Event) -> None:
        """Remember one event."""
        self.events.append(event)
