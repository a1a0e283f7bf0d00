"""Printer settings (env prefix `PRINTER_`)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class PrinterSettings(BaseSettings):
    """Where the printer stores sections and documents, and how it renders them."""

    model_config = SettingsConfigDict(env_prefix="PRINTER_", env_file=".env", extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8004
    log_level: str = "INFO"
    database_url: str = "postgresql://postgres@127.0.0.1:5432/refgen"
    rabbit_url: str = "amqp://guest:guest@127.0.0.1:5672/"
    prefetch: int = 8
    s3_endpoint_url: str = "http://127.0.0.1:9000"
    s3_bucket: str = "refgen-documents"
    s3_access_key: str = "refgen"
    s3_secret_key: str = "refgen-secret-key"
    s3_region: str = "us-east-1"
    # DocumentAssembled carries a presigned GET valid this long (S3 allows at most 7 days)
    download_url_seconds: int = Field(default=86400, ge=1, le=604800)
    source_order: Literal["alphabetical", "first_citation"] = "alphabetical"
    # The contents' page numbers come from a LibreOffice layout of the document when this command is
    # installed (empty: never; then they are estimated from the text volume).
    soffice: str = "soffice"
    soffice_timeout_seconds: float = 90.0
    soffice_profile_dir: str = ""  # empty: a folder in the system's temporary directory
    # A PDF of every document, converted once from the final DOCX by the same LibreOffice (needs `soffice`).
    pdf: bool = True
