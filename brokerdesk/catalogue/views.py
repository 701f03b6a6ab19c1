from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from brokerdesk.access.catalogue import catalogue_products, get_product_or_404, group_integrations
from brokerdesk.access.offices import request_group, require_membership
from brokerdesk.catalogue import rules, services
from brokerdesk.catalogue.forms import NewGroupIntegrationForm, ProducerNumberForm
from brokerdesk.catalogue.models import Product
from brokerdesk.catalogue.selectors import insurer_first
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.offices.services import GroupNameTaken
from brokerdesk.sites.context_processors import site_insurer_id


def products(request: HttpRequest) -> HttpResponse:
    """The catalogue, with the access of the current sub-account to each product."""
    group = request_group(request)
    integrations = group_integrations(group)
    products = insurer_first(catalogue_products(), site_insurer_id(request))
    cards = [(p, integrations.get(p.pk)) for p in products]
    return render(request, "catalogue/products.html", {"cards": cards, "group": group})


@require_http_methods(["GET", "POST"])
def product(request: HttpRequest, code: str) -> HttpResponse:
    the_product = get_product_or_404(code)
    membership = require_membership(request.user)
    group = request_group(request)
    integration = group_integrations(group).get(the_product.pk)
    request_form = ProducerNumberForm(product=the_product, prefix="request")
    group_form = NewGroupIntegrationForm(
        product=the_product, office=membership.office, prefix="group"
    )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "new_group":
                group_form = NewGroupIntegrationForm(
                    request.POST, product=the_product, office=membership.office, prefix="group"
                )
                if group_form.is_valid():
                    try:
                        created = services.create_group_with_integration(
                            office=membership.office,
                            name=group_form.cleaned_data["name"],
                            product=the_product,
                            producer_number=group_form.cleaned_data["producer_number"],
                            requested_by=request.user,
                        )
                    except GroupNameTaken as error:  # the same name submitted twice at once
                        group_form.add_error("name", error.message)
                    else:
                        # The broker stays in the sub-account they work in: switching silently
                        # would file their next quotes under the new, not yet accepted, number.
                        messages.success(
                            request,
                            _(
                                "Le groupe « %(new)s » est créé et sa demande d'accès est "
                                "envoyée à la compagnie. Vous travaillez toujours dans le "
                                "sous-compte « %(current)s » : choisissez « %(new)s » dans le "
                                "menu des sous-comptes pour tarifer avec ce numéro de producteur."
                            )
                            % {"new": created.group.name, "current": group.name if group else "—"},
                        )
                        return redirect("product", code=the_product.code)
            elif group is not None:
                request_form = ProducerNumberForm(
                    request.POST, product=the_product, prefix="request"
                )
                if request_form.is_valid():
                    services.request_integration(
                        group=group,
                        product=the_product,
                        producer_number=request_form.cleaned_data["producer_number"],
                        requested_by=request.user,
                    )
                    return _requested(request, the_product)
        except RuleBroken as error:
            messages.error(request, error.message)
    ctx = {
        "product": the_product,
        "group": group,
        "integration": integration,
        "membership": membership,
        # What the page offers, from the rules (the template never decides it).
        "can_start_quote": integration is not None and integration.is_accepted,
        "can_request_access": rules.can_request_access(membership),
        "may_be_requested": rules.may_be_requested(integration),
        "request_form": request_form,
        "group_form": group_form,
    }
    return render(request, "catalogue/product.html", ctx)


def _requested(request: HttpRequest, product: Product) -> HttpResponse:
    messages.success(
        request,
        _(
            "Une demande d'accès est envoyée à la compagnie. Lorsqu'elle est acceptée, vous en "
            "serez informés par e-mail."
        ),
    )
    return redirect("product", code=product.code)
