"""One S3 client configuration that rclone and MinIO both accept: s3v4, path-style, checksums when required."""

from __future__ import annotations

from servicekit import S3_CONFIG, open_s3


async def test_the_client_signs_s3v4_and_addresses_buckets_by_path() -> None:
    async with open_s3(
        endpoint_url="http://127.0.0.1:9", access_key="k", secret_key="s", region="eu-west-1"
    ) as s3:
        assert s3.meta.endpoint_url == "http://127.0.0.1:9"
        assert s3.meta.region_name == "eu-west-1"
        assert s3.meta.config.signature_version == "s3v4"
        url = await s3.generate_presigned_url("get_object", Params={"Bucket": "docs", "Key": "a.docx"})
    assert url.startswith("http://127.0.0.1:9/docs/a.docx?")
    assert "X-Amz-Algorithm=AWS4-HMAC-SHA256" in url


def test_checksums_only_where_an_operation_requires_them() -> None:
    assert S3_CONFIG.request_checksum_calculation == "when_required"
    assert S3_CONFIG.response_checksum_validation == "when_required"
    assert S3_CONFIG.s3 == {"addressing_style": "path"}


async def test_the_region_defaults_to_us_east_1() -> None:
    async with open_s3(endpoint_url="http://127.0.0.1:9", access_key="k", secret_key="s") as s3:
        assert s3.meta.region_name == "us-east-1"
