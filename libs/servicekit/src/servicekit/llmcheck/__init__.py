"""The planner's and writers' startup check of their model's capabilities (JSON schema, streaming, usage)."""

from servicekit.llmcheck.check import ModelCheck, ModelNotReady
from servicekit.llmcheck.findings import JSON_SCHEMA, STREAMING, Finding, failed, json_answer, stream_answer

__all__ = [
    "JSON_SCHEMA",
    "STREAMING",
    "Finding",
    "ModelCheck",
    "ModelNotReady",
    "failed",
    "json_answer",
    "stream_answer",
]
