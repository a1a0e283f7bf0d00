"""Shared infrastructure the services need before they start: the database, its schemas, the bucket."""

from __future__ import annotations

import asyncio
import subprocess
from urllib.parse import urlsplit, urlunsplit

import asyncpg
from botocore.exceptions import ClientError

from devstack.catalogue import BIN, ProcessSpec
from devstack.config import StackSettings
from servicekit import open_s3


async def ensure_database(settings: StackSettings) -> None:
    """Create the application database if it does not exist."""
    conn = await asyncpg.connect(f"{settings.postgres_url.rstrip('/')}/postgres")
    try:
        exists = await conn.fetchval("select 1 from pg_database where datname = $1", settings.database)
        if not exists:
            await conn.execute(f'create database "{settings.database}"')
    finally:
        await conn.close()


async def drop_database(settings: StackSettings) -> None:
    """Drop the application database (tests use a throwaway one)."""
    conn = await asyncpg.connect(f"{settings.postgres_url.rstrip('/')}/postgres")
    try:
        await conn.execute(f'drop database if exists "{settings.database}" with (force)')
    finally:
        await conn.close()


def dbmate_url(database_url: str) -> str:
    """dbmate wants the `postgres` scheme and an explicit sslmode."""
    parts = urlsplit(database_url)
    query = parts.query or "sslmode=disable"
    return urlunsplit(("postgres", parts.netloc, parts.path, query, ""))


def migrate(spec: ProcessSpec, settings: StackSettings) -> str:
    """Apply a service's SQL migrations with dbmate, keeping its history in its own schema."""
    if spec.migrations is None:
        return ""
    result = subprocess.run(
        [
            str(BIN / "dbmate"),
            "--url",
            dbmate_url(settings.database_url),
            "--migrations-dir",
            str(spec.migrations),
            "--migrations-table",
            f"{spec.migrations_schema}.schema_migrations",
            "--no-dump-schema",
            "--wait",
            "up",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"migrations of {spec.name} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


async def ensure_bucket(settings: StackSettings, attempts: int = 50) -> None:
    """Create the documents bucket, waiting for the S3 server to accept requests."""
    async with open_s3(
        endpoint_url=settings.s3_endpoint,
        access_key=settings.s3_access_key,
        secret_key=settings.s3_secret_key,
    ) as s3:
        for attempt in range(attempts):
            try:
                await s3.head_bucket(Bucket=settings.s3_bucket)
                return
            except ClientError as error:
                if error.response.get("Error", {}).get("Code") in {"404", "NoSuchBucket", "NotFound"}:
                    await s3.create_bucket(Bucket=settings.s3_bucket)
                    return
                raise
            except OSError:
                if attempt == attempts - 1:
                    raise
                await asyncio.sleep(0.2)
