"""Bullet and numbered markdown lists, nested by indentation, → ListBlock."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from contracts.blocks import ListBlock, ListItem
from writer.domain.inline import parse_inline

MAX_DEPTH = 3

_BULLET = re.compile(r"^(?P<indent> *)[-*+•‣▪●◦–—]\s+(?P<text>.*\S.*)$")
_ORDERED = re.compile(r"^(?P<indent> *)(?:\d{1,3}|(?P<letter>[a-zа-яё]))[.)]\s+(?P<text>.*\S.*)$")


@dataclass(frozen=True)
class ListLine:
    """One list item as written: indentation, kind of marker, text (with continuation lines)."""

    indent: int
    ordered: bool
    text: str
    lettered: bool = False

    def extended(self, more: str) -> ListLine:
        """The item with a continuation line appended."""
        return replace(self, text=f"{self.text} {more}")


def list_line(line: str) -> ListLine | None:
    """The list item a line starts, if it starts one."""
    for pattern, ordered in ((_BULLET, False), (_ORDERED, True)):
        match = pattern.match(line)
        if match:
            lettered = ordered and match.group("letter") is not None
            return ListLine(len(match.group("indent")), ordered, match.group("text").strip(), lettered)
    return None


@dataclass
class _Item:
    text: str
    children: _List | None = None


@dataclass
class _List:
    ordered: bool
    indent: int
    lettered: bool = False
    items: list[_Item] = field(default_factory=list)


def _freeze(node: _List) -> ListBlock | None:
    items = []
    for item in node.items:
        runs = parse_inline(item.text)
        children = _freeze(item.children) if item.children is not None else None
        if runs or children is not None:
            items.append(ListItem(runs=runs, children=children))
    return ListBlock(ordered=node.ordered, lettered=node.lettered, items=tuple(items)) if items else None


def build_list(entries: list[ListLine]) -> ListBlock | None:
    """Nest items by indentation (at most MAX_DEPTH levels); None when nothing is left."""
    root = _List(ordered=entries[0].ordered, indent=entries[0].indent, lettered=entries[0].lettered)
    stack = [root]
    for entry in entries:
        while len(stack) > 1 and entry.indent < stack[-1].indent:
            stack.pop()
        top = stack[-1]
        if entry.indent > top.indent and top.items and len(stack) < MAX_DEPTH:
            parent = top.items[-1]
            if parent.children is None:
                parent.children = _List(ordered=entry.ordered, indent=entry.indent, lettered=entry.lettered)
            parent.children.indent = min(parent.children.indent, entry.indent)
            stack.append(parent.children)
            top = parent.children
        top.items.append(_Item(entry.text))
    return _freeze(root)
