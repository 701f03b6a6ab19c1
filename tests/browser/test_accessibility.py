"""Every main page, for the person who sees it, checked in Chromium: axe-core (WCAG 2.1 AA)
reports no serious or critical violation in French, Dutch or English, and no page scrolls
sideways on a phone (390 px) or a tablet (768 px).

axe-core comes from npm (package.json, `make assets`) and is read from node_modules.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Portal, log_in_as
from tests.browser.test_accounts_journeys import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ("fr", "nl", "en")
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


# Every language on a laptop; the phone layout (collapsed menu, stacked columns) in Dutch.
@pytest.mark.parametrize(
    ("language", "width"), [*((language, 1366) for language in LANGUAGES), ("nl", 390)]
)
def test_no_serious_accessibility_violation_on_any_page(
    page: Page, live_server, portal, language, width
):
    assert AXE.exists(), "axe-core is missing: run `make assets` (npm ci)"
    page.set_viewport_size({"width": width, "height": 900})
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


# Dutch words are the longest of the three languages: the phone is checked in Dutch as well.
@pytest.mark.parametrize(("width", "language"), [(390, "fr"), (390, "nl"), (768, "fr")])
def test_no_page_scrolls_sideways_or_hides_a_control_under_aide(
    page: Page, live_server, portal, width, language
):
    page.set_viewport_size({"width": width, "height": 844})
    problems = visit_every_page(page, live_server.url, portal, language, overflow(page))
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


def open_states(base: str, portal: Portal) -> list[tuple[str, str, str]]:
    """What only appears after a click: menus, dialogs, the chat, refused forms. Selectors,
    not words: the same steps in every language."""
    w = portal.world
    return [
        ("alice", f"{base}/requests/", "#usermenu"),
        ("alice", f"{base}/requests/", "#switcher"),
        ("alice", f"{base}/requests/", "#bd-chat-toggle"),
        ("alice", f"{base}/requests/", "#top-search"),
        ("alice", f"{base}/account/groups/{w.antwerpen.pk}/", ".bd-picker > summary"),
        ("anonymous", f"{base}/login/", 'main form[action="/login/"] [type=submit]'),
        ("anonymous", f"{base}/signup/", "main form [value=next]"),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_serious_accessibility_violation_in_menus_dialogs_and_refused_forms(
    page: Page, live_server, portal, language
):
    page.set_viewport_size({"width": 1366, "height": 900})
    base, check = live_server.url, axe_violations(page)
    problems = []
    for persona, url, click in open_states(base, portal):
        page.context.clear_cookies()
        user = portal.user(persona)
        if user is None:
            page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        else:
            user.language = language
            user.save(update_fields=["language"])
            log_in_as(page, base, user)
        page.goto(url)
        page.locator(click).first.click()
        if click == "#bd-chat-toggle":
            page.locator("#bd-chat-question").fill("numéro de producteur")
            page.locator("#bd-chat-question").press("Enter")
            page.locator("#bd-chat-log .bd-chat-q").wait_for()
        elif click == "#top-search":
            page.locator("#dialog-q").fill("Dupuis")
            page.locator("#dialog-count").filter(has_text="2").wait_for()
        page.wait_for_load_state()
        page.wait_for_timeout(400)  # menus and dialogs fade in
        shot(page, f"state-{language}-{persona}{click.replace(' ', '_')}"[:80])
        problems += [f"{language} {persona} {url} after {click}: {found}" for found in check(url)]
    assert not problems, "\n".join(problems)
