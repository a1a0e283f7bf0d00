"""Shapes of JSON examples written into prompts, for `json_object` answers."""

from __future__ import annotations

import json
from typing import Any

Schema = dict[str, Any]


def infer_schema(example: Any) -> Schema:
    """A schema describing the shape of an example JSON value (for `json_object` prompts)."""
    if isinstance(example, dict):
        return {
            "type": "object",
            "properties": {k: infer_schema(v) for k, v in example.items()},
            "required": list(example),
        }
    if isinstance(example, list):
        return {"type": "array", "items": infer_schema(example[0]) if example else {"type": "string"}}
    if isinstance(example, bool):
        return {"type": "boolean"}
    if isinstance(example, int):
        return {"type": "integer"}
    if isinstance(example, float):
        return {"type": "number"}
    if example is None:
        return {"type": "null"}
    return {"type": "string"}


def find_example(texts: list[str]) -> Any:
    """The first JSON object written in any of `texts`, or None."""
    decoder = json.JSONDecoder()
    for text in texts:
        start = text.find("{")
        while start != -1:
            try:
                value, _ = decoder.raw_decode(text, start)
            except ValueError:
                start = text.find("{", start + 1)
                continue
            if isinstance(value, dict) and value:
                return value
            start = text.find("{", start + 1)
    return None
