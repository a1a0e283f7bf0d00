"""The S3 client every service opens the same way, so rclone (locally) and MinIO (deployed) both accept it."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Any

import aioboto3
from botocore.config import Config

# Path-style s3v4, and checksums only where an operation needs them: rclone and MinIO reject the rest.
S3_CONFIG = Config(
    signature_version="s3v4",
    s3={"addressing_style": "path"},
    request_checksum_calculation="when_required",
    response_checksum_validation="when_required",
    retries={"max_attempts": 5, "mode": "standard"},
)


def open_s3(
    *, endpoint_url: str, access_key: str, secret_key: str, region: str = "us-east-1"
) -> AbstractAsyncContextManager[Any]:
    """An aioboto3 S3 client as an async context manager (enter it, or `stack.enter_async_context` it)."""
    client: AbstractAsyncContextManager[Any] = aioboto3.Session().client(
        "s3",
        endpoint_url=endpoint_url,
        aws_access_key_id=access_key,
        aws_secret_access_key=secret_key,
        region_name=region,
        config=S3_CONFIG,
    )
    return client
