"""Clients: the list, a client's page with its quotes and offers, its edit form, and step
1.1's search-as-you-type among them."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from brokerdesk.access.catalogue import accepted_products
from brokerdesk.access.clients import get_client_or_404, visible_clients
from brokerdesk.access.offices import request_group, require_membership
from brokerdesk.access.quotes import visible_quotes
from brokerdesk.clients import services
from brokerdesk.clients.forms import ClientForm
from brokerdesk.clients.models import Client
from brokerdesk.clients.selectors import matching
from brokerdesk.documents.views import section as documents_section
from brokerdesk.lib import limits
from brokerdesk.lib.formfields import MAX_FILTER_LENGTH
from brokerdesk.lib.http import id_param
from brokerdesk.lib.text import clean_text
from brokerdesk.quotes.models import Quote

# The statuses of a quote whose offer was issued: the client page lists them as its offers.
OFFER_STATUSES = (
    Quote.Status.ISSUED,
    Quote.Status.ACCEPTED,
    Quote.Status.SUBMITTED,
    Quote.Status.INSURER_ACCEPTED,
    Quote.Status.INSURER_REFUSED,
)
MAX_SUGGESTIONS = 8
PRODUCT_CODE = re.compile(r"[\w-]{1,40}")


@require_GET
def clients(request: HttpRequest) -> HttpResponse:
    require_membership(request.user)
    query = clean_text(request.GET.get("q", ""), max_length=MAX_FILTER_LENGTH)
    listed = visible_clients(request.user)
    total = listed.count()
    found = matching(listed, query).order_by("name", "pk")
    page = Paginator(found, 25).get_page(request.GET.get("page"))
    return render(request, "clients/list.html", {"page": page, "query": query, "total": total})


@require_GET
def client(request: HttpRequest, pk: int) -> HttpResponse:
    the_client = get_client_or_404(request.user, pk)
    quotes = (
        visible_quotes(request.user)
        .filter(client=the_client)
        .select_related(None)
        .select_related("product", "created_by")
        .order_by("-created_at", "-pk")
    )
    ctx = {
        "client": the_client,
        "quotes": quotes[:100],
        "offers": quotes.filter(status__in=OFFER_STATUSES)[:100],
        "products": accepted_products(request_group(request)),
        "documents": documents_section(request, the_client),
    }
    return render(request, "clients/detail.html", ctx)


@require_http_methods(["GET", "POST"])
def client_edit(request: HttpRequest, pk: int) -> HttpResponse:
    the_client = get_client_or_404(request.user, pk)
    form = ClientForm(request.POST or None, instance=the_client, language=request.LANGUAGE_CODE)
    if request.method == "POST" and form.is_valid():
        services.update_client(client=the_client, data=form.cleaned_data, by=request.user)
        messages.success(request, _("La fiche du client est enregistrée."))
        return redirect("client", pk=the_client.pk)
    status = 400 if form.is_bound else 200
    the_client.refresh_from_db()  # the form may have changed the instance it was given
    return render(request, "clients/edit.html", {"form": form, "client": the_client}, status=status)


@require_GET
def client_suggestions(request: HttpRequest) -> HttpResponse:
    """Step 1.1's suggestions while the name or the enterprise number is typed: links that
    reopen the step filled from the client (?client=), for the quote or the new one."""
    require_membership(request.user)
    limits.check(request, "client_search", target=request.user.email)
    typed = next(
        (v for k, v in request.GET.items() if k.endswith(("client_name", "enterprise_number"))),
        "",
    )
    typed = clean_text(typed, max_length=MAX_FILTER_LENGTH)
    target = _step_address(request)
    found: list[Client] = []
    if len(typed.strip()) >= 2:
        found = list(matching(visible_clients(request.user), typed)[:MAX_SUGGESTIONS])
    ctx = {"clients": found, "target": target, "typed": typed}
    return render(request, "clients/suggestions.html", ctx)


def _step_address(request: HttpRequest) -> str:
    if quote_id := id_param(request.GET.get("quote")):
        return reverse("quote_step", args=[quote_id, "activity"])
    code = request.GET.get("product", "")
    if PRODUCT_CODE.fullmatch(code):
        return reverse("quote_new", args=[code])
    raise Http404
