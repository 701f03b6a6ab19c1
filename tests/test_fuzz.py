"""Robustness: every URL of the portal takes hostile input without a 5xx (issue 12).

Each URL of the resolver (the same list as the permission matrix) is posted to, as an office
administrator and anonymously (the insurer's pages as its staff too), with NUL bytes, lone
surrogates (as a crafted request sends them: their UTF-8 bytes in a form, their escape in
JSON), 100,000-character strings, RTL marks and ids no table can hold, in every field its page
shows plus the fields its views read. Nothing is stripped before sending: the database sees
what an attacker would send. The suite runs on SQLite and, with DATABASE_URL, on PostgreSQL
(CI runs both), which refuses NUL itself.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote as percent

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import get_resolver, reverse

from tests.test_permissions import ALICE, ANON, MATRIX, VICTOR, _build_world, _names

LONG = "x" * 100_000
PAYLOADS = {
    "nul": "a\x00b\x00",
    "control": "\x1b[2J\x07\x7f\x85\r\n\t",
    "surrogate": "ab\ud800c\udfff",
    "rtl": "\u202eabc\u200f\u0645\u0631\u062d\u0628\u0627\u202c\u2066",
}
# Numbers no id or amount can be: Unicode digits, beyond 64 bits, thousands of digits (each
# field gets one of them, in turn).
NUMBERS = ["\u00b2", str(2**64), "9" * 5000, "-0", "1e400"]
# Fields the views read without showing them in a page (actions, ids, return addresses...).
READ_BY_VIEWS = [
    "q", "question", "action", "group", "member", "groups", "next", "language", "reason",
    "effective_from", "email", "message", "page", "key", "revision", "payment_frequency",
    "username", "password", "status", "by", "product", "order", "activity", "client", "quote",
]  # fmt: skip
# Answers that are no HTML page (files, redirects): nothing to read field names from.
NOT_PAGES = {
    "quote_pdf", "tariff_source", "group_logo", "site_logo", "site_css", "logout", "document"
}  # fmt: skip
# At most this many 100,000-character fields a request: under DATA_UPLOAD_MAX_MEMORY_SIZE,
# so the long strings reach the forms instead of the 413 page.
LONG_FIELDS_PER_POST = 8
BUILD = {row[0]: row[2] for row in MATRIX}
# URLs that only take a POST, and the page whose form posts to them (same arguments).
FORM_ON = {
    "quote_draft": "quote_step",
    "quote_new_draft": "quote_new",
    "quote_offer": "quote",
    "member_update": "member",
    "member_status": "member",
    "member_add_group": "member",
    "group_add_member": "group",
    "tariff_activate": "tariff",
    "help_chat": "help",
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


def _form_body(fields: dict[str, str]) -> bytes:
    """URL-encoded as a browser would, but any string goes: lone surrogates are sent as the
    bytes a crafted request carries."""
    return "&".join(
        f"{percent(name)}={percent(value.encode('utf-8', 'surrogatepass'))}"
        for name, value in fields.items()
    ).encode("ascii")


def _fields(client, url: str) -> tuple[list[str], list[str]]:
    """The names of the fields a page shows, and of its file inputs."""
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return [], []
    html = response.content.decode()
    names = re.findall(r'<(?:input|select|textarea|button)\b[^>]*\bname="([^"]+)"', html)
    files = re.findall(r'<input\b[^>]*\btype="file"[^>]*\bname="([^"]+)"', html)
    files += re.findall(r'<input\b[^>]*\bname="([^"]+)"[^>]*\btype="file"', html)
    return names, files


def _posts(names: list[str]):
    """The bodies to send: every field with each payload, then the long string by groups."""
    for label, payload in PAYLOADS.items():
        yield label, {name: payload for name in names}
    yield "numbers", {name: NUMBERS[n % len(NUMBERS)] for n, name in enumerate(names)}
    for start in range(0, len(names), LONG_FIELDS_PER_POST):
        yield "long", {name: LONG for name in names[start : start + LONG_FIELDS_PER_POST]}


NAMES = sorted(_names(get_resolver().url_patterns))


# The insurer's pages (back-office, tariff uploads) answer 404 to an office: their staff too.
CASES = [
    *((name, persona) for name in NAMES for persona in (ALICE, ANON)),
    *((name, VICTOR) for name in NAMES if name.startswith(("backoffice", "tariff"))),
]


@pytest.mark.parametrize(("name", "persona"), CASES)
@pytest.mark.django_db
def test_no_hostile_input_gives_a_server_error(client, world, name, persona):
    if persona != ANON:
        client.force_login(getattr(world, persona))
    kwargs = BUILD[name](world)[0] if BUILD.get(name) else {}
    url = reverse(name, kwargs=kwargs)
    page = reverse(FORM_ON[name], kwargs=kwargs) if name in FORM_ON else url
    shown, files = ([], []) if name in NOT_PAGES else _fields(client, page)
    names = list(dict.fromkeys([*shown, *READ_BY_VIEWS]))
    names = [n for n in names if n != "csrfmiddlewaretoken"]
    for label, fields in _posts(names):
        for htmx in ({}, {"HTTP_HX_REQUEST": "true"}) if label == "rtl" else ({},):
            response = client.generic(
                "POST",
                url,
                _form_body(fields),
                content_type="application/x-www-form-urlencoded",
                **htmx,
            )
            assert response.status_code < 500, (label, response.status_code)
        if persona != ANON and not client.session.get("_auth_user_id"):
            client.force_login(getattr(world, persona))  # a POST to log out logged out
    # Files with hostile names and contents, in the forms that take files.
    if files:
        upload = {f: SimpleUploadedFile("a\x00b\u202e.png", b"\x00\xff" * 512) for f in files}
        fields = {n: PAYLOADS["rtl"] for n in names if n not in files}
        response = client.post(url, {**fields, **upload})
        assert response.status_code < 500, ("files", response.status_code)
    # A JSON body (CSP reports; the API later) may hold what no form can: escaped surrogates.
    report = {"csp-report": {"document-uri": "\ud800\x00", "blocked-uri": PAYLOADS["rtl"]}}
    response = client.generic(
        "POST", url, json.dumps(report), content_type="application/csp-report"
    )
    assert response.status_code < 500, ("json", response.status_code)
    # And the same payloads in the query string of a GET.
    if name not in NOT_PAGES:
        for payload in (PAYLOADS["nul"], PAYLOADS["surrogate"], LONG[:60_000], NUMBERS[0]):
            query = _form_body({n: payload for n in READ_BY_VIEWS}).decode()
            response = client.get(f"{url}?{query}")
            assert response.status_code < 500, ("get", response.status_code)
        # A return address back to the page itself (a redirect loop is an error in Django).
        response = client.get(url, {"next": url})
        assert response.status_code < 500, ("next", response.status_code)
