"""The insurer's back-office: access requests to its products."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brokerdesk.catalogue import services
from brokerdesk.catalogue.forms import DecisionForm, RequestFilterForm
from brokerdesk.offices import access
from brokerdesk.quotes.search import search as search_quotes


def requests(request: HttpRequest) -> HttpResponse:
    staff = access.require_insurer_staff(request.user)
    integrations = access.insurer_integrations(staff)
    form = RequestFilterForm(request.GET or None, insurer=staff.insurer)
    if form.is_valid():
        data = form.cleaned_data
        for word in data["q"].split():
            integrations = integrations.filter(
                Q(group__office__name__icontains=word)
                | Q(group__name__icontains=word)
                | Q(producer_number__icontains=word)
                | Q(requested_by__email__icontains=word)
            )
        if data["status"]:
            integrations = integrations.filter(status=data["status"])
        if data["product"]:
            integrations = integrations.filter(product=data["product"])
    page = Paginator(integrations.order_by("-requested_at"), 25).get_page(request.GET.get("page"))
    ctx = {"staff": staff, "page": page, "filters": form}
    template = "backoffice/requests.html#table" if request.htmx else "backoffice/requests.html"
    return render(request, template, ctx)


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    staff = access.require_insurer_staff(request.user)
    integration = access.get_insurer_integration_or_404(staff, pk)
    action = request.POST.get("action")
    form = DecisionForm(request.POST, reason_required=action in ("refuse", "revoke"))
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
    except services.OfficeRuleBroken as error:
        messages.error(request, error.message)
    return redirect("backoffice")


def quotes(request: HttpRequest) -> HttpResponse:
    """Quotes made on the insurer's products, read only, with the brokers' search."""
    access.require_insurer_staff(request.user)
    query = request.GET.get("q", "").strip()
    visible = access.visible_quotes(request.user)
    found = search_quotes(visible, query) if query else visible.order_by("-updated_at")
    page = Paginator(found, 25).get_page(request.GET.get("page"))
    ctx = {"page": page, "query": query}
    template = "backoffice/quotes.html#table" if request.htmx else "backoffice/quotes.html"
    return render(request, template, ctx)
