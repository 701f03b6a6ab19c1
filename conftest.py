"""Shared fixtures: people and offices (Alice, Bob, Charlie) and the browser set-up."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import override_settings

from tests.factories import PASSWORD  # noqa: F401  (the personas' password, for the tests)

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


@pytest.fixture(autouse=True, scope="session")
def _fast_hashing():
    # For the whole session, so that worlds built once per module hash quickly too.
    with override_settings(PASSWORD_HASHERS=["conftest.FastArgon2PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def _media_in_a_temporary_folder(tmp_path_factory):
    # Uploaded and generated files (offers, documents, attachments) never land in var/media.
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def _forget_insurer_sites():
    # Sites are cached per process; a test's rolled-back sites must not reach the next test.
    from brokerdesk.sites import registry

    registry.invalidate()
    yield
    registry.invalidate()


@pytest.fixture(autouse=True, scope="session")
def _memory_cache():
    # The abuse-limit counters in memory, per test process, instead of the database table:
    # tests without the database can use the cache, and each test can start from zero.
    cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    fragments = {**cache, "LOCATION": "fragments"}
    with override_settings(CACHES={"default": cache, "fragments": fragments}):
        yield


@pytest.fixture(autouse=True)
def _source_language():
    # A request activates its user's language in the thread and Django never deactivates it:
    # without this, a test would run in the language of whichever test ran before it.
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_abuse_limits(_memory_cache):
    # Each test starts with no counter (abuse limits, the API's rate limits), so that one
    # test's requests never reach a limit in the next.
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _second_factor_optional(settings):
    # The personas log in with their password only (and force_login) everywhere but in the
    # two-factor tests, which turn MFA_ENFORCED back on (brokerdesk/security/tests).
    settings.MFA_ENFORCED = False


def totp_code(device, offset: int = 0) -> str:
    """The code the user's authenticator app shows now (or `offset` seconds from now)."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture(autouse=True)
def _mail_to_tmp(settings, tmp_path):
    # Each test gets its own mail folder, so delivered .eml files can be read back.
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    settings.EMAIL_BACKEND = "brokerdesk.notifications.backends.EmlFileBackend"


@pytest.fixture
def make_user(db):
    """A broker: `make_user(email, office=..., is_admin=True, groups=["Antwerpen"], ...)`."""
    from tests.factories import member

    return member


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
def deliver_mail(settings, transactional_db):
    """Run the background worker until the queue is empty; return the delivered messages.

    The worker closes its database connection as in production, which a test's transaction
    would not survive on PostgreSQL: tests that deliver mail run on a real, flushed database."""
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


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """A real OpenID Connect provider (django-oauth-toolkit) serving on loopback."""
    from tests import oidc

    provider = oidc.start(tmp_path_factory.mktemp("oidc-provider"))
    yield provider
    oidc.stop(provider)


@pytest.fixture
def product(db):
    """Vivium's Tool TPE, with 6-digit producer numbers."""
    from tests.factories import ProductFactory

    return ProductFactory()


@pytest.fixture
def accepted(alice, bob, product):
    """Alice's and Bob's group Antwerpen may price the Tool TPE; Bob works in French here."""
    from tests.factories import IntegrationFactory

    bob.language = "fr"
    bob.save()
    return IntegrationFactory(
        group=bob.membership.current_group, product=product, requested_by=alice
    ).group


@pytest.fixture
def make_staff(db, product):
    """An insurer's back-office employee (Victor at Vivium, Olga elsewhere)."""
    from tests.factories import InsurerStaffFactory

    def make(email: str, insurer_name: str):
        return InsurerStaffFactory(user__email=email, insurer__name=insurer_name).user

    return make
