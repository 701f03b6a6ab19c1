"""Submitting to the insurer and the referral dialogue: rules, services, races, e-mails, audit."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, connections

from brokerdesk.audit.models import AuditEvent
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.notifications.models import OutboxMessage
from brokerdesk.quotes import rules as quote_rules
from brokerdesk.quotes import services as quote_services
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.rules import ReferralPending, ReferralRefused
from brokerdesk.submissions import rules, services
from brokerdesk.submissions.models import Message, Submission, Thread
from brokerdesk.submissions.tests.conftest import pdf_bytes

Status = Quote.Status


def actions(quote):
    return [e.action for e in AuditEvent.objects.filter(target_id=str(quote.pk)).order_by("pk")]


# Item 4: submission


@pytest.mark.django_db
def test_a_priced_quote_is_submitted_and_the_insurer_staff_told(quote, bob, victor, olga):
    assert rules.can_submit(quote, bob)
    quote = services.submit(quote=quote, by=bob)
    assert quote.status == Status.SUBMITTED
    assert Submission.objects.get(quote=quote).submitted_by == bob
    assert "quote.submitted" in actions(quote)
    mail = OutboxMessage.objects.get(template="submission_new")
    assert mail.to == victor.email  # never Olga, of another insurer
    assert quote.reference in mail.subject
    assert not rules.can_submit(quote, bob)  # submitted: no second button
    assert rules.can_decide(quote, victor) and not rules.can_decide(quote, olga)


@pytest.mark.django_db
def test_submitting_twice_changes_nothing_the_second_time(quote, bob, victor):
    services.submit(quote=quote, by=bob)
    services.submit(quote=quote, by=bob)
    assert OutboxMessage.objects.filter(template="submission_new").count() == 1
    assert actions(quote).count("quote.submitted") == 1


@pytest.mark.django_db
def test_an_issued_offer_is_submitted_too(quote, bob):
    quote = quote_services.issue_offer(quote=quote, language="fr", by=bob)
    assert services.submit(quote=quote, by=bob).status == Status.SUBMITTED


@pytest.mark.django_db
def test_a_draft_an_archived_quote_or_an_outsider_cannot_submit(quote, bob, charlie, victor):
    quote_services.archive(quote=quote, by=bob)
    quote.refresh_from_db()
    assert not rules.can_submit(quote, bob)
    with pytest.raises(RuleBroken):
        services.submit(quote=quote, by=bob)
    quote_services.restore(quote=quote, by=bob)
    for outsider in (charlie, victor):
        with pytest.raises(RuleBroken):
            services.submit(quote=quote, by=outsider)
    Quote.objects.filter(pk=quote.pk).update(status=Status.DRAFT)
    with pytest.raises(RuleBroken):
        services.submit(quote=quote, by=bob)


@pytest.mark.django_db
def test_a_referred_quote_is_submitted_only_once_the_insurer_agreed(referred, bob, victor):
    assert not rules.can_submit(referred, bob)
    with pytest.raises(ReferralPending):
        services.submit(quote=referred, by=bob)
    services.decide_referral(quote=referred, answer=services.ACCEPT, by=victor)
    referred.refresh_from_db()
    assert rules.can_submit(referred, bob)


@pytest.mark.django_db
def test_the_insurer_accepts_with_a_policy_number_and_the_broker_is_told(quote, bob, victor):
    services.submit(quote=quote, by=bob)
    quote = services.decide(quote=quote, accept=True, by=victor, policy_number="POL-123")
    assert quote.status == Status.INSURER_ACCEPTED and quote.policy_number == "POL-123"
    assert "quote.insurer_accepted" in actions(quote)
    mail = OutboxMessage.objects.get(template="submission_decided")
    assert mail.to == bob.email and "POL-123" in mail.body_text
    with pytest.raises(rules.NotSubmitted):  # a second click: the decision stands
        services.decide(quote=quote, accept=False, by=victor, reason="non")
    assert Quote.objects.get(pk=quote.pk).status == Status.INSURER_ACCEPTED


@pytest.mark.django_db
def test_the_insurer_refuses_with_a_reason(quote, bob, victor, olga):
    services.submit(quote=quote, by=bob)
    with pytest.raises(rules.NotInsurerStaff):
        services.decide(quote=quote, accept=False, by=olga, reason="x")
    with pytest.raises(rules.NotInsurerStaff):
        services.decide(quote=quote, accept=True, by=bob, policy_number="1")
    quote = services.decide(quote=quote, accept=False, by=victor, reason="Trop de sinistres")
    assert quote.status == Status.INSURER_REFUSED
    assert Submission.objects.get(quote=quote).refusal_reason == "Trop de sinistres"
    assert "Trop de sinistres" in OutboxMessage.objects.get(template="submission_decided").body_text


@pytest.mark.django_db(transaction=True)
def test_submissions_and_decisions_at_once_happen_once(quote, bob, victor):
    # Real threads with their own connections on PostgreSQL; SQLite serialises writers anyway.
    workers = 6 if connection.vendor == "postgresql" else 1

    def submit(n: int) -> str:
        try:
            return services.submit(quote=quote, by=bob).status
        finally:
            connections.close_all()

    def accept(n: int) -> str:
        try:
            return services.decide(
                quote=quote, accept=True, by=victor, policy_number=f"P{n}"
            ).status
        except rules.NotSubmitted:
            return "refused"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        assert set(pool.map(submit, range(6))) == {Status.SUBMITTED}
    assert Submission.objects.count() == 1
    assert OutboxMessage.objects.filter(template="submission_new").count() == 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        assert sorted(pool.map(accept, range(6))) == [Status.INSURER_ACCEPTED] + ["refused"] * 5
    assert OutboxMessage.objects.filter(template="submission_decided").count() == 1


# Item 5: the referral dialogue


@pytest.mark.django_db
def test_a_referred_quote_gets_no_offer_until_the_insurer_answers(referred, bob):
    assert quote_rules.referral_blocks(referred)
    assert not quote_rules.can_issue_offer(referred, bob)
    assert not quote_rules.QuoteActions.of(referred, bob, referred.group).issue_offer
    with pytest.raises(ReferralPending):
        quote_services.issue_offer(quote=referred, language="fr", by=bob)
    assert Quote.objects.get(pk=referred.pk).offer is None


@pytest.mark.django_db
def test_the_broker_asks_and_the_insurer_is_told_then_answers_with_a_loading(referred, bob, victor):
    assert rules.can_ask_opinion(referred, bob)
    services.post_message(quote=referred, by=bob, body="Un accident mortel en 2024.")
    mail = OutboxMessage.objects.get(template="thread_message")
    assert mail.to == victor.email and "accident mortel" in mail.body_text
    services.post_message(quote=referred, by=victor, body="Quelles mesures de prévention ?")
    assert OutboxMessage.objects.filter(template="thread_message", to=bob.email).exists()
    assert list(Message.objects.values_list("from_insurer", flat=True)) == [False, True]

    before = referred.total_annual
    quote = services.decide_referral(
        quote=referred, answer=services.LOAD, by=victor, loading_percent=Decimal("12.5")
    )
    assert quote.referral == Quote.Referral.LOADED and quote.loading_percent == Decimal("12.5")
    expected = before + (before * Decimal("0.125")).quantize(Decimal("0.01"))
    assert quote.total_annual == expected
    assert Decimal(quote.breakdown["loading_amount"]) == expected - before
    assert Thread.objects.get(quote=quote).decided_by == victor
    assert "quote.referral_answered" in actions(quote)
    assert OutboxMessage.objects.filter(template="referral_decided", to=bob.email).exists()

    # The offer is possible now, and carries the loaded premium.
    quote = quote_services.issue_offer(quote=quote, language="fr", by=bob)
    assert Decimal(quote.offer["breakdown"]["total_annual"]) == expected
    # Re-pricing (another payment frequency) keeps the loading.
    quote = quote_services.set_payment(quote=quote, frequency="quarterly", by=bob)
    assert Decimal(quote.breakdown["loading_percent"]) == Decimal("12.5")
    assert quote.total_annual > expected  # the quarterly surcharge, loaded too


@pytest.mark.django_db
def test_a_refused_referral_allows_no_offer_and_answering_twice_is_refused(referred, bob, victor):
    services.post_message(quote=referred, by=bob, body="?")
    quote = services.decide_referral(quote=referred, answer=services.REFUSE, by=victor)
    assert quote.referral == Quote.Referral.REFUSED
    assert quote_rules.referral_blocks(quote)
    with pytest.raises(ReferralRefused):
        quote_services.issue_offer(quote=quote, language="fr", by=bob)
    with pytest.raises(rules.NoReferralPending):
        services.decide_referral(quote=quote, answer=services.ACCEPT, by=victor)


@pytest.mark.django_db
def test_accepted_as_priced_keeps_the_price(referred, victor, bob):
    before = referred.total_annual
    quote = services.decide_referral(quote=referred, answer=services.ACCEPT, by=victor)
    assert quote.total_annual == before and quote.referral == Quote.Referral.ACCEPTED
    assert quote_rules.can_issue_offer(quote, bob)


@pytest.mark.django_db
def test_outsiders_cannot_post_or_decide(referred, quote, charlie, olga, bob, dirk):
    for outsider in (charlie, olga):
        with pytest.raises(RuleBroken):
            services.post_message(quote=referred, by=outsider, body="x")
        with pytest.raises(RuleBroken):
            services.decide_referral(quote=referred, answer=services.ACCEPT, by=outsider)
    with pytest.raises(RuleBroken):  # a broker does not answer for the insurer
        services.decide_referral(quote=referred, answer=services.ACCEPT, by=bob)
    with pytest.raises(rules.ThreadClosed):  # a priced quote, neither referred nor submitted
        services.post_message(quote=quote, by=bob, body="x")
    assert not Thread.objects.exists()


@pytest.mark.django_db
def test_the_same_message_posted_twice_is_kept_once(referred, bob):
    token = "a" * 32
    first = services.post_message(quote=referred, by=bob, body="x", form_token=token)
    second = services.post_message(quote=referred, by=bob, body="x", form_token=token)
    assert first.pk == second.pk and Message.objects.count() == 1


@pytest.mark.django_db
def test_the_insurer_asks_a_question_on_a_submission(quote, bob, victor):
    services.submit(quote=quote, by=bob)
    services.post_message(quote=quote, by=victor, body="Avez-vous l'attestation ?")
    assert Quote.objects.get(pk=quote.pk).status == Status.SUBMITTED
    assert OutboxMessage.objects.filter(template="thread_message", to=bob.email).exists()


@pytest.mark.django_db
def test_a_submitted_quote_no_longer_changes(quote, bob, victor):
    services.submit(quote=quote, by=bob)
    quote.refresh_from_db()
    assert not quote_rules.can_edit(quote, bob)
    with pytest.raises(quote_rules.WithTheInsurer):
        quote_services.set_payment(quote=quote, frequency="monthly", by=bob)
    with pytest.raises(quote_rules.WithTheInsurer):
        quote_services.issue_offer(quote=quote, language="fr", by=bob)
    services.decide(quote=quote, accept=True, by=victor, policy_number="P")
    quote.refresh_from_db()
    assert quote_rules.why_not_editable(quote, bob) == str(quote_rules.WithTheInsurer.message)


@pytest.mark.django_db
def test_a_changed_risk_is_asked_again_but_another_payment_is_not(referred, bob, victor):
    services.decide_referral(
        quote=referred, answer=services.LOAD, by=victor, loading_percent=Decimal("10")
    )
    quote = quote_services.set_payment(quote=referred, frequency="monthly", by=bob)
    assert quote.referral == Quote.Referral.LOADED and "loading_amount" in quote.breakdown
    legal = {**quote.answers["legal"], "workers_headcount": 3}
    quote = quote_services.save_step(quote=quote, step="legal", data=legal, by=bob)
    assert quote.referral == Quote.Referral.NONE and quote.loading_percent is None
    assert "loading_amount" not in quote.breakdown
    assert quote_rules.referral_blocks(quote)


def test_a_message_that_fails_leaves_no_file_behind(referred, bob, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    uploads = [
        services.Upload(
            file=SimpleUploadedFile(name, pdf_bytes()),
            name=name,
            content_type="application/pdf",
            size=size,
        )
        # The second file is stored, then its row is refused (a size is never negative).
        for name, size in [("a.pdf", 10), ("b.pdf", -1)]
    ]
    with pytest.raises(IntegrityError):
        services.post_message(quote=referred, by=bob, body="x", uploads=uploads)
    assert not Message.objects.exists()
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []
