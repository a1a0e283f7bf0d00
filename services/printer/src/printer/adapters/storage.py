"""S3-compatible object storage (MinIO in production, rclone locally)."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as TransportError

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"


class S3DocumentStorage:
    """Puts finished documents into one bucket."""

    def __init__(self, client: Any, bucket: str):
        self._client = client
        self.bucket = bucket

    async def put(self, key: str, data: bytes) -> None:
        """Store a DOCX, or a PDF under a `.pdf` key."""
        mime = PDF_MIME if key.endswith(".pdf") else DOCX_MIME
        await self._client.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType=mime)

    async def download_url(self, key: str, seconds: int) -> str:
        """A presigned GET of a stored document, valid for `seconds` (signed locally: no request is made)."""
        url: str = await self._client.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": key}, ExpiresIn=seconds
        )
        return url


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
