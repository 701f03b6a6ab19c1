"""What bench/http.py and bench/load.py share: the database, the production environment,
gunicorn and the worker started as the README's "Deploying" section says, and logged-in sessions.

Import this module before Django: `use_database()` sets the environment, then `setup()`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DEFAULT_SQLITE = f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
DEFAULT_POSTGRESQL = "postgres://postgres@127.0.0.1:5432/bd_bench"
# Every seeded user has this password; the benchmarks log in through the real login form.
PASSWORD = "bench-brokerdesk-2026"
# Administrators must give a second factor (MFA_ENFORCED): the benchmark's authenticator key.
TOTP_SECRET = "BROKERDESKBENCHADMINTOTPSECRET23"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def use_database(url: str) -> dict[str, str]:
    """Point this process at the benchmark's database in production mode; return the
    environment that the servers get too."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    if "bench" not in name:  # the benchmark drops and recreates it: never someone else's
        raise SystemExit(f"{url}: the benchmark database's name must contain 'bench'")
    VAR.mkdir(parents=True, exist_ok=True)
    env = {
        "DJANGO_SETTINGS_MODULE": "brokerdesk.settings",
        "DATABASE_URL": url,
        "DEBUG": "0",
        # A real key, new for each run: the sessions are opened again anyway.
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on loopback: a secure cookie would never be sent back.
        "SECURE_COOKIES": "0",
        # Likewise no redirect to HTTPS, should the settings read this (issue 10 plans it).
        "SECURE_SSL_REDIRECT": "0",
        "EMAIL_FILE_PATH": str(VAR / "mail"),
    }
    os.environ.update(env)
    return {**os.environ, **env}


def setup() -> None:
    import logging

    import django

    django.setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)  # not one line per request


def is_postgresql(url: str) -> bool:
    return urlsplit(url).scheme.startswith("postgres")


def recreate_database(url: str) -> None:
    """An empty database: dropped and created again (PostgreSQL), or a new file (SQLite)."""
    from django.db import connections

    connections.close_all()
    if is_postgresql(url):
        import psycopg

        parts = urlsplit(url)
        name = parts.path.lstrip("/")
        admin = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    else:
        path = Path(urlsplit(url).path)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database when it does not exist yet (SQLite creates its file)."""
    if not is_postgresql(url):
        return
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if found.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env: dict[str, str]) -> None:
    """The deploy steps before serving: migrations, compiled translations, static files."""
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "compilemessages", "--ignore=.venv", "--ignore=node_modules", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str], app: str = "brokerdesk.wsgi:application", workers: int | None = None
) -> Iterator[str]:
    """gunicorn as deployed (deploy/gunicorn.conf.py, sync workers, DEBUG=0) on a free
    loopback port, with `workers` processes if given; yields its URL."""
    port = free_port()
    # One log per settings module: bench.floor serves the project's WSGI app too.
    name = env["DJANGO_SETTINGS_MODULE"].replace(".", "-")
    log = (VAR / f"gunicorn-{name}.log").open("w")
    command = [GUNICORN, app, "--config", str(ROOT / "deploy" / "gunicorn.conf.py")]
    command += ["--bind", f"127.0.0.1:{port}"]
    if workers:
        command += ["--workers", str(workers)]
    # gunicorn's control socket has one path per user: it would clash with colleagues' servers.
    command.append("--no-control-socket")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        _wait_for(port, process, log.name)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@contextlib.contextmanager
def worker(env: dict[str, str]) -> Iterator[None]:
    """The background worker beside the web server, as in production."""
    log = (VAR / "db_worker.log").open("w")
    command = [PYTHON, "manage.py", "db_worker"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _wait_for(port: int, process: subprocess.Popen, log: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start-up; see {log}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer within 60 s; see {log}")


def login(url: str, email: str, password: str = PASSWORD) -> dict[str, str]:
    """Log in through the login form as a browser does, with the second factor if the user
    must give one; return the session's cookies."""
    import httpx

    with httpx.Client(base_url=url, timeout=60) as client:
        client.get("/login/")  # sets the CSRF cookie
        response = client.post(
            "/login/",
            data={
                "username": email,
                "password": password,
                "csrfmiddlewaretoken": client.cookies["csrftoken"],
            },
        )
        if response.status_code != 302 or "sessionid" not in client.cookies:
            raise SystemExit(f"could not log in as {email}: HTTP {response.status_code}")
        asked = client.get("/requests/").headers.get("location", "")
        if asked.startswith(("/login/code/", "/profile/two-factor/")):  # the second factor
            ensure_second_factor(email)
            client.get("/login/code/")
            response = client.post(
                "/login/code/",
                data={"code": totp_code(), "csrfmiddlewaretoken": client.cookies["csrftoken"]},
            )
            if response.status_code != 302:
                raise SystemExit(f"{email}: second factor refused, HTTP {response.status_code}")
        client.get("/requests/")  # the CSRF token rotates at login: take the new one
        return dict(client.cookies)


def ensure_second_factor(email: str) -> None:
    """The user's authenticator, with the benchmark's key (made once, kept by the seed)."""
    from base64 import b32decode

    from django.db import connections
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from brokerdesk.accounts.models import User

    TOTPDevice.objects.get_or_create(
        user=User.objects.get(email=email),
        confirmed=True,
        defaults={"name": "bench", "key": b32decode(TOTP_SECRET).hex()},
    )
    connections.close_all()  # SQLite: no lock held while the servers run


def totp_code() -> str:
    from base64 import b32decode

    from django_otp.oath import TOTP

    totp = TOTP(b32decode(TOTP_SECRET))
    totp.time = time.time()
    return f"{totp.token():06d}"


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())
