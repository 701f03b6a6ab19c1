from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from brokerdesk.catalogue.models import Integration
from brokerdesk.offices import access


def home(request: HttpRequest) -> HttpResponse:
    if access.insurer_staff_for(request.user) is not None:
        return redirect("backoffice")
    return redirect("quotes")


def quotes(request: HttpRequest) -> HttpResponse:
    membership = access.membership_for(request.user)
    group = access.current_group(membership) if membership else None
    accepted = [
        i
        for i in (access.group_integrations(group).values() if group else [])
        if i.status == Integration.Status.ACCEPTED
    ]
    return render(request, "quotes/list.html", {"accepted": accepted})


def new(request: HttpRequest, code: str) -> HttpResponse:
    """ "+ Nouveau" works only in a sub-account whose access to the product is accepted."""
    product = access.get_product_or_404(code)
    membership = access.require_membership(request.user)
    group = access.current_group(membership)
    integration = access.group_integrations(group).get(product.pk) if group else None
    ctx = {"product": product, "group": group, "integration": integration}
    status = 200 if integration is not None and integration.is_accepted else 403
    return render(request, "quotes/new.html", ctx, status=status)


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    return render(request, "quotes/search.html", {"query": query})
