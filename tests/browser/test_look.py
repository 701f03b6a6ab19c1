"""The pages look the same with the reduced Bootstrap CSS as with the whole of it (issue 15).

`make assets` keeps only the selectors PurgeCSS finds in our templates, scripts and Python
(purgecss.config.cjs). A class it misses (built from pieces in a template, or set by a script)
would silently lose its style. So each main page, in each state a script brings it to (filter
panel open, a menu open, the search dialog with results, the help chat, the phone menu), is
read twice: with the Bootstrap CSS we serve and with the whole of Bootstrap in its place. Every
element's computed style, and its ::before and ::after, must be the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from brokerdesk.quotes.tests.conftest import ACTIVITY, CLAIMS, COVERS, EXTRA, H24, LEGAL
from conftest import PASSWORD
from tests.browser.test_accounts_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WHOLE_BOOTSTRAP = (
    Path(__file__).resolve().parents[2] / "node_modules/bootstrap/dist/css/bootstrap.min.css"
)
SHOWN = re.compile(r"(^| )show( |$)")
PROPERTIES = [
    "display",
    "position",
    "float",
    "visibility",
    "opacity",
    "width",
    "height",
    "margin",
    "padding",
    "border",
    "border-radius",
    "box-shadow",
    "color",
    "background-color",
    "background-image",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "line-height",
    "text-align",
    "text-decoration-line",
    "text-transform",
    "white-space",
    "vertical-align",
    "list-style-type",
    "flex-direction",
    "flex-wrap",
    "justify-content",
    "align-items",
    "gap",
    "overflow",
    "z-index",
    "cursor",
    "transform",
    "content",
]
STYLES = """(properties) => Array.from(document.querySelectorAll("body *"), (el) => {
  const read = (style) => properties.map((p) => style.getPropertyValue(p)).join("|");
  return [
    el.tagName + (el.id ? "#" + el.id : "") + "." + el.className,
    read(getComputedStyle(el)),
    read(getComputedStyle(el, "::before")),
    read(getComputedStyle(el, "::after")),
  ];
})"""


def styles(page: Page) -> list:
    page.wait_for_load_state("networkidle")
    return page.evaluate(STYLES, PROPERTIES)


def same_look(page: Page, url: str, bring: Callable[[Page], None] = lambda page: None) -> None:
    """The page at `url`, brought to a state, looks the same with either stylesheet."""
    page.route(
        "**/static/vendor/bootstrap.min.css*",
        lambda route: route.fulfill(path=WHOLE_BOOTSTRAP, content_type="text/css"),
    )
    page.goto(url)
    bring(page)
    whole = styles(page)
    page.unroute("**/static/vendor/bootstrap.min.css*")
    page.goto(url)
    bring(page)
    reduced = styles(page)
    assert len(reduced) == len(whole), url
    differences = []
    for before, after in zip(whole, reduced, strict=True):
        for part, name in ((1, "style"), (2, "::before"), (3, "::after")):
            pairs = zip(PROPERTIES, before[part].split("|"), after[part].split("|"), strict=True)
            changed = {p: (b, a) for p, b, a in pairs if b != a}
            if changed:
                differences.append((before[0], name, changed))
    assert not differences, (url, differences[:5])


def priced_quote(bob) -> int:
    """A quote through every step of the wizard, as Bob (the real endpoints)."""
    client = Client()
    client.force_login(bob)
    response = client.post(reverse("quote_new", args=["TPE-KMO"]), ACTIVITY)
    pk = int(response.url.split("/")[2])
    for slug, data in (
        ("covers", COVERS),
        ("claims", CLAIMS),
        ("legal", LEGAL),
        ("extra", EXTRA),
        ("h24", H24),
    ):
        assert client.post(reverse("quote_step", args=[pk, slug]), data).status_code == 302
    return pk


def open_filters(page: Page) -> None:
    page.get_by_role("button", name="Filtrer").first.click()
    expect(page.locator("#filters")).to_have_class(SHOWN)


def open_order_menu(page: Page) -> None:
    page.get_by_role("button", name="Ordre").click()
    expect(page.get_by_role("link", name="Référence")).to_be_visible()


def search_in_dialog(page: Page) -> None:
    page.locator("#top-search").click()  # opens on a click or Enter, never on focus alone
    page.locator("#dialog-q").fill("boulangerie")
    expect(page.locator("#dialog-results tbody tr a").first).to_be_visible()
    page.wait_for_timeout(400)  # the dialog's fade


def open_chat(page: Page) -> None:
    page.get_by_role("button", name="Aide").click()
    expect(page.locator("#bd-chat-panel")).to_be_visible()


def open_phone_menu(page: Page) -> None:
    page.get_by_role("button", name="Menu").click()
    expect(page.locator("#topbar")).to_have_class(SHOWN)


def test_the_main_pages_look_the_same_with_the_reduced_css(page: Page, live_server, bob, accepted):
    page.emulate_media(reduced_motion="reduce")  # no transition caught half-way
    base = live_server.url
    same_look(page, f"{base}/login/")
    pk = priced_quote(bob)
    log_in(page, base, "bob@example.be", PASSWORD)
    expect(page.get_by_role("heading", name="Demandes (1)")).to_be_visible()
    for url, bring in (
        (reverse("quotes"), lambda page: None),
        (reverse("quotes"), open_filters),
        (reverse("quotes"), open_order_menu),
        (reverse("quotes"), search_in_dialog),
        (reverse("quotes"), open_chat),
        (reverse("quote_step", args=[pk, "activity"]), lambda page: None),
        (reverse("quote_step", args=[pk, "legal"]), lambda page: None),
        (reverse("quote", args=[pk]), lambda page: None),
        (reverse("products"), lambda page: None),
        (reverse("users"), lambda page: None),
        (reverse("profile"), lambda page: None),
    ):
        same_look(page, base + url, bring)
    page.set_viewport_size({"width": 390, "height": 844})
    same_look(page, base + reverse("quotes"), open_phone_menu)
