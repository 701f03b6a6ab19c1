"""The e-mails really leave through the outbox and the worker; the loading's arithmetic."""

from __future__ import annotations

from decimal import Decimal

from brokerdesk.quotes import pricing
from brokerdesk.submissions import services
from conftest import mail_link, mail_text


def test_the_loading_is_rounded_to_the_cent_and_spread_over_the_instalments():
    breakdown = {"total_annual": "1000.01", "instalments": 3, "instalment": "333.34"}
    loaded, total = pricing.with_loading(breakdown, Decimal("7.33"))
    # 1000.01 x 7.33 % = 73.300733 -> 73.30
    assert loaded["loading_amount"] == "73.30" and total == Decimal("1073.31")
    assert loaded["total_annual"] == "1073.31"
    assert loaded["instalment"] == "357.77"
    assert Decimal(loaded["last_instalment"]) + 2 * Decimal("357.77") == total
    # Half a cent rounds up.
    assert pricing.with_loading({"total_annual": "10.10", "instalments": 1}, Decimal("5"))[1] == (
        Decimal("10.61")
    )


def test_the_mails_go_out_through_the_worker(deliver_mail, referred, bob, victor):
    services.post_message(quote=referred, by=bob, body="Un accident mortel en 2024.")
    services.decide_referral(
        quote=referred, answer=services.LOAD, by=victor, loading_percent=Decimal("10")
    )
    referred.refresh_from_db()
    services.submit(quote=referred, by=bob)
    services.decide(quote=referred, accept=True, by=victor, policy_number="POL-9")
    sent = {(m["To"], m["Subject"]): m for m in deliver_mail()}
    to_victor = [m for (to, _), m in sent.items() if to == victor.email]
    to_bob = [m for (to, _), m in sent.items() if to == bob.email]
    assert len(to_victor) == 2 and len(to_bob) == 2
    assert any("accident mortel" in mail_text(m) for m in to_victor)
    assert any(mail_link(m) == f"/backoffice/propositions/{referred.pk}/" for m in to_victor)
    texts = " ".join(mail_text(m) for m in to_bob)
    assert "Surprime : 10" in texts and "police n° POL-9" in texts
