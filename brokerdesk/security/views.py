from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from brokerdesk.lib import limits
from brokerdesk.security import services
from brokerdesk.security.forms import CodeForm
from brokerdesk.security.policy import second_factor_required


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}) and target.startswith("/"):
        return target
    return "/"


@never_cache
@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    """The second step of the login: a code of the authenticator app, or a recovery code."""
    user = request.user
    if services.is_verified(request) or not services.has_second_factor(user):
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        limits.check(request, "mfa", target=user.email)
        if services.throttled(user):
            form.add_error("code", _("Trop d'essais. Attendez un instant avant de réessayer."))
            status = 429
        elif services.verify(user=user, code=form.cleaned_data["code"]):
            request.session.cycle_key()  # a new session id for the fully logged-in session
            services.mark_verified(request)
            return redirect(_next(request))
        else:
            form.add_error("code", _("Ce code n'est pas valable. Réessayez."))
    ctx = {"form": form, "next": _next(request)}
    return render(request, "security/verify.html", ctx, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def mfa_setup(request: HttpRequest) -> HttpResponse:
    """Set up (or replace) the authenticator app, renew recovery codes, or turn it off."""
    user = request.user
    enrolled = services.has_second_factor(user)
    if enrolled and not services.is_verified(request):
        return redirect("mfa_verify")
    required = second_factor_required(user)
    action = request.POST.get("action", "")
    form = CodeForm(request.POST if action in ("enrol", "disable") else None)
    if action == "codes" and enrolled:
        codes = services.new_recovery_codes(user=user)
        return render(request, "security/recovery_codes.html", {"codes": codes, "next": "/"})
    if action == "disable" and enrolled and not required and form.is_valid():
        limits.check(request, "mfa", target=user.email)
        if services.verify(user=user, code=form.cleaned_data["code"]):
            services.disable(user=user, by=user)
            return redirect("profile")
        form.add_error("code", _("Ce code n'est pas valable. Réessayez."))
    if not enrolled or request.GET.get("new") or action == "enrol":
        device = services.pending_device(user)
        if action == "enrol" and form.is_valid():
            limits.check(request, "mfa", target=user.email)
            codes = services.confirm_enrolment(
                user=user, device=device, code=form.cleaned_data["code"]
            )
            if codes is not None:
                services.mark_verified(request)
                ctx = {"codes": codes, "next": _next(request), "enrolled": True}
                return render(request, "security/recovery_codes.html", ctx)
            form.add_error("code", _("Ce code n'est pas valable. Réessayez."))
        ctx = {
            "form": form,
            "qr": services.qr_svg(device),
            "secret": services.secret_of(device),
            "required": required,
            "replacing": enrolled,
            "next": _next(request),
        }
        return render(request, "security/enrol.html", ctx)
    ctx = {
        "form": form,
        "required": required,
        "codes_left": services.recovery_codes_left(user),
    }
    return render(request, "security/status.html", ctx)
