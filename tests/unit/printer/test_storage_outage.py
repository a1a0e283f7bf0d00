"""Which storage errors are an outage (hold the message and try again) and which are the request's own fault."""

from __future__ import annotations

import aiohttp
import pytest
from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    HTTPClientError,
    NoCredentialsError,
    ParamValidationError,
    ReadTimeoutError,
)

from printer.adapters.storage import is_storage_outage

URL = "http://127.0.0.1:9000/refgen-documents/essays/1/v1.docx"


def _answer(status: int, code: str) -> ClientError:
    return ClientError(
        {"Error": {"Code": code, "Message": code}, "ResponseMetadata": {"HTTPStatusCode": status}},
        "PutObject",
    )


@pytest.mark.parametrize(
    "error",
    [
        EndpointConnectionError(endpoint_url=URL),  # refused: the server is down
        ConnectionClosedError(endpoint_url=URL),  # it went away mid-request
        ConnectTimeoutError(endpoint_url=URL),
        ReadTimeoutError(endpoint_url=URL),
        HTTPClientError(error=aiohttp.ClientPayloadError("cut short")),  # aiobotocore's catch-all
        ConnectionResetError(104, "reset"),
        TimeoutError(),
        _answer(500, "InternalError"),
        _answer(502, "BadGateway"),
        _answer(503, "SlowDown"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_an_unreachable_or_failing_server_is_an_outage(error: BaseException) -> None:
    assert is_storage_outage(error)


@pytest.mark.parametrize(
    "error",
    [
        _answer(403, "AccessDenied"),
        _answer(404, "NoSuchBucket"),
        _answer(400, "InvalidArgument"),
        ParamValidationError(report="Key is missing"),
        NoCredentialsError(),
        ValueError("a bug"),
        KeyError("section"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_a_refusal_or_a_bug_is_not(error: BaseException) -> None:
    assert not is_storage_outage(error)
