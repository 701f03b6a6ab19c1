from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from brokerdesk.lib.belgium import municipality
from brokerdesk.offices import access


@require_POST
def switch_group(request: HttpRequest) -> HttpResponse:
    membership = access.require_membership(request.user)
    group = access.get_switchable_group_or_404(membership, _int(request.POST.get("group")))
    membership.current_group = group
    membership.save(update_fields=["current_group"])
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "quotes"
    return redirect(target)


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


def users(request: HttpRequest) -> HttpResponse:
    membership = access.require_membership(request.user)
    return render(request, "offices/users.html", {"membership": membership})


def account(request: HttpRequest) -> HttpResponse:
    membership = access.require_membership(request.user)
    return render(request, "offices/account.html", {"office": membership.office})


@login_not_required
@require_GET
def city(request: HttpRequest) -> HttpResponse:
    """The Ville input, proposed from the postal code unless the user typed one already."""
    prefix = next((k[: -len("postal_code")] for k in request.GET if k.endswith("postal_code")), "")
    code = request.GET.get(f"{prefix}postal_code", "")
    typed = request.GET.get(f"{prefix}city", "").strip()
    proposed = typed or municipality(code, get_language()[:2]) or ""
    ctx = {"name": f"{prefix}city", "value": proposed}
    return render(request, "offices/city_input.html", ctx)
