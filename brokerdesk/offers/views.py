from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from brokerdesk.access.offers import get_version_or_404
from brokerdesk.access.offices import require_membership
from brokerdesk.access.quotes import get_broker_quote_or_404
from brokerdesk.lib import limits
from brokerdesk.lib.formtokens import form_token_for, posted_form_token
from brokerdesk.lib.http import client_ip
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.offers import rules, services
from brokerdesk.offers.forms import AcceptForm, SendForm
from brokerdesk.offers.models import OfferLink, OfferVersion
from brokerdesk.quotes import offer as quote_offer

PDF_HEADERS = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf", headers=PDF_HEADERS)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _read(field) -> bytes:
    with field.open("rb") as stored:
        return stored.read()


@require_GET
def version_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """An issued offer as it was issued: its stored bytes, never a new rendering."""
    version = get_version_or_404(request.user, pk, number)
    return _pdf(_read(version.pdf), version.filename)


@require_GET
def accepted_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = get_version_or_404(request.user, pk, number)
    if not version.sealed_pdf:
        raise Http404
    return _pdf(_read(version.sealed_pdf), version.filename.replace(".pdf", "-accepted.pdf"))


def _client_defaults(quote) -> dict[str, str]:
    client = quote.client
    return {
        "email": getattr(client, "email", "") or "",
        "language": getattr(client, "language", "") or quote.offer_language or "fr",
    }


@require_http_methods(["GET", "POST"])
def send(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Envoyer au client"."""
    quote = get_broker_quote_or_404(require_membership(request.user), pk)
    version = services.current_version(quote)
    if not rules.can_send(quote, version, request.user):
        raise Http404
    form = SendForm(request.POST or None, initial=_client_defaults(quote))
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        limits.check(request, "offer_send", target=email)
        try:
            services.send_offer(
                quote=quote,
                email=email,
                language=form.cleaned_data["language"],
                by=request.user,
                form_token=posted_form_token(request),
            )
        except RuleBroken as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("L'offre est envoyée à %(email)s.") % {"email": email})
        return redirect("quote", pk=quote.pk)
    status = 400 if request.method == "POST" else 200
    ctx = {"quote": quote, "version": version, "form": form, "form_token": form_token_for(request)}
    return render(request, "offers/send.html", ctx, status=status)


# The client's public page: no account, nothing else of the office.


def _link_or_404(request: HttpRequest, token: str) -> OfferLink:
    limits.check(request, "offer_page")
    link = services.find_link(token)
    if link is None:
        raise Http404
    return link


def _public(
    request: HttpRequest,
    token: str,
    version: OfferVersion,
    form: AcceptForm | None,
    status: int = 200,
) -> HttpResponse:
    quote = version.quote
    with translation.override(version.language):
        ctx = {
            "link_token": token,
            "version": version,
            "quote": quote,
            "state": rules.link_state(version, quote),
            "valid_until": rules.valid_until(version),
            "breakdown": quote_offer.breakdown_view((quote.offer or {}).get("breakdown")),
            "activity": (quote.offer or {}).get("answers", {}).get("activity", {}),
            "form": form,
            "LANGUAGE_CODE": version.language,
        }
        response = render(request, "offers/public.html", ctx, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def public(request: HttpRequest, token: str) -> HttpResponse:
    link = _link_or_404(request, token)
    version = link.version
    if request.method == "GET":
        return _public(request, token, version, AcceptForm())
    limits.check(request, "offer_accept")
    with translation.override(version.language):
        form = AcceptForm(request.POST)
        valid = form.is_valid()
    if rules.link_state(version, version.quote) != rules.OPEN:
        return _public(request, token, version, None, status=409)
    if not valid:
        return _public(request, token, version, form, status=400)
    try:
        services.accept(
            link=link,
            name=form.cleaned_data["name"],
            function=form.cleaned_data["function"],
            ip=client_ip(request),
        )
    except rules.OfferClosed:  # accepted by a click a moment before this one
        version.refresh_from_db()
        return _public(request, token, version, None, status=409)
    return redirect("offer_public", token=token)


@login_not_required
@require_GET
def public_pdf(request: HttpRequest, token: str) -> HttpResponse:
    link = _link_or_404(request, token)
    version = link.version
    if rules.link_state(version, version.quote) == rules.WITHDRAWN:
        raise Http404  # a replaced offer is never served to the client
    field = version.sealed_pdf or version.pdf
    response = _pdf(_read(field), version.filename)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response
