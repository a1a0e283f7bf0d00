"""Events the printer publishes."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import Field

from contracts.base import Event


class DocumentAssembled(Event):
    """The DOCX of a generation is in object storage (its PDF follows in DocumentConverted when `pdf_pending`)."""

    ROUTING_KEY: ClassVar[str] = "printing.document_assembled.v1"
    VERSION: ClassVar[int] = 1

    generation: int = Field(ge=1)
    bucket: str
    object_key: str
    size_bytes: int = Field(ge=0)
    sha256: str
    download_url: str | None = Field(
        default=None, description="A presigned GET of the document, for producers without storage access."
    )
    download_expires_at: datetime | None = Field(
        default=None, description="When `download_url` stops working."
    )
    pdf_pending: bool = Field(
        default=False, description="The printer is converting the document to PDF: DocumentConverted follows."
    )


class DocumentConverted(Event):
    """The PDF of a generation's DOCX is in object storage beside it, or could not be made."""

    ROUTING_KEY: ClassVar[str] = "printing.document_converted.v1"
    VERSION: ClassVar[int] = 1

    generation: int = Field(ge=1)
    bucket: str
    pdf_object_key: str | None = Field(
        default=None, description="The PDF in `bucket`; None when the printer could not convert the document."
    )
