"""Dump and restore the database: pg_dump/pg_restore for PostgreSQL, SQLite's online backup."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    pass


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _pg_args() -> tuple[list[str], dict[str, str]]:
    """Connection options for the PostgreSQL tools; the password travels in the environment,
    never on a command line that `ps` shows."""
    db = connection.settings_dict
    args = ["--dbname", db["NAME"], "--no-password"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def backup(path: Path) -> None:
    if is_postgresql():
        args, env = _pg_args()
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(path), *args], env)
        return
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        # The online backup copies a consistent snapshot while the site keeps writing.
        connection.connection.backup(target)
    finally:
        target.close()


def restore(path: Path) -> None:
    """Load a dump into the configured database, which must be empty (a new database)."""
    if not path.exists():
        raise BackupError(f"{path}: no such file")
    if connection.introspection.table_names():
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty: "
            "restore into a new, empty database."
        )
    if is_postgresql():
        args, env = _pg_args()
        _run(["pg_restore", "--no-owner", "--exit-on-error", *args, str(path)], env)
        return
    connection.ensure_connection()
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as source:
            source.execute("PRAGMA schema_version")  # fails now if it is not a SQLite file
            source.backup(connection.connection)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path}: not a SQLite backup ({error})") from error


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        # The command is pg_dump or pg_restore with our own arguments, never user input.
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)") from error
    if result.returncode != 0:
        raise BackupError(result.stderr.strip() or f"{command[0]} failed")
