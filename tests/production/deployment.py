"""A production deployment of this checkout, started exactly as the README's deploy section
says: its commands are read from the README and run with the documented environment.

Used by the production smoke, the scale-out and the fault tests. PostgreSQL only.
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import signal
import socket
import ssl
import subprocess
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]


def readme_deploy_commands() -> list[str]:
    """The commands of the README's deploy section, in order (migrate, collectstatic,
    gunicorn, worker)."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Deploying", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [
        line.split("  #", 1)[0].strip()
        for line in block.splitlines()
        if line.startswith(".venv/bin/")
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise RuntimeError(
            "The production tests run on PostgreSQL: set DATABASE_URL, e.g. "
            "postgres://postgres@127.0.0.1:5432/brokerdesk"
        )
    return url


def fresh_database(name: str) -> str:
    """An empty database next to the one in DATABASE_URL; returns its URL."""
    base = urlsplit(postgres_url())
    with psycopg.connect(base._replace(path="/postgres").geturl(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return base._replace(path=f"/{name}").geturl()


class Mailbox:
    """A real SMTP server on loopback; keeps every message it accepts, optionally slowly."""

    def __init__(self, port: int | None = None, delay: float = 0.0) -> None:
        self.port = port or free_port()
        self.delay = delay
        self.messages: list = []
        self.receiving = threading.Event()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        self.receiving.set()
        if self.delay:
            await asyncio.sleep(self.delay)
        self.messages.append(envelope)
        self.receiving.clear()
        return "250 OK"

    def start(self) -> Mailbox:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def message_ids(self) -> list[str]:
        ids = []
        for envelope in self.messages:
            match = re.search(rb"^Message-ID: <([^>]+)>", envelope.content, re.M | re.I)
            ids.append(match.group(1).decode() if match else "")
        return ids


class Deployment:
    """The environment of the README plus the processes its commands start."""

    def __init__(self, tmp: Path, database: str, smtp_port: int, **env: str) -> None:
        self.tmp = tmp
        self.database_url = fresh_database(database)
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in CLEARED},
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": "https://portal.example.be",
            "DATABASE_URL": self.database_url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "TRUSTED_PROXIES": "1",
            "STATIC_ROOT": str(tmp / "static"),
            "MEDIA_ROOT": str(tmp / "media"),
            "WEB_CONCURRENCY": "2",
            **env,
        }
        self.processes: list[subprocess.Popen] = []
        self.commands = readme_deploy_commands()

    def command(self, word: str) -> list[str]:
        [line] = [c for c in self.commands if word in c]
        return shlex.split(line)

    def run(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [*args],
            cwd=ROOT,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{args} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def prepare(self) -> None:
        self.run(*self.command("migrate"))
        self.run(*self.command("collectstatic"))
        self.run(".venv/bin/python", "manage.py", "seed_demo", "--public-demo")

    def start(self, *args: str, log: str, **env: str) -> subprocess.Popen:
        out = open(self.tmp / f"{log}.log", "ab")  # noqa: SIM115 (kept open by the process)
        process = subprocess.Popen(
            [*args], cwd=ROOT, env={**self.env, **env}, stdout=out, stderr=subprocess.STDOUT
        )
        self.processes.append(process)
        return process

    def start_web(self, **env: str) -> str:
        """A gunicorn started by the README's command; returns its base URL."""
        port = free_port()
        self.start(*self.command("gunicorn"), log=f"web-{port}", BIND=f"127.0.0.1:{port}", **env)
        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: _answers(url), what=f"gunicorn on {url}")
        return url

    def start_worker(self, **env: str) -> subprocess.Popen:
        return self.start(*self.command("db_worker"), log="worker", **env)

    def start_proxy(self, *upstreams: str) -> str:
        """nginx with the README's site file (deploy/nginx.conf) in front of the given web
        servers, on a free port with a self-signed certificate; returns its https URL."""
        port = free_port()
        cert, key = self.tmp / "cert.pem", self.tmp / "key.pem"
        if not cert.exists():
            self.run(
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert),
            )  # fmt: skip
        site = (ROOT / "deploy" / "nginx.conf").read_text()
        site = site.split("server {", 1)[0] + "server {" + site.split("server {", 2)[2]
        servers = "".join(f"    server {urlsplit(u).netloc};\n" for u in upstreams)
        site = re.sub(r"    server 127\.0\.0\.1:8000;\n", servers, site)
        site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port} ssl http2;")
        site = site.replace("/etc/ssl/certs/portal.example.be.pem", str(cert))
        site = site.replace("/etc/ssl/private/portal.example.be.key", str(key))
        state = self.tmp / f"nginx-{port}"
        state.mkdir()
        conf = state / "nginx.conf"
        temp_paths = "".join(
            f"{kind}_temp_path {state}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        conf.write_text(
            f"daemon off;\nuser root;\nworker_processes 1;\npid {state}/nginx.pid;\n"
            f"error_log {state}/error.log;\nevents {{}}\n"
            f"http {{\naccess_log off;\n{temp_paths}{site}\n}}\n"
        )
        self.start("nginx", "-c", str(conf), "-p", str(state), log=f"nginx-{port}")
        url = f"https://127.0.0.1:{port}"
        wait_until(lambda: _answers(url), what=f"nginx on {url}")
        return url

    def log(self, name: str) -> str:
        return (self.tmp / f"{name}.log").read_text(errors="replace")

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes.clear()

    def sql(self, query: str, *params) -> list[tuple]:
        with psycopg.connect(self.database_url) as db:
            cursor = db.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def shell(self, code: str) -> str:
        return self.run(".venv/bin/python", "manage.py", "shell", "-c", code).stdout


# What the test run sets for itself and a production process would not have.
CLEARED = {"DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=2, context=INSECURE) as response:
            return response.status == 200
    except OSError:
        return False


# The tests' proxy has a self-signed certificate.
INSECURE = ssl.create_default_context()
INSECURE.check_hostname = False
INSECURE.verify_mode = ssl.CERT_NONE


def wait_until(condition, *, what: str, timeout: float = 60, every: float = 0.2):
    """Poll until `condition()` is true; a fault test waits for recovery, never for a time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"Timed out waiting for {what}")


def demo_code() -> str:
    """What an authenticator app with the demo key (README, "Demo logins") shows now: the
    demo administrator logs in with it as the second factor."""
    import time
    from base64 import b32decode

    from django_otp.oath import TOTP

    from brokerdesk.offices.management.commands.seed_demo import DEMO_TOTP_SECRET

    totp = TOTP(b32decode(DEMO_TOTP_SECRET))
    totp.time = time.time()
    return f"{totp.token():06d}"
