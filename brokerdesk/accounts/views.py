from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from brokerdesk.access.tokens import allowed_scopes, get_own_token_or_404, own_tokens
from brokerdesk.accounts import services
from brokerdesk.accounts import tokens as token_services
from brokerdesk.accounts.forms import (
    AccessTokenForm,
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    ProfileForm,
    ResetPasswordForm,
)
from brokerdesk.lib import limits
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.security import services as security


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


login_view = login_not_required(LoginView.as_view())


def locked_out(request: HttpRequest, credentials: Any = None, *args: Any) -> HttpResponse:
    """Shown by django-axes while a user and address are cooling off after failed logins."""
    form = LoginForm(request, data=request.POST or None)
    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    message = _(
        "Trop de tentatives de connexion. Réessayez dans %(minutes)s minutes "
        "ou réinitialisez votre mot de passe."
    ) % {"minutes": minutes}
    ctx = {"form": form, "locked_message": message}
    return render(request, "accounts/login.html", ctx, status=429)


@login_not_required
def terms(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/terms.html")


@login_not_required
@require_http_methods(["GET", "POST"])
def forgot_password(request: HttpRequest) -> HttpResponse:
    form = ForgotPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        limits.check(request, "password_reset", target=form.cleaned_data["email"])
        services.request_password_reset(email=form.cleaned_data["email"])
        return redirect("password_reset_sent")
    return render(request, "accounts/forgot_password.html", {"form": form})


@login_not_required
def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html")


reset_password = login_not_required(
    auth_views.PasswordResetConfirmView.as_view(
        form_class=ResetPasswordForm,
        template_name="accounts/reset_password.html",
        success_url=reverse_lazy("password_reset_complete"),
    )
)


@login_not_required
def password_reset_complete(request: HttpRequest) -> HttpResponse:
    messages.success(request, _("Votre mot de passe a été modifié. Vous pouvez vous connecter."))
    return redirect("login")


@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    profile_form = ProfileForm(instance=user)
    password_form = ChangePasswordForm(user)
    if request.method == "POST" and "save_profile" in request.POST:
        profile_form = ProfileForm(request.POST, instance=user)
        if profile_form.is_valid():
            data = profile_form.cleaned_data
            # The address itself changes only once the link sent to it is used.
            user.email = profile_form.initial["email"]
            sent = services.update_profile(
                user=user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                language=data["language"],
                email=data["email"],
            )
            translation.activate(user.language)  # confirm in the language just chosen
            if sent:
                messages.info(
                    request,
                    _(
                        "Un lien de confirmation a été envoyé à %(email)s. Votre adresse changera "
                        "lorsque vous l'aurez utilisé."
                    )
                    % {"email": data["email"]},
                )
            messages.success(request, _("Votre profil est enregistré."))
            return redirect("profile")
    elif request.method == "POST" and "change_password" in request.POST:
        password_form = ChangePasswordForm(user, request.POST)
        if password_form.is_valid():
            services.change_password(form=password_form)
            # Keep this session; every other session of the user ends with the old hash.
            update_session_auth_hash(request, password_form.user)
            messages.success(request, _("Votre mot de passe est mis à jour."))
            return redirect("profile")
    ctx = {
        "profile_form": profile_form,
        "password_form": password_form,
        "second_factor": security.has_second_factor(user),
    }
    return render(request, "accounts/profile.html", ctx)


@login_not_required
@require_http_methods(["GET", "POST"])
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    found = services.user_for_email_token(token)
    if found is None:
        return render(request, "accounts/confirm_email.html", {"invalid": True}, status=400)
    user, new_email = found
    # Mail scanners open links: only the button (a POST) changes the address.
    if request.method == "POST":
        try:
            services.confirm_email_change(user=user, new_email=new_email)
        except RuleBroken:
            return render(request, "accounts/confirm_email.html", {"taken": True}, status=409)
        messages.success(
            request, _("Votre adresse e-mail est maintenant %(email)s.") % {"email": new_email}
        )
        return redirect("profile" if request.user.is_authenticated else "login")
    return render(request, "accounts/confirm_email.html", {"new_email": new_email})


# API tokens


@require_http_methods(["GET", "POST"])
@never_cache
def tokens(request: HttpRequest) -> HttpResponse:
    """The user's API tokens; a new one's secret is shown on this answer only, never again."""
    user = request.user
    form = AccessTokenForm(request.POST or None, scopes=allowed_scopes(user))
    secret = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            expires_on = data["expires_on"]
            expires_at = (
                timezone.make_aware(datetime.combine(expires_on, time.max)) if expires_on else None
            )
            _token, secret = token_services.create_token(
                user=user, name=data["name"], scopes=data["scopes"], expires_at=expires_at
            )
            form = AccessTokenForm(scopes=allowed_scopes(user))
            status = 201
        else:
            status = 400
    ctx = {"form": form, "secret": secret, "tokens": own_tokens(user)}
    return render(request, "accounts/tokens.html", ctx, status=status)


@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_own_token_or_404(request.user, pk)
    token_services.revoke_token(token=token, by=request.user)
    messages.success(request, _("Le jeton « %(name)s » est révoqué.") % {"name": token.name})
    return redirect("tokens")
