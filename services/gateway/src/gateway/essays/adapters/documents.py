"""Reads finished documents from S3-compatible storage."""

from __future__ import annotations

from typing import Any

from botocore.config import Config

# Works against both rclone and MinIO.
S3_CONFIG = Config(
    signature_version="s3v4",
    s3={"addressing_style": "path"},
    request_checksum_calculation="when_required",
    response_checksum_validation="when_required",
    retries={"max_attempts": 5, "mode": "standard"},
)


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
