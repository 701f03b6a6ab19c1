"""Shared fixtures: people and offices (Alice, Bob, Charlie) and the browser set-up."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher

# Playwright's sync API runs an event loop in the test thread; the ORM calls in browser tests
# are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "zebra-lune-42"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium: no browser download on these machines.
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.access(chromium, os.X_OK):
        pytest.fail(
            f"Browser tests need Chromium at {chromium}: "
            "sudo apt-get install chromium (or set CHROMIUM to its path)",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": chromium, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-BE"}


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with tiny costs: the same code path, without seconds of hashing per test."""

    time_cost = 1
    memory_cost = 64
    parallelism = 1


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["conftest.FastArgon2PasswordHasher"]


@pytest.fixture(autouse=True)
def _mail_to_tmp(settings, tmp_path):
    # Each test gets its own mail folder, so delivered .eml files can be read back.
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    settings.EMAIL_BACKEND = "brokerdesk.notifications.backends.EmlFileBackend"


@pytest.fixture
def make_user(db):
    from brokerdesk.accounts.models import User
    from brokerdesk.offices.models import Group, Membership, Office

    def make(
        email: str,
        *,
        office: Office | None = None,
        is_admin: bool = False,
        groups: list[str] = ("Default",),
        language: str = "fr",
        first_name: str = "Alice",
        last_name: str = "Martin",
    ) -> User:
        user = User.objects.create_user(
            email, PASSWORD, first_name=first_name, last_name=last_name, language=language
        )
        if office is None:
            office = Office.objects.create(name=f"Office of {email}")
        chosen = [Group.objects.get_or_create(office=office, name=name)[0] for name in groups]
        membership = Membership.objects.create(
            user=user, office=office, is_admin=is_admin, current_group=chosen[0]
        )
        membership.groups.add(*chosen)
        return user

    return make


@pytest.fixture
def alice(make_user):
    """Alice is the administrator of her office."""
    return make_user("alice@example.be", is_admin=True, groups=["Default", "Antwerpen"])


@pytest.fixture
def bob(make_user, alice):
    """Bob is a broker in Alice's office, in the group Antwerpen only."""
    return make_user(
        "bob@example.be",
        office=alice.membership.office,
        groups=["Antwerpen"],
        first_name="Bob",
        last_name="Peeters",
        language="nl",
    )


@pytest.fixture
def charlie(make_user):
    """Charlie is the administrator of another office and should never see Alice's things."""
    return make_user("charlie@other.be", is_admin=True, first_name="Charlie", last_name="Dupont")


@pytest.fixture
def deliver_mail(settings):
    """Run the background worker until the queue is empty; return the delivered messages."""
    from email import message_from_bytes, policy

    from django.core.management import call_command

    def deliver() -> list:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        folder = settings.EMAIL_FILE_PATH
        files = sorted(folder.glob("*.eml")) if folder.exists() else []
        return [message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]

    return deliver


def mail_text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def pdf_text(content: bytes) -> str:
    """The text of a PDF, page after page, read with pypdf (no system tool needed); no-break
    spaces (French thousands) read as plain spaces."""
    import io

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(content)).pages
    text = "\n".join(page.extract_text(extraction_mode="layout") for page in pages)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def mail_link(message) -> str:
    """The first link of the portal in an e-mail's text body, as a path."""
    import re

    from django.conf import settings

    match = re.search(re.escape(settings.SITE_URL) + r"(/\S+)", mail_text(message))
    assert match, mail_text(message)
    return match.group(1)


@pytest.fixture
def product(db):
    """Vivium's Tool TPE, with 6-digit producer numbers."""
    from brokerdesk.catalogue.models import Insurer, Product

    vivium, _ = Insurer.objects.get_or_create(
        name="Vivium", defaults={"legal_name": "P&V Group", "reference_prefix": "PV"}
    )
    return Product.objects.get_or_create(
        code="TPE-KMO",
        defaults={
            "insurer": vivium,
            "name_fr": "TPE Tool",
            "name_nl": "TPE Tool",
            "name_en": "TPE Tool",
            "producer_number_length": 6,
        },
    )[0]


@pytest.fixture
def make_staff(db, product):
    """An insurer's back-office employee (Victor at Vivium, Olga elsewhere)."""
    from brokerdesk.accounts.models import User
    from brokerdesk.catalogue.models import Insurer, InsurerStaff

    def make(email: str, insurer_name: str):
        insurer, _ = Insurer.objects.get_or_create(
            name=insurer_name, defaults={"reference_prefix": insurer_name[:2].upper()}
        )
        user = User.objects.create_user(email, PASSWORD, first_name="Staff", last_name="Member")
        InsurerStaff.objects.create(user=user, insurer=insurer)
        return user

    return make
