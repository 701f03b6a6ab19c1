"""Several web machines on one database: sessions and uploaded files are shared.

Two gunicorn instances, each behind its own nginx and with a media folder of its own, store
uploads in one S3-compatible bucket (moto's S3 server on loopback).
"""

from __future__ import annotations

import re
import struct

import boto3
import pytest
from moto.server import ThreadedMotoServer
from playwright.sync_api import Page, expect

from tests.production.deployment import Deployment, demo_code, free_port

pytestmark = pytest.mark.production
S3 = {
    "AWS_STORAGE_BUCKET_NAME": "brokerdesk-media",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_S3_REGION_NAME": "us-east-1",
}


@pytest.fixture(scope="module")
def bucket():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=S3["AWS_S3_REGION_NAME"],
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    s3.create_bucket(Bucket=S3["AWS_STORAGE_BUCKET_NAME"])
    yield s3, endpoint
    server.stop()


@pytest.fixture(scope="module")
def two_machines(tmp_path_factory, mailbox, bucket):
    tmp = tmp_path_factory.mktemp("scale")
    deployment = Deployment(
        tmp, "brokerdesk_scale", mailbox.port, AWS_S3_ENDPOINT_URL=bucket[1], **S3
    )
    try:
        deployment.prepare()
        urls = []
        for name in ("a", "b"):
            web = deployment.start_web(MEDIA_ROOT=str(tmp / f"media-{name}"))
            urls.append(deployment.start_proxy(web))
        yield deployment, urls
    finally:
        deployment.stop()


def png(width: int, height: int) -> bytes:
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\0" + b"\x0b\x4f\x8a" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_a_login_and_a_logo_on_one_machine_are_seen_on_the_other(
    page: Page, two_machines, bucket, tmp_path
):
    deployment, (a, b) = two_machines
    page.goto(f"{a}/login/")
    page.get_by_label("E-mail").fill("admin@demo.brokerdesk.be")
    page.get_by_label("Mot de passe").fill("demo-brokerdesk")
    page.get_by_role("button", name="Connexion").click()
    page.get_by_label("Code", exact=True).fill(demo_code())
    page.get_by_role("button", name="Vérifier").click()
    expect(page.get_by_role("heading", name=re.compile(r"Demandes"))).to_be_visible()

    # The session cookie is for the host, so the browser sends it to the other machine too.
    page.goto(f"{b}/requests/")
    expect(page.get_by_role("heading", name=re.compile(r"Demandes"))).to_be_visible()

    [(group,)] = deployment.sql("SELECT id FROM offices_group WHERE name = 'Bruxelles'")
    logo = tmp_path / "logo.png"
    logo.write_bytes(png(40, 20))
    page.goto(f"{a}/account/groups/{group}/edit/")
    page.get_by_label("Logo").set_input_files(logo)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", name="Bruxelles")).to_be_visible()

    [(key,)] = deployment.sql("SELECT logo FROM offices_group WHERE id = %s", group)
    s3, _endpoint = bucket
    stored = s3.get_object(Bucket=S3["AWS_STORAGE_BUCKET_NAME"], Key=key)["Body"].read()
    served = page.request.get(f"{b}/groups/{group}/logo/")
    assert served.status == 200 and served.headers["content-type"] == "image/png"
    assert served.body() == stored
    assert not any(deployment.tmp.glob("media-*/**/*.png"))  # nothing on either machine
