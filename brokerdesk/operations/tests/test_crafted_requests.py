"""Crafted requests found by the red team (issue 12): each one is a page in the user's
language with a 4xx status, never a 500. Runs on SQLite and PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from brokerdesk.offices.models import Group, Membership

# Ids no database holds: Unicode digits, thousands of digits, beyond 64 bits, signs, junk.
BAD_IDS = ["²", "١٢", "9" * 5000, str(2**64), str(2**63), "-1", "1e3", " 1", "\x00", "0x1"]
LONG_WORD = "a" * 60_000


def _is_ours(response, status: int | tuple[int, ...] | None = None) -> None:
    if status is not None:
        allowed = status if isinstance(status, tuple) else (status,)
        assert response.status_code in allowed, response.status_code
    assert response.status_code < 500, response.status_code


@pytest.fixture
def admin_client(client, alice):
    client.force_login(alice)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("value", BAD_IDS)
def test_ids_in_query_strings_are_never_a_500(admin_client, bob, value):
    for url in (
        reverse("invite") + "?group=",
        reverse("quotes") + "?by=",
        reverse("quotes") + "?page=",
        reverse("quotes") + "?product=",
        reverse("users") + "?group=",
        reverse("users") + "?status=",
    ):
        _is_ours(admin_client.get(url + value))
    for name, field in (
        ("switch_group", "group"),
        ("member_add_group", "group"),
        ("group_add_member", "member"),
        ("member_update", "groups"),
    ):
        kwargs = {} if name == "switch_group" else {"pk": bob.membership.pk}
        if name == "group_add_member":
            kwargs = {"pk": Group.objects.get(name="Antwerpen", office=bob.membership.office).pk}
        response = admin_client.post(reverse(name, kwargs=kwargs), {field: value, "role": "x"})
        _is_ours(response)


@pytest.mark.django_db
@pytest.mark.parametrize("value", [str(2**64), str(2**63), "9" * 30])
def test_ids_in_paths_beyond_64_bits_are_a_404(admin_client, value):
    for path in (f"/requests/{value}/", f"/account/users/{value}/", f"/account/groups/{value}/"):
        _is_ours(admin_client.get(path), 404)


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["quotes", "help", "javascript:alert(1)", "//evil.example", ""])
def test_a_next_that_is_no_local_path_goes_to_the_list(admin_client, alice, target):
    group = alice.membership.groups.get(name="Antwerpen")
    response = admin_client.post(reverse("switch_group"), {"group": group.pk, "next": target})
    assert response.status_code == 302
    assert response.url == reverse("quotes")


@pytest.mark.django_db
@pytest.mark.parametrize("word", ["\x00", "a\x00b", LONG_WORD, "\x00" * 3 + "abc", "\ufffd"])
def test_searches_take_any_word(admin_client, alice, word):
    group = Group.objects.get(name="Antwerpen", office=alice.membership.office)
    for url in (
        reverse("search"),
        reverse("users"),
        reverse("group", args=[group.pk]),
        reverse("activities"),
        reverse("help"),
        reverse("quotes"),
    ):
        _is_ours(admin_client.get(url, {"q": word, "activity": word}))


LONG_EMAIL = "a" * 250 + "@example.be"
TOO_LONG = f"au plus 254 caractères (actuellement {len(LONG_EMAIL)})"


@pytest.mark.django_db
def test_an_email_longer_than_254_characters_is_refused_on_every_form(client, alice):
    assert len(LONG_EMAIL) > 254
    pages = [
        (reverse("login"), {"username": LONG_EMAIL, "password": "x"}),
        (reverse("forgot_password"), {"email": LONG_EMAIL}),
        (
            reverse("signup"),
            {
                "p-first_name": "A",
                "p-last_name": "B",
                "p-email": LONG_EMAIL,
                "p-password1": "Zx9!Zx9!q",
                "p-password2": "Zx9!Zx9!q",
                "p-accept_terms": "on",
                "action": "next",
            },
        ),
        (reverse("help_escalate"), {"email": LONG_EMAIL, "message": "Aide", "key": "x"}),
    ]
    for url, data in pages:
        response = client.post(url, data)
        _is_ours(response, (200, 400))
        assert TOO_LONG in response.content.decode(), url
    client.force_login(alice)
    group = alice.membership.groups.get(name="Antwerpen")
    for url, data in [
        (
            reverse("invite"),
            {
                "first_name": "N",
                "last_name": "P",
                "email": LONG_EMAIL,
                "language": "fr",
                "role": "intermediary",
                "groups": [group.pk],
            },
        ),
        (
            reverse("profile"),
            {
                "first_name": "A",
                "last_name": "B",
                "email": LONG_EMAIL,
                "language": "fr",
                "save_profile": "1",
            },
        ),
    ]:
        response = client.post(url, data)
        _is_ours(response, (200, 400))
        assert TOO_LONG in response.content.decode(), url
    assert not Membership.objects.filter(user__email=LONG_EMAIL).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "x-unknown", "latin-1"])
def test_a_body_in_any_declared_charset_is_a_4xx_on_logged_in_pages(admin_client, charset):
    for name in ("group_create", "invite", "profile", "switch_group"):
        response = admin_client.generic(
            "POST",
            reverse(name),
            "name=Li\u00e8ge&group=1".encode("utf-16"),
            content_type=f"application/x-www-form-urlencoded; charset={charset}",
        )
        _is_ours(response)


@pytest.mark.django_db
def test_a_chat_question_is_cleaned_not_refused(client, alice):
    client.force_login(alice)  # a signed-in user's conversation is kept in the session
    response = client.post(reverse("help_chat"), {"question": "mot\x00de\x1bpasse\n" + "x" * 900})
    assert response.status_code == 200
    question = client.session["support_conversation"][-1]["question"]
    assert question.startswith("mot de passe ") and len(question) == 500
    assert "\x00" not in question and "\x1b" not in question


@pytest.mark.django_db
def test_a_csp_report_with_a_nul_or_a_lone_surrogate_is_stored_cleaned(client):
    from brokerdesk.operations.models import CspReport

    body = (
        '{"csp-report": {"document-uri": "https://p/\\ud800\\u0000x", "blocked-uri": "a\\u202e"}}'
    )
    response = client.generic(
        "POST", reverse("csp_report"), body, content_type="application/csp-report"
    )
    assert response.status_code == 204
    report = CspReport.objects.get()
    assert report.document_uri == "https://p/\ufffd x" and report.blocked_uri == "a\u202e"


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["/login/", "/login/?next=/login/", "quotes", "//evil.example"])
def test_a_next_back_to_the_login_page_does_not_loop(admin_client, target):
    response = admin_client.get(reverse("login"), {"next": target})
    assert response.status_code == 302
    assert not response.url.startswith(("/login/", "//"))
