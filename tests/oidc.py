"""Starts the test OpenID Connect provider (tests/oidc_provider) as a server on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Provider:
    url: str  # the server's origin
    process: subprocess.Popen

    @property
    def issuer(self) -> str:
        return f"{self.url}/o"

    def setup(self, *, clients: list[dict] = (), people: list[dict] = ()) -> None:
        payload: dict[str, Any] = {"clients": list(clients), "people": list(people)}
        requests.post(f"{self.url}/testing/setup/", json=payload, timeout=10).raise_for_status()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(folder: Path) -> Provider:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "PYTHONPATH": str(ROOT),
        "OIDC_PROVIDER_DB": str(folder / "provider.sqlite3"),
        "OIDC_PROVIDER_ISSUER": f"{url}/o",
        "OIDC_PROVIDER_KEY": key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode(),
    }
    django_admin = [sys.executable, "-m", "django"]
    subprocess.run(
        [*django_admin, "migrate", "--run-syncdb", "-v", "0"], env=env, cwd=ROOT, check=True
    )
    log = (folder / "provider.log").open("w")
    process = subprocess.Popen(
        [*django_admin, "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    provider = Provider(url=url, process=process)
    deadline = time.monotonic() + 60
    while True:
        try:
            requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=2)
            return provider
        except requests.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(provider)
                raise RuntimeError((folder / "provider.log").read_text()) from None
            time.sleep(0.2)


def stop(provider: Provider) -> None:
    provider.process.terminate()
    provider.process.wait(timeout=10)
