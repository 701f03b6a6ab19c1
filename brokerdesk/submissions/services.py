"""Submitting a quote to its insurer, the insurer's decisions, and the messages between them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from brokerdesk.accounts.models import User
from brokerdesk.audit.log import record
from brokerdesk.catalogue.models import InsurerStaff
from brokerdesk.lib.storage import removed_on_failure
from brokerdesk.notifications import kinds
from brokerdesk.notifications.delivery import queue
from brokerdesk.notifications.inbox import notify
from brokerdesk.quotes import services as quote_services
from brokerdesk.quotes.models import Quote
from brokerdesk.submissions import rules
from brokerdesk.submissions.models import Attachment, Message, Submission, Thread

Status = Quote.Status


def _locked(quote: Quote) -> Quote:
    return Quote.objects.select_for_update().select_related("product__insurer").get(pk=quote.pk)


def _insurer_staff(quote: Quote) -> Iterable[User]:
    staff = InsurerStaff.objects.filter(insurer_id=quote.product.insurer_id, user__is_active=True)
    return [member.user for member in staff.select_related("user")]


def _brokers(quote: Quote) -> list[User]:
    """Who hears of the insurer's answers: the quote's creator, and whoever submitted it."""
    people = {quote.created_by_id: quote.created_by}
    submission = Submission.objects.filter(quote=quote).select_related("submitted_by").first()
    if submission is not None:
        people[submission.submitted_by_id] = submission.submitted_by
    return [user for user in people.values() if user.is_active]


def _tell(people: Iterable[User], template: str, link: str, **context: object) -> None:
    for user in people:
        queue(
            template,
            to=user.email,
            language=user.language,
            context={"user": user, "link": link, **context},
        )


# Item 4: the submission and the insurer's decision


@transaction.atomic
def submit(*, quote: Quote, by: User) -> Quote:
    """ "Soumettre à la compagnie". Submitting again (a double click) changes nothing."""
    quote = _locked(quote)
    if quote.status == Status.SUBMITTED:
        return quote
    rules.check_submittable(quote, by)
    previous = quote.status
    quote.status = Status.SUBMITTED
    quote.save(update_fields=["status"])
    Submission.objects.update_or_create(
        quote=quote,
        defaults={
            "submitted_by": by,
            "submitted_at": timezone.now(),
            "decided_by": None,
            "decided_at": None,
            "refusal_reason": "",
        },
    )
    record(
        "quote.submitted",
        actor=by,
        target=quote,
        office=quote.office,
        previous=previous,
        total=str(quote.total_annual),
    )
    link = reverse("backoffice_proposition", args=[quote.pk])
    _tell(_insurer_staff(quote), "submission_new", link, quote=quote, office=quote.office.name)
    return quote


@transaction.atomic
def decide(
    *, quote: Quote, accept: bool, by: User, policy_number: str = "", reason: str = ""
) -> Quote:
    """The insurer accepts (with the policy number) or refuses (with its reason)."""
    quote = _locked(quote)
    rules.check_decidable(quote, by)
    quote.status = Status.INSURER_ACCEPTED if accept else Status.INSURER_REFUSED
    quote.policy_number = policy_number if accept else ""
    quote.save(update_fields=["status", "policy_number"])
    Submission.objects.filter(quote=quote).update(
        decided_by=by, decided_at=timezone.now(), refusal_reason="" if accept else reason
    )
    record(
        "quote.insurer_accepted" if accept else "quote.insurer_refused",
        actor=by,
        target=quote,
        office=quote.office,
        policy_number=quote.policy_number,
        reason=reason,
    )
    link = reverse("quote", args=[quote.pk])
    if accept:
        notify(
            _brokers(quote),
            kinds.INSURER_ACCEPTED,
            url=link,
            reference=quote.reference,
            policy_number=quote.policy_number,
        )
    else:
        notify(_brokers(quote), kinds.INSURER_REFUSED, url=link, reference=quote.reference)
    _tell(
        _brokers(quote),
        "submission_decided",
        link,
        quote=quote,
        accepted=accept,
        reason=reason,
        insurer=quote.product.insurer.name,
    )
    return quote


# Item 5: the referral dialogue


@dataclass
class Upload:
    """A received file, already checked (submissions/forms.py): its content and what it is."""

    file: File
    name: str
    content_type: str
    size: int


@transaction.atomic
def post_message(
    *, quote: Quote, by: User, body: str, uploads: Iterable[Upload] = (), form_token: str = ""
) -> Message:
    """A message in the quote's conversation, opening it if need be. The same form posted
    twice (`form_token`) gives the first message back."""
    quote = _locked(quote)
    if form_token:
        earlier = Message.objects.filter(author=by, form_token=form_token).first()
        if earlier is not None:
            return earlier
    thread = Thread.objects.filter(quote=quote).first()
    rules.check_can_post(quote, by, thread=thread is not None)
    from_insurer = rules.is_insurer_staff(quote, by)
    now = timezone.now()
    if thread is None:
        thread = Thread.objects.create(quote=quote, opened_by=by, last_message_at=now)
        record("quote.thread_opened", actor=by, target=quote, office=quote.office)
    else:
        Thread.objects.filter(pk=thread.pk).update(last_message_at=now)
    try:
        with transaction.atomic():
            message = Message.objects.create(
                thread=thread,
                author=by,
                from_insurer=from_insurer,
                body=body,
                form_token=form_token,
            )
    except IntegrityError:  # the same form committed meanwhile
        return Message.objects.get(author=by, form_token=form_token)
    with removed_on_failure() as store:
        for upload in uploads:
            attachment = Attachment(
                message=message,
                name=upload.name,
                content_type=upload.content_type,
                size=upload.size,
            )
            # A random stored name: the sender's name is only a label.
            name = f"{timezone.now():%Y%m%d}-{message.pk}.bin"
            store(attachment.file, name, upload.file)
            attachment.save()
        record(
            "quote.message_posted",
            actor=by,
            target=quote,
            office=quote.office,
            from_insurer=from_insurer,
            attachments=len(message.attachments.all()),
        )
        link = reverse("quote_thread", args=[quote.pk])
        readers = _brokers(quote) if from_insurer else list(_insurer_staff(quote))
        author = quote.product.insurer.name if from_insurer else by.get_full_name() or by.email
        notify(readers, kinds.NEW_MESSAGE, url=link, author=author, reference=quote.reference)
        _tell(readers, "thread_message", link, quote=quote, message=message)
    return message


# The insurer's answers to a referral
ACCEPT, LOAD, REFUSE = "accept", "load", "refuse"
REFERRAL_OF = {
    ACCEPT: Quote.Referral.ACCEPTED,
    LOAD: Quote.Referral.LOADED,
    REFUSE: Quote.Referral.REFUSED,
}


@transaction.atomic
def decide_referral(
    *, quote: Quote, answer: str, by: User, loading_percent: Decimal | None = None
) -> Quote:
    """The insurer's answer to a referred quote, applied to its price; answering twice (a
    double click) is refused with a message, the first answer stands."""
    quote = _locked(quote)
    rules.check_referral_decidable(quote, by)
    referral = REFERRAL_OF[answer]
    quote_services.apply_referral_answer(quote, referral=referral, loading_percent=loading_percent)
    quote.save()
    Thread.objects.filter(quote=quote).update(decided_by=by, decided_at=timezone.now())
    record(
        "quote.referral_answered",
        actor=by,
        target=quote,
        office=quote.office,
        referral=referral,
        loading_percent=str(loading_percent) if referral == Quote.Referral.LOADED else "",
        total=str(quote.total_annual),
    )
    link = reverse("quote", args=[quote.pk])
    notify(_brokers(quote), kinds.INSURER_ANSWERED, url=link, reference=quote.reference)
    _tell(
        _brokers(quote),
        "referral_decided",
        link,
        quote=quote,
        insurer=quote.product.insurer.name,
    )
    return quote
