"""The browser tests' world: every page of the portal with someone allowed to see it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import Page, expect

from brokerdesk.offices.models import Invitation
from brokerdesk.quotes import services as quote_services
from brokerdesk.support.models import Ticket
from tests.test_permissions import OFFER_TOKEN, PRICED_ANSWERS, World, _build_world

INVITATION_TOKEN = "an-invitation-token-for-the-test"


@pytest.fixture(autouse=True, scope="session")
def _patient_assertions():
    """Playwright's assertions wait 5 s for the page to agree; on a loaded CI machine, with the
    live server answering one request at a time, a help-chat answer took longer. An assertion
    that holds returns as soon as it does: only a failing one waits the whole 15 s."""
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture(autouse=True, scope="session")
def _one_request_at_a_time():
    """The live server answers one request at a time on SQLite: its test database lives in
    memory on one connection that every request thread shares, and two requests at once (a
    draft saved as one types, and the click that leaves the page) would start a transaction
    inside the other's. A real database gives each thread its own connection."""
    from django.core.servers.basehttp import WSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    if connection.vendor != "sqlite":
        yield
        return

    class OneAtATime(WSGIServer):  # Django closes each connection after its answer
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)  # requests run in the thread that has them

    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = OneAtATime
    yield
    LiveServerThread.server_class = threaded


def log_in_as(page: Page, base: str, user) -> None:
    """A session for `user` in the browser, without going through the login form."""
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": base}])


@dataclass
class Portal:
    """The world of the permission matrix, with a draft quote and a support ticket."""

    world: World
    draft_pk: int
    ticket_pk: int
    reset_path: str

    def pages(self) -> dict[str, list[str]]:
        w = self.world
        steps = ("activity", "covers", "claims", "legal", "extra", "h24")
        return {
            "anonymous": [
                "/login/",
                "/signup/",
                "/password/forgot/",
                "/password/sent/",
                self.reset_path,
                "/password/done/",
                "/terms/",
                f"/invitation/{INVITATION_TOKEN}/",
                "/invitation/not-a-token/",
                "/help/",
                "/help/inviter-collaborateurs/",
                "/no-such-page/",
                f"/offer/{OFFER_TOKEN}/",
            ],
            "alice": [
                "/requests/",
                f"/requests/{w.quote.pk}/",
                f"/requests/{w.quote.pk}/submit/",
                f"/requests/{w.quote.pk}/messages/",
                *(f"/requests/{self.draft_pk}/step/{slug}/" for slug in steps),
                f"/requests/new/{w.product.code}/",  # Default has no access: explained
                "/search/?q=Dupuis",
                "/clients/",
                f"/clients/{w.quote.client_id}/",
                f"/clients/{w.quote.client_id}/edit/",
                "/products/",
                f"/products/{w.product.code}/",
                "/users/",
                "/account/",
                "/account/edit/",
                "/account/invite/",
                f"/account/users/{w.bob.membership.pk}/",
                "/account/groups/",
                "/account/groups/new/",
                f"/account/groups/{w.antwerpen.pk}/",
                f"/account/groups/{w.antwerpen.pk}/edit/",
                "/profile/",
                "/help/",
                "/help/tarifer/",
                "/help/escalate/",
                f"/help/escalate/{self.ticket_pk}/",
                f"/requests/{w.quote.pk}/documents/",
                "/notifications/",
            ],
            "victor": [
                "/backoffice/",
                "/backoffice/quotes/",
                "/backoffice/propositions/",
                "/backoffice/opinions/?state=all",
                f"/backoffice/propositions/{w.quote.pk}/",
                f"/requests/{w.quote.pk}/messages/",
                "/backoffice/tariffs/",
                f"/backoffice/tariffs/{w.tariff.pk}/",
            ],
        }

    def user(self, persona: str):
        return getattr(self.world, persona, None)


@pytest.fixture
def portal(settings, tmp_path) -> Portal:
    settings.MEDIA_ROOT = tmp_path / "media"
    world = _build_world()
    Invitation.objects.filter(pk=world.invitation.pk).update(
        token_hash=Invitation.hash_token(INVITATION_TOKEN)
    )
    answers = {**PRICED_ANSWERS, "covers": {"extra_legal": True, "h24": True}}
    draft = quote_services.create_quote(
        group=world.antwerpen, product=world.product, created_by=world.alice, answers=answers
    )
    draft.steps_done = ["activity", "covers", "claims", "legal"]
    draft.save()
    ticket = Ticket.objects.create(
        key=uuid.uuid4(), user=world.alice, email=world.alice.email, language="fr", message="?"
    )
    uid = urlsafe_base64_encode(force_bytes(world.bob.pk))
    reset = f"/password/reset/{uid}/{default_token_generator.make_token(world.bob)}/"
    return Portal(world=world, draft_pk=draft.pk, ticket_pk=ticket.pk, reset_path=reset)
