"""Every main page, for the person who sees it, checked in Chromium: axe-core (WCAG 2.1 AA)
reports no serious or critical violation in French, Dutch or English, and no page scrolls
sideways on a phone (390 px) or a tablet (768 px).

axe-core comes from npm (package.json, `make assets`) and is read from node_modules.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import Page

from brokerdesk.offices.models import Invitation
from brokerdesk.quotes import services as quote_services
from brokerdesk.support.models import Ticket
from tests.browser.test_accounts_journeys import shot
from tests.test_permissions import PRICED_ANSWERS, World, _build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ("fr", "nl", "en")
INVITATION_TOKEN = "an-invitation-token-for-the-test"
# Pages that answer with an error on purpose (a group without access asking for "+ Nouveau"
# gets the explanation with 403); every other page must answer 200.
ERROR_PAGES = {"/no-such-page/": 404, "/invitation/not-a-token/": 404, "/requests/new/": 403}
# WCAG 2.1 A and AA, the level the portal promises.
AXE_RUN = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    resultTypes: ["violations"],
  });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
      count: v.nodes.length,
    }));
}"""


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
            ],
            "alice": [
                "/requests/",
                f"/requests/{w.quote.pk}/",
                *(f"/requests/{self.draft_pk}/step/{slug}/" for slug in steps),
                f"/requests/new/{w.product.code}/",  # Default has no access: explained
                "/search/?q=Dupuis",
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
            ],
            "victor": [
                "/backoffice/",
                "/backoffice/quotes/",
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


def expected_status(path: str) -> int:
    return next((status for p, status in ERROR_PAGES.items() if path.startswith(p)), 200)


def visit_every_page(
    page: Page, base: str, portal: Portal, language: str, check: Callable[[str], list[str]]
) -> list[str]:
    """Open every page as the person who sees it, in `language`; what `check` finds."""
    problems: list[str] = []
    for persona, paths in portal.pages().items():
        page.context.clear_cookies()
        user = portal.user(persona)
        if user is None:
            page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        else:
            user.language = language
            user.save(update_fields=["language"])
            client = Client()
            client.force_login(user)
            session = client.cookies["sessionid"].value
            page.context.add_cookies([{"name": "sessionid", "value": session, "url": base}])
        for path in paths:
            response = page.goto(base + path)
            assert response is not None and response.status == expected_status(path), path
            problems += [f"{language} {persona} {path}: {found}" for found in check(path)]
    return problems


def axe_violations(page: Page) -> Callable[[str], list[str]]:
    source = AXE.read_text()

    def check(path: str) -> list[str]:
        page.evaluate(source)
        return [
            f"{v['impact']} {v['id']} ({v['help']}) x{v['count']}: {v['targets']}"
            for v in page.evaluate(AXE_RUN)
        ]

    return check


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_serious_accessibility_violation_on_any_page(page: Page, live_server, portal, language):
    assert AXE.exists(), "axe-core is missing: run `make assets` (npm ci)"
    page.set_viewport_size({"width": 1366, "height": 900})
    problems = visit_every_page(page, live_server.url, portal, language, axe_violations(page))
    assert not problems, "\n".join(problems)


def overflow(page: Page) -> Callable[[str], list[str]]:
    def check(path: str) -> list[str]:
        width = page.evaluate("document.documentElement.scrollWidth")
        inner = page.evaluate("window.innerWidth")
        if width <= inner:
            return []
        name = "overflow" + path.replace("/", "-").replace("?", "-").rstrip("-")
        shot(page, f"{name}-{inner}")
        return [f"{width} px wide in a {inner} px window"]

    return check


@pytest.mark.parametrize("width", [390, 768])
def test_no_page_scrolls_sideways_on_a_phone_or_a_tablet(page: Page, live_server, portal, width):
    page.set_viewport_size({"width": width, "height": 844})
    problems = visit_every_page(page, live_server.url, portal, "fr", overflow(page))
    assert not problems, "\n".join(problems)
