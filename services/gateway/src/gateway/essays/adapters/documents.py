"""Reads finished documents from S3-compatible storage."""

from __future__ import annotations

from typing import Any


class S3Documents:
    """Fetches a document's bytes by key."""

    def __init__(self, client: Any, bucket: str):
        self._client = client
        self._bucket = bucket

    async def get(self, key: str) -> bytes:
        """The stored bytes of one document."""
        response = await self._client.get_object(Bucket=self._bucket, Key=key)
        async with response["Body"] as body:
            data: bytes = await body.read()
        return data
