"""Submitting a quote to the insurer ("Propositions" in the back office) and the conversation
between the broker and the insurer's staff on a quote."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brokerdesk.access.catalogue import require_insurer_staff
from brokerdesk.access.offices import require_membership
from brokerdesk.access.quotes import get_broker_quote_or_404, get_quote_or_404
from brokerdesk.access.submissions import (
    PROPOSITION_STATES,
    get_attachment_or_404,
    get_insurer_quote_or_404,
    insurer_propositions,
    insurer_threads,
    thread_messages,
)
from brokerdesk.lib.formtokens import form_token_for, posted_form_token
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.offers.models import OfferVersion
from brokerdesk.quotes import offer
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.wizard import answers_summary
from brokerdesk.submissions import rules, services
from brokerdesk.submissions.forms import DecisionForm, MessageForm, ReferralForm
from brokerdesk.submissions.models import Submission

# The broker's side


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Soumettre à la compagnie": asks first (this page), then submits."""
    quote = get_broker_quote_or_404(require_membership(request.user), pk)
    if request.method == "GET":
        if not rules.can_submit(quote, request.user):
            return redirect("quote", pk=quote.pk)
        return render(request, "submissions/submit.html", {"quote": quote})
    try:
        services.submit(quote=quote, by=request.user)
    except RuleBroken as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("La demande est soumise à la compagnie."))
    return redirect("quote", pk=quote.pk)


@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    """The conversation on a quote, for its brokers and its insurer's staff alike."""
    quote = get_quote_or_404(request.user, pk)
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not rules.can_post(quote, request.user):
            raise Http404  # a reader of the quote who may not write in its conversation
        if form.is_valid():
            try:
                services.post_message(
                    quote=quote,
                    by=request.user,
                    body=form.cleaned_data["body"],
                    uploads=form.cleaned_data["attachments"],
                    form_token=posted_form_token(request),
                )
            except RuleBroken as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Le message est envoyé."))
            if rules.is_insurer_staff(quote, request.user):
                return redirect("backoffice_proposition", pk=quote.pk)
            return redirect("quote_thread", pk=quote.pk)
    ctx = {
        "quote": quote,
        "thread_messages": thread_messages(quote),
        "message_form": form,
        "can_post": rules.can_post(quote, request.user),
        "form_token": form_token_for(request),
        "staff": rules.is_insurer_staff(quote, request.user),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "submissions/thread.html", ctx, status=status)


@require_GET
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A file of a conversation, through the visibility rule of its quote; always downloaded,
    never shown by the browser, with the type read from its content when it was received."""
    found = get_attachment_or_404(request.user, pk)
    try:
        handle = found.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=found.name, content_type=found.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


# The insurer's back office

STATE_LABELS = [
    ("", gettext_lazy("Toutes")),
    *[(status.value, status.label) for status in PROPOSITION_STATES],
]


def propositions(request: HttpRequest) -> HttpResponse:
    """ "Propositions": the business submitted to the insurer, waiting ones first."""
    staff = require_insurer_staff(request.user)
    state = request.GET.get("state", Quote.Status.SUBMITTED)
    found = insurer_propositions(staff)
    if state in Quote.Status.values:
        found = found.filter(status=state)
    else:
        state = ""
    found = found.select_related("submission", "office").order_by("-updated_at", "-pk")
    page = Paginator(found, 25).get_page(request.GET.get("page"))
    ctx = {"staff": staff, "page": page, "state": state, "states": STATE_LABELS}
    return render(request, "submissions/propositions.html", ctx)


def opinions(request: HttpRequest) -> HttpResponse:
    """ "Demandes d'avis": the conversations on the insurer's quotes, latest first."""
    staff = require_insurer_staff(request.user)
    pending = request.GET.get("state", "pending")
    found = insurer_threads(staff)
    if pending == "pending":
        found = found.filter(quote__referred=True, quote__referral=Quote.Referral.NONE)
    else:
        pending = ""
    page = Paginator(found.order_by("-last_message_at", "-pk"), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request, "submissions/opinions.html", {"staff": staff, "page": page, "state": pending}
    )


def acceptance_of(quote: Quote) -> OfferVersion | None:
    """The offer version the client accepted online, if any (submissions/acceptance.html)."""
    return quote.offers.filter(accepted_at__isnull=False).order_by("-number").first()


def _proposition_page(request: HttpRequest, quote: Quote, **forms_: Any) -> HttpResponse:
    client = quote.answers.get("activity", {})
    ctx = {
        "quote": quote,
        "submission": Submission.objects.filter(quote=quote).first(),
        "breakdown": offer.breakdown_view(quote.breakdown),
        "address": offer.client_address(client),
        "activity": offer.activity_label(client, request.LANGUAGE_CODE),
        "answers": answers_summary(quote.answers, request.LANGUAGE_CODE),
        "acceptance": acceptance_of(quote),
        "thread_messages": thread_messages(quote),
        "can_decide": rules.can_decide(quote, request.user),
        "can_decide_referral": rules.can_decide_referral(quote, request.user),
        "can_post": rules.can_post(quote, request.user),
        "decision_form": forms_.get("decision_form") or DecisionForm(),
        "referral_form": forms_.get("referral_form") or ReferralForm(),
        "message_form": MessageForm(),
        "form_token": form_token_for(request),
        "staff": True,
    }
    status = 400 if forms_ else 200
    return render(request, "submissions/proposition.html", ctx, status=status)


@require_GET
def proposition(request: HttpRequest, pk: int) -> HttpResponse:
    return _proposition_page(request, get_insurer_quote_or_404(request.user, pk))


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_insurer_quote_or_404(request.user, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _proposition_page(request, quote, decision_form=form)
    accept = form.cleaned_data["action"] == "accept"
    try:
        services.decide(
            quote=quote,
            accept=accept,
            by=request.user,
            policy_number=form.cleaned_data["policy_number"].strip(),
            reason=form.cleaned_data["reason"].strip(),
        )
    except RuleBroken as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("La proposition est acceptée.") if accept else _("La proposition est refusée."),
        )
    return redirect("backoffice_proposition", pk=quote.pk)


@require_POST
def decide_referral(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_insurer_quote_or_404(request.user, pk)
    form = ReferralForm(request.POST)
    if not form.is_valid():
        return _proposition_page(request, quote, referral_form=form)
    try:
        services.decide_referral(
            quote=quote,
            answer=form.cleaned_data["answer"],
            by=request.user,
            loading_percent=form.cleaned_data["loading_percent"],
        )
    except RuleBroken as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("La réponse est transmise au courtier."))
    return redirect("backoffice_proposition", pk=quote.pk)
