"""JSON values that satisfy a JSON Schema (the subset pydantic and OpenAI structured outputs use)."""

from __future__ import annotations

import json
import math
import uuid
from typing import Any

from llm_standin.generation.hints import (
    SOURCE_ARRAYS,
    SOURCE_FIELDS,
    SUBSECTION_ARRAYS,
    TITLE_ARRAYS,
    TITLE_KEYS,
    HintContext,
    integer_hint,
    norm,
    relevant,
    string_for,
)

Schema = dict[str, Any]
SHALLOW = 4  # below this depth optional members and nullable branches are left out, ending recursion
HARD_LIMIT = 24


def _pointer(root: Schema, ref: str) -> Schema:
    if not ref.startswith("#"):
        return {}
    node: Any = root
    for part in ref.lstrip("#").strip("/").split("/"):
        if not part:
            continue
        node = node.get(part.replace("~1", "/").replace("~0", "~"), {}) if isinstance(node, dict) else {}
    return node if isinstance(node, dict) else {}


class SchemaGenerator:
    """Generates one JSON value for a root schema, drawing strings from the hints."""

    def __init__(self, root: Schema, ctx: HintContext) -> None:
        self.root = root
        self.ctx = ctx

    def resolve(self, schema: Schema) -> Schema:
        """Follow $ref and merge allOf into one schema."""
        for _ in range(HARD_LIMIT):
            if "$ref" in schema:
                rest = {k: v for k, v in schema.items() if k != "$ref"}
                schema = {**_pointer(self.root, schema["$ref"]), **rest}
            elif "allOf" in schema:
                merged: Schema = {k: v for k, v in schema.items() if k != "allOf"}
                for part in schema["allOf"]:
                    part = self.resolve(part)
                    props = {**merged.get("properties", {}), **part.get("properties", {})}
                    required = [*merged.get("required", []), *part.get("required", [])]
                    merged = {**merged, **part, "properties": props, "required": required}
                if not merged["properties"]:
                    merged.pop("properties")
                schema = merged
            else:
                break
        return schema

    def generate(self, schema: Schema, name: str = "", depth: int = 0, index: int | None = None) -> Any:
        """A value valid against `schema`; `name` is the property or array it is for."""
        schema = self.resolve(schema if isinstance(schema, dict) else {})
        if depth > HARD_LIMIT:
            return None
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return self._enum(schema["enum"], name)
        for key in ("anyOf", "oneOf"):
            if key in schema:
                branch = self._branch(schema[key], depth)
                rest = {k: v for k, v in schema.items() if k != key}
                return self.generate({**rest, **self.resolve(branch)}, name, depth, index)
        kind = self._type(schema, depth)
        if kind == "object":
            return self._object(schema, name, depth)
        if kind == "array":
            return self._array(schema, name, depth)
        if kind == "string":
            return self._string(schema, name, index)
        if kind == "integer":
            return self._integer(schema, name, index)
        if kind == "number":
            return self._number(schema)
        if kind == "boolean":
            return self.ctx.rng.random() < 0.5
        return None

    def _type(self, schema: Schema, depth: int) -> str:
        kind = schema.get("type")
        if isinstance(kind, list):
            options = [k for k in kind if k != "null"]
            if not options or ("null" in kind and depth >= SHALLOW):
                return "null"
            return str(options[0])
        if isinstance(kind, str):
            return kind
        if "properties" in schema or "additionalProperties" in schema:
            return "object"
        if "items" in schema or "prefixItems" in schema:
            return "array"
        return "string"

    def _enum(self, values: list[Any], name: str) -> Any:
        ctx = self.ctx
        preferred: list[Any] = [ctx.info.language]
        if ctx.current_source is not None:
            preferred.append(ctx.current_source.kind)
        for value in preferred:
            if value in values and norm(name) in {"language", "lang", "kind", "type"}:
                return value
        return ctx.rng.choice(values)

    def _branch(self, branches: list[Schema], depth: int) -> Schema:
        resolved = [self.resolve(b) for b in branches]
        nulls = [b for b in resolved if b.get("type") == "null"]
        others = [b for b in resolved if b.get("type") != "null"]
        if nulls and (depth >= SHALLOW or not others):
            return nulls[0]
        matching = self._source_branch(others)
        return matching if matching is not None else self.ctx.rng.choice(others or resolved)

    def _source_branch(self, branches: list[Schema]) -> Schema | None:
        """In a union of source shapes tagged by kind, the shape of the source about to be written."""
        if self.ctx.current_source is not None:
            return None
        kind: str | None = None
        for branch in branches:
            props: dict[str, Schema] = branch.get("properties", {})
            if len({norm(p) for p in props} & SOURCE_FIELDS) < 3 or "title" not in props:
                continue
            kind = kind or self.ctx.peek_source().kind
            for prop, sub in props.items():
                sub = self.resolve(sub)
                if (
                    norm(prop) in {"kind", "type"}
                    and _is_tag(sub)
                    and kind in (sub.get("const"), *sub.get("enum", ()))
                ):
                    return branch
        return None

    def _object(self, schema: Schema, name: str, depth: int) -> dict[str, Any]:
        ctx = self.ctx
        props: dict[str, Schema] = schema.get("properties", {})
        required = set(schema.get("required", []))
        saved_source, saved_title = ctx.current_source, ctx.last_title
        if len({norm(p) for p in props} & SOURCE_FIELDS) >= 3 and "title" in props:
            ctx.current_source = ctx.take_source()
        ctx.last_title = None
        result: dict[str, Any] = {}
        for prop, sub in props.items():
            if ctx.current_source and not relevant(prop, ctx.current_source) and _nullable(self.resolve(sub)):
                result[prop] = None
            elif prop in required or depth < SHALLOW or _is_tag(self.resolve(sub)):
                result[prop] = self.generate(sub, prop, depth + 1)
        ctx.current_source, ctx.last_title = saved_source, saved_title
        return result

    def _array(self, schema: Schema, name: str, depth: int) -> list[Any]:
        ctx = self.ctx
        prefix: list[Schema] = schema.get("prefixItems", [])
        items = schema.get("items")
        low = int(schema.get("minItems", 0))
        high = schema.get("maxItems")
        wanted = ctx.preferred_count(name)
        if wanted is None:
            wanted = low if depth >= SHALLOW else max(low, ctx.rng.randint(2, 4))
        count = max(low, wanted if high is None else min(int(high), wanted))
        if items is False:
            count = min(count, len(prefix))
        count = max(count, min(len(prefix), low))
        item_schema = self.resolve(items) if isinstance(items, dict) else {}
        item_name = name
        if norm(name) in TITLE_ARRAYS:
            props = item_schema.get("properties", {})
            if item_schema.get("type") == "string":
                item_name = "title"
            if item_name == "title" or any(norm(p) in TITLE_KEYS for p in props):
                ctx.titles.plan(count)
        if norm(name) in SOURCE_ARRAYS and ctx.current_source is None:
            ctx.plan_sources(count)
        chapters, subsections = norm(name) in TITLE_ARRAYS, norm(name) in SUBSECTION_ARRAYS
        saved_index, saved_in_subsections = ctx.chapter_index, ctx.in_subsections
        if subsections:
            ctx.subsection_titles().start_chapter()
            ctx.in_subsections = True
        elif chapters:
            ctx.in_subsections = False
        values: list[Any] = []
        seen: set[str] = set()
        for i in range(count):
            sub = prefix[i] if i < len(prefix) else item_schema
            if chapters:
                ctx.chapter_index = i  # an outline's chapter: its subsections count by it
            value = self.generate(sub, item_name, depth + 1, index=i)
            for _retry in range(8):
                if not schema.get("uniqueItems") or _key(value) not in seen:
                    break
                value = self.generate(sub, item_name, depth + 1, index=i + count * (_retry + 1))
            if schema.get("uniqueItems") and _key(value) in seen and isinstance(value, str):
                value = f"{value} ({i + 1})"
            seen.add(_key(value))
            values.append(value)
        ctx.chapter_index, ctx.in_subsections = saved_index, saved_in_subsections
        return values

    def _string(self, schema: Schema, name: str, index: int | None) -> str:
        rng = self.ctx.rng
        fmt = schema.get("format")
        formats = {
            "date": "2024-03-01",
            "date-time": "2024-03-01T12:00:00Z",
            "time": "12:00:00",
            "email": "placeholder@example.org",
            "uri": f"https://example.org/llm-standin/{rng.randint(1, 9999)}",
            "url": f"https://example.org/llm-standin/{rng.randint(1, 9999)}",
            "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "ipv4": "192.0.2.1",
            "hostname": "example.org",
        }
        value = formats.get(fmt) if isinstance(fmt, str) else None
        if value is None:
            value = string_for(name, self.ctx, index)
        low, high = int(schema.get("minLength", 0)), schema.get("maxLength")
        while len(value) < low:
            value += " " + self.ctx.lex.short_value
        if high is not None and len(value) > int(high):
            value = value[: int(high)].rstrip() or value[: int(high)]
        return value

    @staticmethod
    def _limits(schema: Schema, default_low: float, span: float) -> tuple[float, float]:
        low = schema.get("minimum")
        high = schema.get("maximum")
        if isinstance(schema.get("exclusiveMinimum"), int | float):
            low = schema["exclusiveMinimum"] if low is None else max(low, schema["exclusiveMinimum"])
        if isinstance(schema.get("exclusiveMaximum"), int | float):
            high = schema["exclusiveMaximum"] if high is None else min(high, schema["exclusiveMaximum"])
        if low is None:
            low = default_low if high is None or high >= default_low + span else high - span
        if high is None:
            high = low + span
        return float(low), float(high)

    def _integer(self, schema: Schema, name: str, index: int | None) -> int:
        low_f, high_f = self._limits(schema, 1, 99)
        low = (
            math.floor(low_f) + 1 if "exclusiveMinimum" in schema and low_f.is_integer() else math.ceil(low_f)
        )
        high = (
            math.ceil(high_f) - 1
            if "exclusiveMaximum" in schema and high_f.is_integer()
            else math.floor(high_f)
        )
        high = max(high, low)
        step = schema.get("multipleOf")
        hinted = integer_hint(name, self.ctx, index)
        if hinted is not None and not _bounded(schema):
            low, high = min(low, hinted), max(high, hinted)
        value = hinted if hinted is not None and low <= hinted <= high else self.ctx.rng.randint(low, high)
        if isinstance(step, int) and step > 0 and value % step:
            up = value + step - value % step
            value = up if up <= high else value - value % step
        return value

    def _number(self, schema: Schema) -> float:
        low, high = self._limits(schema, 0, 100)
        # a value strictly inside the range satisfies exclusive bounds as well
        value = round(low + (high - low) * self.ctx.rng.uniform(0.1, 0.9), 2)
        if not low < value < high:
            value = (low + high) / 2
        step = schema.get("multipleOf")
        if isinstance(step, int | float) and step > 0:
            value = round(math.ceil(value / step) * step, 10)
        return value


def _is_tag(schema: Schema) -> bool:
    # a constant member is most likely a union's discriminator: always include it
    return "const" in schema or len(schema.get("enum", ())) == 1


def _bounded(schema: Schema) -> bool:
    return any(k in schema for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"))


def _nullable(schema: Schema) -> bool:
    kind = schema.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    branches = [*schema.get("anyOf", []), *schema.get("oneOf", [])]
    return any(isinstance(b, dict) and b.get("type") == "null" for b in branches)


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
