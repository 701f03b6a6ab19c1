"""A dump restored into an empty database holds every user, group and quote."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from brokerdesk.accounts.models import User
from brokerdesk.offices.models import Group
from brokerdesk.quotes import services
from brokerdesk.quotes.models import Quote

TABLES = {"accounts_user": User, "offices_group": Group, "quotes_quote": Quote}


@pytest.fixture
def world(alice, bob, charlie, product):
    for user, client_name in ((alice, "Boulangerie Dupuis"), (charlie, "Sœurs Vanderbeke")):
        services.create_quote(
            group=user.membership.current_group,
            product=product,
            created_by=user,
            answers={"activity": {"client_name": client_name}},
        )


@pytest.fixture
def empty_database(tmp_path):
    """A new database, as an operator creates one to restore into; yields its URL."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"{db['NAME']}_restored"
    admin = psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], dbname="postgres", autocommit=True
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def restore(path, database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1"}
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(path)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def ids_in(database_url: str, table: str) -> list[int]:
    query = f"SELECT id FROM {table} ORDER BY id"
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return [row[0] for row in db.execute(query)]
    with psycopg.connect(database_url) as db:
        return [row[0] for row in db.execute(query)]


@pytest.mark.django_db(transaction=True)  # pg_dump reads what is committed
def test_a_backup_restores_into_an_empty_database(world, tmp_path, empty_database):
    dump = tmp_path / "brokerdesk.dump"
    call_command("backup", str(dump), stdout=open(os.devnull, "w"))  # noqa: SIM115

    result = restore(dump, empty_database)
    assert result.returncode == 0, result.stderr

    for table, model in TABLES.items():
        expected = list(model.objects.order_by("id").values_list("id", flat=True))
        assert expected and ids_in(empty_database, table) == expected, table
    if empty_database.startswith("sqlite"):
        with sqlite3.connect(empty_database.removeprefix("sqlite:///")) as db:
            names = {row[0] for row in db.execute("SELECT client_name FROM quotes_quote")}
        assert names == {"Boulangerie Dupuis", "Sœurs Vanderbeke"}


@pytest.mark.django_db(transaction=True)
def test_it_never_restores_over_a_database_in_use(world, tmp_path, empty_database):
    dump = tmp_path / "brokerdesk.dump"
    call_command("backup", str(dump), stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert restore(dump, empty_database).returncode == 0

    again = restore(dump, empty_database)
    assert again.returncode != 0
    assert "is not empty" in again.stderr
    assert len(ids_in(empty_database, "quotes_quote")) == 2


def test_a_missing_dump_is_a_clear_error(tmp_path, empty_database):
    result = restore(tmp_path / "nowhere.dump", empty_database)
    assert result.returncode != 0
    assert "no such file" in result.stderr and "Traceback" not in result.stderr
