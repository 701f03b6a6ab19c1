"""The production configuration, read by a fresh process exactly as an operator starts it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x7Hq2-a-real-looking-secret-key-for-tests-9f3kLmN0pQrStUvWxYz_1234",
    "ALLOWED_HOSTS": "portal.example.be",
    "SITE_URL": "https://portal.example.be",
    "TRUSTED_PROXIES": "1",
}
# What the test run sets for itself and a production process would not have.
CLEARED = {"DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in CLEARED}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**environ, **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def production_setting(*names: str, **env: str) -> dict:
    read = ", ".join(f"{n!r}: settings.{n}" for n in names)
    code = f"from django.conf import settings; import json; print(json.dumps({{{read}}}))"
    result = manage("shell", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_deploy_check_finds_nothing_to_warn_about():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


HTTPS_SETTINGS = (
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
)


def test_https_and_the_proxy_are_on_by_default_in_production():
    read = production_setting(*HTTPS_SETTINGS)
    assert read["SESSION_COOKIE_SECURE"] and read["CSRF_COOKIE_SECURE"]
    assert read["SECURE_SSL_REDIRECT"] and read["SECURE_HSTS_SECONDS"] >= 31536000
    assert read["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_each_can_be_turned_off_for_a_plain_http_install_without_proxy():
    read = production_setting(
        *HTTPS_SETTINGS,
        SECURE_COOKIES="0",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        TRUSTED_PROXIES="0",
    )
    assert set(read.values()) <= {False, None}


def test_collectstatic_builds_hashed_files_from_a_fresh_checkout(tmp_path):
    """The manifest storage refuses a file that names a missing one (Bootstrap's source maps
    did): the whole production build runs here, as the README's deploy section says."""
    result = manage("collectstatic", "--noinput", STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in (
        "vendor/bootstrap.min.css",
        "vendor/bootstrap.bundle.min.js",
        "css/brokerdesk.css",
    ):
        hashed = manifest[name]
        assert hashed != name and (tmp_path / hashed).exists()
    # The hashed script names its hashed source map, which exists: no broken reference.
    script = (tmp_path / manifest["vendor/bootstrap.bundle.min.js"]).read_text()
    assert manifest["vendor/bootstrap.bundle.min.js.map"].split("/")[-1] in script
    assert (tmp_path / manifest["vendor/bootstrap.bundle.min.js.map"]).exists()
