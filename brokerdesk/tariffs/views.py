"""The insurer's "Tarifs" pages: upload, compare, activate and audit tariff versions."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brokerdesk.access.catalogue import require_insurer_staff
from brokerdesk.access.quotes import visible_quotes
from brokerdesk.access.tariffs import (
    get_tariff_version_or_404,
    insurer_products,
    insurer_tariff_versions,
)
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.quotes.pricing import contract
from brokerdesk.tariffs import registry, services
from brokerdesk.tariffs.forms import ActivateForm, UploadForm
from rating.compare import compare, golden_cases

# Recent quotes priced on the product, compared between two versions (anonymised: only the
# engine's input, never a name or an address).
SAMPLE_SIZE = 50


@require_http_methods(["GET", "POST"])
def tariffs(request: HttpRequest) -> HttpResponse:
    staff = require_insurer_staff(request.user)
    products = insurer_products(staff)
    form = UploadForm(request.POST or None, request.FILES or None, products=products)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            version = services.upload(
                product=form.cleaned_data["product"],
                source=form.cleaned_data["file"],
                by=request.user,
            )
        except services.TariffInvalid as error:
            problems = error.problems
            messages.error(request, error.message)
        except RuleBroken as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, _("La version %(v)s est déposée.") % {"v": version.version})
            return redirect("tariff", pk=version.pk)
    today = timezone.localdate()
    catalogue = []
    for product in products:
        current = registry.in_force(product, today)
        versions = [
            (version, version.state(today, current.pk if current else None))
            for version in insurer_tariff_versions(staff).filter(product=product)
        ]
        catalogue.append({"product": product, "current": current, "versions": versions})
    ctx = {"form": form, "problems": problems, "catalogue": catalogue}
    status = 400 if form.is_bound and (form.errors or problems) else 200
    return render(request, "tariffs/list.html", ctx, status=status)


@require_GET
def tariff(request: HttpRequest, pk: int) -> HttpResponse:
    staff = require_insurer_staff(request.user)
    version = get_tariff_version_or_404(staff, pk)
    today = timezone.localdate()
    current = registry.in_force(version.product, today)
    before = registry.parsed(current) if current else registry.tariff_for(version.product, today)
    answers = (
        visible_quotes(request.user)
        .select_related(None)
        .filter(product=version.product, breakdown__isnull=False)
        .order_by("-updated_at")
        .values_list("answers", flat=True)[:SAMPLE_SIZE]
    )
    recent = [
        (_("Demande récente %(n)s") % {"n": n}, contract(one)) for n, one in enumerate(answers, 1)
    ]
    ctx = {
        "version": version,
        "state": version.state(today, current.pk if current else None),
        "before_name": before.version,
        "comparison": compare(before, registry.parsed(version), [*golden_cases(), *recent]),
        "activate_form": ActivateForm(),
        "deletable": not services.is_used(version),
    }
    return render(request, "tariffs/version.html", ctx)


@require_POST
def activate(request: HttpRequest, pk: int) -> HttpResponse:
    staff = require_insurer_staff(request.user)
    version = get_tariff_version_or_404(staff, pk)
    form = ActivateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez une date d'entrée en vigueur valide."))
        return redirect("tariff", pk=version.pk)
    try:
        services.activate(
            version=version, effective_from=form.cleaned_data["effective_from"], by=request.user
        )
    except RuleBroken as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("La version est activée."))
    return redirect("tariff", pk=version.pk)


@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    staff = require_insurer_staff(request.user)
    version = get_tariff_version_or_404(staff, pk)
    try:
        services.delete(version=version, by=request.user)
    except RuleBroken as error:
        messages.error(request, error.message)
        return redirect("tariff", pk=version.pk)
    messages.success(request, _("La version est supprimée."))
    return redirect("tariffs")


@require_GET
def source(request: HttpRequest, pk: int) -> HttpResponse:
    staff = require_insurer_staff(request.user)
    version = get_tariff_version_or_404(staff, pk)
    response = HttpResponse(version.source, content_type="application/toml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{version.version}.toml"'
    return response
