"""S3-compatible object storage (MinIO in production, rclone locally)."""

from __future__ import annotations

from typing import Any

from botocore.config import Config
from botocore.exceptions import ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as TransportError

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Works against both rclone and MinIO.
S3_CONFIG = Config(
    signature_version="s3v4",
    s3={"addressing_style": "path"},
    request_checksum_calculation="when_required",
    response_checksum_validation="when_required",
    retries={"max_attempts": 5, "mode": "standard"},
)


class S3DocumentStorage:
    """Puts finished documents into one bucket."""

    def __init__(self, client: Any, bucket: str):
        self._client = client
        self.bucket = bucket

    async def put(self, key: str, data: bytes) -> None:
        """Store a DOCX."""
        await self._client.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType=DOCX_MIME)


def is_storage_outage(error: BaseException) -> bool:
    """Whether the error says the object storage is unreachable or failing (not that the request was wrong)."""
    # aiobotocore turns every aiohttp failure of a request (refused, reset, cut short, timed out) into one of
    # these two botocore families, the catch-all HTTPClientError included
    if isinstance(error, TransportError | HTTPClientError):
        return True
    if isinstance(error, ClientError):
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        return isinstance(status, int) and status >= 500
    return isinstance(error, OSError)
