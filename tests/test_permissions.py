"""The permission matrix: every URL of the portal for every persona.

Alice administers office A; Bob is a broker of A in the group Antwerpen only; Charlie
administers office B. Anything of A that Charlie (or Bob, for management pages) tries to reach
answers 404, exactly like something that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from brokerdesk.offices import services
from brokerdesk.offices.models import Group
from brokerdesk.offices.tests.test_groups import image_bytes

ANON, ALICE, BOB, CHARLIE = "anonymous", "alice", "bob", "charlie"
LOGIN = 302  # an anonymous visitor is sent to the login page


@dataclass
class World:
    alice: Any
    bob: Any
    charlie: Any
    antwerpen: Group
    default: Group
    invitation: Any


@pytest.fixture
def world(alice, bob, charlie, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    office = alice.membership.office
    antwerpen = Group.objects.get(office=office, name="Antwerpen")
    antwerpen.logo.save("logo.png", ContentFile(image_bytes()))
    membership = services.invite(
        office=office,
        invited_by=alice,
        first_name="Nina",
        last_name="Claes",
        email="nina@example.be",
        language="fr",
        role="intermediary",
        is_admin=False,
        groups=[antwerpen],
    )
    return World(
        alice,
        bob,
        charlie,
        antwerpen,
        Group.objects.get(office=office, name="Default"),
        membership.invitation,
    )


# (url name, method, how to build args and data, expected status per persona)
MATRIX: list[tuple[str, str, Any, dict[str, int]]] = [
    ("home", "get", None, {ANON: LOGIN, ALICE: 302, BOB: 302, CHARLIE: 302}),
    ("login", "get", None, {ANON: 200, ALICE: 302, BOB: 302, CHARLIE: 302}),
    ("logout", "post", None, {ANON: 302, ALICE: 302, BOB: 302, CHARLIE: 302}),
    ("signup", "get", None, {ANON: 200, ALICE: 302, BOB: 302, CHARLIE: 302}),
    ("terms", "get", None, {ANON: 200, ALICE: 200, BOB: 200, CHARLIE: 200}),
    ("forgot_password", "get", None, {ANON: 200, ALICE: 200, BOB: 200, CHARLIE: 200}),
    ("password_reset_sent", "get", None, {ANON: 200, ALICE: 200, BOB: 200, CHARLIE: 200}),
    (
        "password_reset_confirm",
        "get",
        lambda w: ({"uidb64": "MQ", "token": "bad-token"}, {}),
        {ANON: 200, ALICE: 200, BOB: 200, CHARLIE: 200},
    ),
    ("password_reset_complete", "get", None, {ANON: 302, ALICE: 302, BOB: 302, CHARLIE: 302}),
    ("profile", "get", None, {ANON: LOGIN, ALICE: 200, BOB: 200, CHARLIE: 200}),
    (
        "confirm_email",
        "get",
        lambda w: ({"token": "forged"}, {}),
        {ANON: 400, ALICE: 400, BOB: 400, CHARLIE: 400},
    ),
    (
        "set_language",
        "post",
        lambda w: ({}, {"language": "nl"}),
        {ANON: 302, ALICE: 302, BOB: 302, CHARLIE: 302},
    ),
    ("city", "get", None, {ANON: 200, ALICE: 200, BOB: 200, CHARLIE: 200}),
    ("quotes", "get", None, {ANON: LOGIN, ALICE: 200, BOB: 200, CHARLIE: 200}),
    ("search", "get", None, {ANON: LOGIN, ALICE: 200, BOB: 200, CHARLIE: 200}),
    ("products", "get", None, {ANON: LOGIN, ALICE: 200, BOB: 200, CHARLIE: 200}),
    ("users", "get", None, {ANON: LOGIN, ALICE: 200, BOB: 200, CHARLIE: 200}),
    (
        "switch_group",
        "post",
        lambda w: ({}, {"group": w.antwerpen.pk}),
        {ANON: LOGIN, ALICE: 302, BOB: 302, CHARLIE: 404},
    ),
    (
        "accept_invitation",
        "get",
        lambda w: ({"token": "not-a-token"}, {}),
        {ANON: 404, ALICE: 404, BOB: 404, CHARLIE: 404},
    ),
    ("account", "get", None, {ANON: LOGIN, ALICE: 200, BOB: 404, CHARLIE: 200}),
    ("office_edit", "get", None, {ANON: LOGIN, ALICE: 200, BOB: 404, CHARLIE: 200}),
    ("invite", "get", None, {ANON: LOGIN, ALICE: 200, BOB: 404, CHARLIE: 200}),
    (
        "invitation_resend",
        "post",
        lambda w: ({"pk": w.invitation.pk}, {}),
        {ANON: LOGIN, ALICE: 302, BOB: 404, CHARLIE: 404},
    ),
    (
        "invitation_revoke",
        "post",
        lambda w: ({"pk": w.invitation.pk}, {}),
        {ANON: LOGIN, ALICE: 302, BOB: 404, CHARLIE: 404},
    ),
    (
        "member",
        "get",
        lambda w: ({"pk": w.bob.membership.pk}, {}),
        {ANON: LOGIN, ALICE: 200, BOB: 404, CHARLIE: 404},
    ),
    (
        "member_update",
        "post",
        lambda w: (
            {"pk": w.bob.membership.pk},
            {"role": "intermediary", "groups": [w.antwerpen.pk]},
        ),
        {ANON: LOGIN, ALICE: 302, BOB: 404, CHARLIE: 404},
    ),
    (
        "member_status",
        "post",
        lambda w: ({"pk": w.bob.membership.pk}, {"action": "deactivate"}),
        {ANON: LOGIN, ALICE: 302, BOB: 404, CHARLIE: 404},
    ),
    (
        "member_add_group",
        "post",
        lambda w: ({"pk": w.bob.membership.pk}, {"group": w.default.pk}),
        {ANON: LOGIN, ALICE: 302, BOB: 404, CHARLIE: 404},
    ),
    (
        "member_remove_group",
        "post",
        lambda w: ({"pk": w.alice.membership.pk, "group_pk": w.antwerpen.pk}, {}),
        {ANON: LOGIN, ALICE: 302, BOB: 404, CHARLIE: 404},
    ),
    ("groups", "get", None, {ANON: LOGIN, ALICE: 200, BOB: 404, CHARLIE: 200}),
    ("group_create", "get", None, {ANON: LOGIN, ALICE: 200, BOB: 404, CHARLIE: 200}),
    (
        "group",
        "get",
        lambda w: ({"pk": w.antwerpen.pk}, {}),
        {ANON: LOGIN, ALICE: 200, BOB: 404, CHARLIE: 404},
    ),
    (
        "group_edit",
        "get",
        lambda w: ({"pk": w.antwerpen.pk}, {}),
        {ANON: LOGIN, ALICE: 200, BOB: 404, CHARLIE: 404},
    ),
    (
        "group_delete",
        "post",
        lambda w: ({"pk": w.antwerpen.pk}, {}),
        {ANON: LOGIN, ALICE: 302, BOB: 404, CHARLIE: 404},
    ),
    (
        "group_add_member",
        "post",
        lambda w: ({"pk": w.default.pk}, {"member": w.bob.membership.pk}),
        {ANON: LOGIN, ALICE: 302, BOB: 404, CHARLIE: 404},
    ),
    (
        "group_logo",
        "get",
        lambda w: ({"pk": w.antwerpen.pk}, {}),
        {ANON: LOGIN, ALICE: 200, BOB: 200, CHARLIE: 404},
    ),
]

CASES = [
    pytest.param(name, method, build, persona, status, id=f"{name}-{persona}")
    for name, method, build, expected in MATRIX
    for persona, status in expected.items()
]


@pytest.mark.parametrize(("name", "method", "build", "persona", "status"), CASES)
@pytest.mark.django_db
def test_the_matrix(client, world, name, method, build, persona, status):
    if persona != ANON:
        client.force_login(getattr(world, persona))
    kwargs, data = build(world) if build else ({}, {})
    response = getattr(client, method)(reverse(name, kwargs=kwargs), data)
    assert response.status_code == status
    if persona == ANON and status == LOGIN and name not in PUBLIC_REDIRECTS:
        assert response.url.startswith(reverse("login"))


PUBLIC_REDIRECTS = {"logout", "password_reset_complete", "set_language"}


def _names(patterns, prefix="") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue  # the Django admin has its own staff-only permissions
            names |= _names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(pattern.name)
    return names


def test_every_url_is_in_the_matrix():
    assert _names(get_resolver().url_patterns) == {row[0] for row in MATRIX}
