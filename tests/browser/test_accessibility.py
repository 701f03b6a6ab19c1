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


def log_in_as(page: Page, base: str, user) -> None:
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": base}])


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
            log_in_as(page, base, user)
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


# The controls under the floating "Aide" button once the page is scrolled to its end.
UNDER_AIDE = """() => {
  window.scrollTo({top: document.documentElement.scrollHeight, behavior: "instant"});
  const toggle = document.getElementById("bd-chat-toggle");
  if (!toggle) return [];
  const aide = toggle.getBoundingClientRect();
  const controls = document.querySelectorAll("a[href], button, input, select, textarea, summary");
  return [...controls].filter((el) => {
    if (el === toggle || el.closest(".bd-chat") || !el.checkVisibility()) return false;
    const r = el.getBoundingClientRect();
    return r.width && r.height && r.left < aide.right && r.right > aide.left
      && r.top < aide.bottom && r.bottom > aide.top;
  }).map((el) => el.outerHTML.slice(0, 80));
}"""


def overflow(page: Page) -> Callable[[str], list[str]]:
    def check(path: str) -> list[str]:
        width = page.evaluate("document.documentElement.scrollWidth")
        inner = page.evaluate("window.innerWidth")
        found = [] if width <= inner else [f"{width} px wide in a {inner} px window"]
        found += [f"under Aide: {html}" for html in page.evaluate(UNDER_AIDE)]
        if found:
            name = "overflow" + path.replace("/", "-").replace("?", "-").rstrip("-")
            shot(page, f"{name}-{inner}")
        return found

    return check


@pytest.mark.parametrize("width", [390, 768])
def test_no_page_scrolls_sideways_or_hides_a_control_under_aide(
    page: Page, live_server, portal, width
):
    page.set_viewport_size({"width": width, "height": 844})
    problems = visit_every_page(page, live_server.url, portal, "fr", overflow(page))
    assert not problems, "\n".join(problems)


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found, locator
    return found


def inside(inner: dict, outer: dict) -> bool:
    left, right = inner["x"], inner["x"] + inner["width"]
    return left >= outer["x"] - 0.5 and right <= outer["x"] + outer["width"] + 0.5


def test_on_a_phone_pickers_fields_and_amounts_stay_on_screen(page: Page, live_server, portal):
    page.set_viewport_size({"width": 390, "height": 844})
    w, base = portal.world, live_server.url
    log_in_as(page, base, w.alice)
    screen = {"x": 0, "width": 390}

    # The group's member picker opens within the screen.
    page.goto(f"{base}/account/groups/{w.antwerpen.pk}/")
    page.get_by_text("+ Ajouter un utilisateur existant").click()
    assert inside(box(page.get_by_label("Sélectionnez un utilisateur")), screen)
    assert inside(box(page.get_by_role("button", name="Dirk Martin")), screen)
    shot(page, "phone-group-picker")

    # Step 2.1 shows a six-figure payroll whole.
    page.goto(f"{base}/requests/{portal.draft_pk}/step/legal/")
    wages = page.get_by_label("Ouvriers — Salaires bruts annuels")
    wages.fill("250000")
    assert wages.evaluate("(el) => el.scrollWidth <= el.clientWidth")
    shot(page, "phone-legal-step")

    # The result's legal table shows its premium column without scrolling sideways.
    page.goto(f"{base}/requests/{w.quote.pk}/")
    table = page.get_by_role("region", name="Garantie légale")
    table.scroll_into_view_if_needed()
    shot(page, "phone-result")
    frame = box(table.locator(".table-responsive"))
    assert inside(box(table.get_by_role("columnheader", name="Prime")), frame)
    assert inside(box(table.get_by_role("row").nth(1).get_by_role("cell").last), frame)


def test_the_account_page_shows_the_manage_column_on_a_laptop(page: Page, live_server, portal):
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in_as(page, live_server.url, portal.world.alice)
    page.goto(f"{live_server.url}/account/")
    users = page.get_by_role("region", name="Utilisateurs")
    frame = box(users.locator(".table-responsive"))
    assert inside(box(users.get_by_role("link", name="Gérer").first), frame)
    for name in ("Renvoyer", "Révoquer"):
        assert inside(box(users.get_by_role("button", name=name)), frame), name
    shot(page, "laptop-account")
