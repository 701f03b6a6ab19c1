from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from brokerdesk.access.offices import get_member_or_404, require_admin
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.privacy import services


@login_not_required
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/privacy.html")


@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    data = services.user_data(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    name = f"brokerdesk-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def erase_member(request: HttpRequest, pk: int) -> HttpResponse:
    admin = require_admin(request.user)
    target = get_member_or_404(admin, pk)
    try:
        services.erase_member(membership=target, by=request.user)
    except RuleBroken as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Les données personnelles de l'ancien collaborateur sont effacées.")
        )
    return redirect("member", pk=target.pk)
