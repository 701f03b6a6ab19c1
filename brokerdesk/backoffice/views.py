"""The insurer's back-office: access requests to its products."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brokerdesk.access.catalogue import (
    get_insurer_integration_or_404,
    insurer_integrations,
    require_insurer_staff,
)
from brokerdesk.access.quotes import visible_quotes
from brokerdesk.catalogue import rules, services
from brokerdesk.catalogue.forms import DecisionForm, RequestFilterForm
from brokerdesk.catalogue.selectors import filter_integrations
from brokerdesk.lib.htmx import render_page
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.quotes.search import search as search_quotes
from brokerdesk.sites.selectors import asserted_producer_numbers

# Matches counted by the back office's search of quotes: beyond, "Plus de 1 000 résultats" and
# the first thousand in pages (a narrower search finds the others).
SEARCH_COUNTED = 1000


def requests(request: HttpRequest) -> HttpResponse:
    staff = require_insurer_staff(request.user)
    form = RequestFilterForm(request.GET or None, insurer=staff.insurer)
    data = form.cleaned_data if form.is_valid() else {}
    integrations = filter_integrations(insurer_integrations(staff), data)
    page = Paginator(integrations, 25).get_page(request.GET.get("page"))
    # What the insurer's own single sign-on asserted for each requester, to compare.
    asserted = asserted_producer_numbers(staff.insurer, {i.requested_by_id for i in page})
    for integration in page:
        integration.asserted_number = asserted.get(integration.requested_by_id, "")
        # The buttons each row offers, from the rules (the template never decides them).
        integration.can_decide = rules.can_decide(integration)
        integration.can_revoke = rules.can_revoke(integration)
    ctx = {"staff": staff, "page": page, "filters": form}
    return render_page(request, "backoffice/requests.html", ctx, fragment="table")


# The only decisions there are; anything else is a forged request.
ACTIONS = {"accept", "refuse", "revoke"}
NEEDS_REASON = {"refuse", "revoke"}


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    staff = require_insurer_staff(request.user)
    integration = get_insurer_integration_or_404(staff, pk)
    action = request.POST.get("action")
    if action not in ACTIONS:
        raise SuspiciousOperation("Unknown back-office action")  # answered 400
    form = DecisionForm(request.POST, reason_required=action in NEEDS_REASON)
    if not form.is_valid():
        messages.error(request, _("Indiquez le motif du refus ou de la révocation."))
        return redirect("backoffice")
    reason = form.cleaned_data["reason"]
    try:
        if action == "revoke":
            services.revoke(integration=integration, reason=reason, decided_by=request.user)
            messages.success(request, _("L'intégration est révoquée."))
        else:
            accept = action == "accept"
            services.decide(
                integration=integration, accept=accept, reason=reason, decided_by=request.user
            )
            messages.success(
                request, _("La demande est acceptée.") if accept else _("La demande est refusée.")
            )
    except RuleBroken as error:
        messages.error(request, error.message)
    return redirect("backoffice")


def quotes(request: HttpRequest) -> HttpResponse:
    """Quotes made on the insurer's products, read only, with the brokers' search."""
    require_insurer_staff(request.user)
    query = request.GET.get("q", "").strip()
    visible = visible_quotes(request.user)
    found = search_quotes(visible, query) if query else visible.order_by("-updated_at")
    paginator = Paginator(found, 25)
    more = False
    if query:
        # Counting every match of a common word among an insurer's million quotes took a
        # second a page; counting to one more than SEARCH_COUNTED stops early (unordered).
        counted = found.order_by()[: SEARCH_COUNTED + 1].count()
        more = counted > SEARCH_COUNTED
        paginator.count = min(counted, SEARCH_COUNTED)
    page = paginator.get_page(request.GET.get("page"))
    ctx = {"page": page, "query": query, "more": more}
    return render_page(request, "backoffice/quotes.html", ctx, fragment="table")
