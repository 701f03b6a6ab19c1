"""Sessions in Chromium, in English: a broker signed in on two browsers sees both in the
profile and ends the other one, which is then logged out."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import PASSWORD
from tests.browser.test_accounts_journeys import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_user_ends_another_browsers_session(page: Page, browser: Browser, live_server, alice,
                                              make_user):  # fmt: skip
    make_user(
        "emma@example.be",
        office=alice.membership.office,
        groups=["Antwerpen"],
        first_name="Emma",
        language="en",
    )
    other = browser.new_context(
        locale="fr-BE",  # the login page in French; Emma's pages in English
        user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    )
    phone = other.new_page()
    log_in(phone, live_server.url, "emma@example.be", PASSWORD)
    expect(phone.get_by_role("heading", name=re.compile(r"Requests \(\d+\)"))).to_be_visible()

    log_in(page, live_server.url, "emma@example.be", PASSWORD)
    page.goto(f"{live_server.url}/profile/")
    sessions = page.get_by_role("region", name="Active sessions")
    expect(sessions.get_by_role("row")).to_have_count(3)  # the header and two browsers
    expect(sessions).to_contain_text("Safari on iPhone")
    expect(sessions).to_contain_text("This session")
    shot(page, "sessions-en")
    sessions.get_by_role("button", name="End all others").click()
    expect(page.get_by_text("Your other sessions have been ended.")).to_be_visible()
    expect(page.get_by_role("region", name="Active sessions").get_by_role("row")).to_have_count(2)

    phone.reload()
    expect(phone.get_by_role("button", name="Connexion")).to_be_visible()
    other.close()
