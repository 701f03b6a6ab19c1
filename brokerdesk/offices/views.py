from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brokerdesk.access import tokens as access_tokens
from brokerdesk.access import webhooks as access_webhooks
from brokerdesk.access.offices import (
    get_group_or_404,
    get_invitation_or_404,
    get_member_or_404,
    get_office_group_or_404,
    get_switchable_group_or_404,
    invitation_for_token,
    office_groups,
    require_admin,
    require_membership,
    visible_members,
)
from brokerdesk.accounts import tokens as token_services
from brokerdesk.accounts.forms import ResetPasswordForm, SignupPersonalForm
from brokerdesk.lib import limits
from brokerdesk.lib.belgium import proposed_city
from brokerdesk.lib.formfields import MAX_FILTER_LENGTH
from brokerdesk.lib.htmx import render_page
from brokerdesk.lib.http import id_param
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.lib.text import clean_text
from brokerdesk.offices import rules, selectors, services
from brokerdesk.offices.forms import (
    GroupForm,
    InviteForm,
    MemberFilterForm,
    MemberForm,
    OfficeForm,
    WebhookForm,
)
from brokerdesk.offices.models import Group, Membership
from brokerdesk.sites.sso import signup_initial

# Sign-up: a new office and its first administrator


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Two steps in one form: "Personnel" is kept (hidden) while "Compte" is shown."""
    if request.user.is_authenticated:
        return redirect("home")
    language = request.LANGUAGE_CODE
    if request.method != "POST":
        ctx = {
            # Pre-filled after a sign-in with an insurer's single sign-on that knew nobody.
            "personal": SignupPersonalForm(prefix="p", initial=signup_initial(request)),
            "company": OfficeForm(prefix="c", language=language),
            "step": "personal",
        }
        return render(request, "offices/signup.html", ctx)

    action = request.POST.get("action")
    office_exists = False
    if action == "create":
        # Every attempt counts, also those refused for an address already taken.
        limits.check(request, "signup", target=request.POST.get("p-email", ""))
    personal = SignupPersonalForm(request.POST, prefix="p")
    company = OfficeForm(request.POST, prefix="c", language=language)
    typed_company = OfficeForm(initial=_typed(request, "c"), prefix="c", language=language)
    step = "personal"
    if action == "back":
        personal = SignupPersonalForm(initial=_typed(request, "p"), prefix="p")
        company = typed_company
    elif not personal.is_valid():
        company = typed_company
    elif action == "next":
        company, step = typed_company, "company"
    elif company.is_valid():
        try:
            user = services.sign_up(
                personal=personal.cleaned_data, company=company.cleaned_data, language=language
            )
        except services.OfficeExists as error:
            # The office's step again, with the way in: an invitation from its administrators.
            company.add_error("enterprise_number", error.message)
            step, office_exists = "company", True
        except RuleBroken as error:
            personal.add_error("email", error.message)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Votre compte est créé. Bienvenue sur brokerdesk !"))
            return redirect("home")
    else:
        step = "company"
    ctx = {"personal": personal, "company": company, "step": step, "office_exists": office_exists}
    return render(request, "offices/signup.html", ctx)


def _typed(request: HttpRequest, prefix: str) -> dict[str, Any]:
    """What the user typed in one step, to show it again without error messages."""
    return {k[len(prefix) + 1 :]: v for k, v in request.POST.items() if k.startswith(f"{prefix}-")}


# Sub-account switcher


@require_POST
def switch_group(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    group = get_switchable_group_or_404(membership, id_param(request.POST.get("group")))
    services.choose_group(membership=membership, group=group)
    # Back to the page the switcher was on: a local path only. Anything else ("quotes" would
    # be read as a URL name by redirect(), a foreign host is an open redirect) goes to the list.
    target = request.POST.get("next", "")
    if not (
        target.startswith("/") and url_has_allowed_host_and_scheme(target, {request.get_host()})
    ):
        target = reverse("quotes")
    return HttpResponseRedirect(target)


# Users


def users(request: HttpRequest) -> HttpResponse:
    """Everyone for administrators, who manage from here; colleagues for the others."""
    membership = require_membership(request.user)
    members = visible_members(membership)
    groups = office_groups(membership) if membership.is_admin else membership.groups.all()
    form = MemberFilterForm(request.GET or None, groups=groups)
    if form.is_valid():
        members = selectors.filter_members(members, form.cleaned_data)
    ctx = {
        "members": selectors.with_groups(members),
        "filters": form,
        "manage": membership.is_admin,
    }
    return render_page(request, "offices/users.html", ctx, fragment="table")


# The office ("Compte")


def account(request: HttpRequest) -> HttpResponse:
    admin = require_admin(request.user)
    ctx = {
        "office": admin.office,
        "members": selectors.with_groups(visible_members(admin))[:10],
        "member_count": visible_members(admin).count(),
        "groups": office_groups(admin),
        "manage": True,
    }
    return render(request, "offices/account.html", ctx)


@require_POST
def office_second_factor(request: HttpRequest) -> HttpResponse:
    admin = require_admin(request.user)
    required = request.POST.get("require_mfa") == "on"
    services.require_second_factor(office=admin.office, required=required, by=request.user)
    if required:
        messages.success(
            request,
            _("Tous les utilisateurs du bureau devront utiliser la double authentification."),
        )
    else:
        messages.success(
            request,
            _("La double authentification est demandée aux administrateurs seulement."),
        )
    return redirect("account")


@require_http_methods(["GET", "POST"])
def office_edit(request: HttpRequest) -> HttpResponse:
    admin = require_admin(request.user)
    form = OfficeForm(request.POST or None, instance=admin.office, language=request.LANGUAGE_CODE)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_office(office=admin.office, data=form.cleaned_data, by=request.user)
        except services.OfficeExists as error:
            form.add_error("enterprise_number", error.message)
        else:
            messages.success(request, _("Les informations du bureau sont enregistrées."))
            return redirect("account")
    return render(request, "offices/office_edit.html", {"form": form, "office": admin.office})


# Invitations


@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    admin = require_admin(request.user)
    office = admin.office
    preset = None
    if group_id := id_param(request.GET.get("group")):
        preset = get_group_or_404(admin, group_id)
    initial = {"language": request.LANGUAGE_CODE, "groups": [preset] if preset else []}
    form = InviteForm(request.POST or None, office=office, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        limits.check(request, "invitation", target=data["email"])
        try:
            services.invite(
                office=office,
                invited_by=request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                language=data["language"],
                role=data["role"],
                is_admin=data["is_admin"],
                groups=list(data["groups"]),
            )
        except RuleBroken as error:
            form.add_error("email", error.message)
        else:
            messages.success(
                request, _("Une invitation a été envoyée à %(email)s.") % {"email": data["email"]}
            )
            return redirect("group", pk=preset.pk) if preset else redirect("users")
    ctx = {"form": form, "office": office, "preset": preset}
    return render(request, "offices/invite.html", ctx)


@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    admin = require_admin(request.user)
    invitation = get_invitation_or_404(admin, pk)
    limits.check(request, "invitation", target=invitation.membership.user.email)
    try:
        services.resend_invitation(invitation=invitation, by=request.user)
    except RuleBroken as error:
        messages.error(request, error.message)
        return redirect("users")
    messages.success(
        request,
        _("L'invitation a été renvoyée à %(email)s.") % {"email": invitation.membership.user.email},
    )
    return redirect("users")


@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    admin = require_admin(request.user)
    invitation = get_invitation_or_404(admin, pk)
    email = invitation.membership.user.email
    try:
        services.revoke_invitation(invitation=invitation, by=request.user)
    except RuleBroken as error:
        messages.error(request, error.message)
        return redirect("users")
    messages.success(request, _("L'invitation de %(email)s est révoquée.") % {"email": email})
    return redirect("users")


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Opening the link shows the form; only the POST (never a mail scanner) uses the token."""
    invitation = invitation_for_token(token)
    if (
        invitation is None
        or invitation.is_expired
        or not rules.is_pending_invitation(invitation.membership)
    ):
        return render(request, "offices/invitation_invalid.html", status=404)
    user = invitation.membership.user
    translation.activate(user.language)  # the language the administrator chose for them
    form = ResetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(
                token=token, password=form.cleaned_data["new_password1"]
            )
        except services.InvitationInvalid:
            return render(request, "offices/invitation_invalid.html", status=404)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Bienvenue sur brokerdesk !"))
        return redirect("home")
    ctx = {"form": form, "invitation": invitation, "office": invitation.membership.office}
    return render(request, "offices/accept_invitation.html", ctx)


# One user


def member(request: HttpRequest, pk: int) -> HttpResponse:
    admin = require_admin(request.user)
    target = get_member_or_404(admin, pk)
    return _member_page(request, admin, target, MemberForm(instance=target))


@require_POST
def member_update(request: HttpRequest, pk: int) -> HttpResponse:
    admin = require_admin(request.user)
    target = get_member_or_404(admin, pk)
    form = MemberForm(request.POST, instance=target)
    if not form.is_valid():
        return _member_page(request, admin, target, form, status=400)
    try:
        services.update_member(
            membership=target,
            is_admin=form.cleaned_data["is_admin"],
            role=form.cleaned_data["role"],
            groups=list(form.cleaned_data["groups"]),
            by=request.user,
        )
    except RuleBroken as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Les droits de l'utilisateur sont enregistrés."))
    return redirect("member", pk=target.pk)


def _member_page(
    request: HttpRequest, admin: Membership, target: Membership, form: MemberForm, status: int = 200
) -> HttpResponse:
    target.refresh_from_db()
    ctx = {
        "office": admin.office,
        "member": target,
        "member_groups": selectors.with_integrations(target.groups.all()),
        "other_groups": selectors.groups_without(office_groups(admin), target),
        "form": form,
        # The status buttons, from the rules (an invited member has none: see the list).
        "can_deactivate": rules.can_deactivate(target),
        "can_reactivate": rules.can_reactivate(target),
    }
    return render(request, "offices/member.html", ctx, status=status)


@require_POST
def member_status(request: HttpRequest, pk: int) -> HttpResponse:
    admin = require_admin(request.user)
    target = get_member_or_404(admin, pk)
    action = request.POST.get("action")
    if action not in ("deactivate", "reactivate"):
        raise SuspiciousOperation("Unknown member status action")  # answered 400
    try:
        # The service checks the member's current status (an invited member is not
        # deactivated, only a deactivated one is reactivated), whatever was posted.
        if action == "deactivate":
            services.deactivate_member(membership=target, by=request.user)
            messages.success(request, _("Le compte est désactivé."))
        else:
            services.reactivate_member(membership=target, by=request.user)
            messages.success(request, _("Le compte est réactivé."))
    except RuleBroken as error:
        messages.error(request, error.message)
    return redirect("member", pk=target.pk)


@require_POST
def member_add_group(request: HttpRequest, pk: int) -> HttpResponse:
    admin = require_admin(request.user)
    target = get_member_or_404(admin, pk)
    group = get_group_or_404(admin, id_param(request.POST.get("group")))
    _add_to_group(request, target, group)
    return redirect("member", pk=target.pk)


def _add_to_group(request: HttpRequest, target: Membership, group: Group) -> None:
    services.add_to_group(membership=target, group=group, by=request.user)
    messages.success(
        request,
        _("%(name)s fait désormais partie du groupe %(group)s.")
        % {"name": target.user, "group": group},
    )


@require_POST
def member_remove_group(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    admin = require_admin(request.user)
    target = get_member_or_404(admin, pk)
    group = get_group_or_404(admin, group_pk)
    try:
        services.remove_from_group(membership=target, group=group, by=request.user)
    except RuleBroken as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s ne fait plus partie du groupe %(group)s.")
            % {"name": target.user, "group": group},
        )
    return redirect("member", pk=target.pk)


# Groups


def groups(request: HttpRequest) -> HttpResponse:
    admin = require_admin(request.user)
    ctx = {"office": admin.office, "groups": selectors.with_integrations(office_groups(admin))}
    return render(request, "offices/groups.html", ctx)


@require_http_methods(["GET", "POST"])
def group_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    admin = require_admin(request.user)
    group = get_group_or_404(admin, pk) if pk else None
    form = GroupForm(
        request.POST or None,
        request.FILES or None,
        instance=group,
        office=admin.office,
        language=request.LANGUAGE_CODE,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_group(
                office=admin.office, group=group, data=form.cleaned_data, by=request.user
            )
        except services.GroupNameTaken as error:  # the same name submitted twice at once
            form.add_error("name", error.message)
        else:
            messages.success(request, _("Le groupe %(name)s est enregistré.") % {"name": saved})
            return redirect("group", pk=saved.pk)
    return render(
        request, "offices/group_form.html", {"form": form, "group": group, "office": admin.office}
    )


def group(request: HttpRequest, pk: int) -> HttpResponse:
    admin = require_admin(request.user)
    the_group = get_group_or_404(admin, pk)
    q = clean_text(request.GET.get("q", ""), max_length=MAX_FILTER_LENGTH).strip()
    ctx = {
        "office": admin.office,
        "group": the_group,
        "members": selectors.with_groups(the_group.memberships.all()),
        "candidates": selectors.candidates(visible_members(admin), the_group, q),
        "manage": True,
        "q": q,
    }
    return render_page(request, "offices/group.html", ctx, fragment="picker")


@require_POST
def group_add_member(request: HttpRequest, pk: int) -> HttpResponse:
    admin = require_admin(request.user)
    the_group = get_group_or_404(admin, pk)
    target = get_member_or_404(admin, id_param(request.POST.get("member")))
    _add_to_group(request, target, the_group)
    return redirect("group", pk=the_group.pk)


@require_POST
def group_delete(request: HttpRequest, pk: int) -> HttpResponse:
    admin = require_admin(request.user)
    the_group = get_group_or_404(admin, pk)
    try:
        services.delete_group(group=the_group, by=request.user)
    except RuleBroken as error:
        messages.error(request, error.message)
        return redirect("group", pk=the_group.pk)
    messages.success(request, _("Le groupe %(name)s est supprimé.") % {"name": the_group})
    return redirect("groups")


def group_logo(request: HttpRequest, pk: int) -> HttpResponse:
    """Logos are served to the members of the office only, never as public media."""
    the_group = get_office_group_or_404(require_membership(request.user), pk)
    if not the_group.logo:
        raise Http404
    response = FileResponse(the_group.logo.open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_not_required
@require_GET
def city(request: HttpRequest) -> HttpResponse:
    """The Ville input, proposed from the postal code unless the user typed one already."""
    prefix = next((k[: -len("postal_code")] for k in request.GET if k.endswith("postal_code")), "")
    code = request.GET.get(f"{prefix}postal_code", "")
    typed = request.GET.get(f"{prefix}city", "").strip()
    proposed = proposed_city(code, typed, request.LANGUAGE_CODE)
    ctx = {"name": f"{prefix}city", "value": proposed}
    return render(request, "offices/city_input.html", ctx)


# API tokens of the office's users


def office_tokens(request: HttpRequest) -> HttpResponse:
    """An administrator answers for the office's integrations: every user's tokens."""
    admin = require_admin(request.user)
    tokens = access_tokens.office_tokens(admin).order_by("user__last_name", "-created_at")
    return render(request, "offices/tokens.html", {"tokens": tokens})


@require_POST
def office_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = access_tokens.get_office_token_or_404(require_admin(request.user), pk)
    token_services.revoke_token(token=token, by=request.user)
    messages.success(request, _("Le jeton « %(name)s » est révoqué.") % {"name": token.name})
    return redirect("office_tokens")


# Webhooks


@require_http_methods(["GET", "POST"])
def webhooks(request: HttpRequest) -> HttpResponse:
    """The office's webhook endpoints and their latest deliveries; a new endpoint's secret is
    shown on this answer (and to administrators on this page, to check signatures)."""
    admin = require_admin(request.user)
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_webhook(
            office=admin.office,
            url=form.cleaned_data["url"],
            events=form.cleaned_data["events"],
            by=request.user,
        )
        messages.success(request, _("Le webhook est enregistré."))
        return redirect("webhooks")
    ctx = {
        "form": form,
        "endpoints": access_webhooks.office_endpoints(admin),
        "deliveries": access_webhooks.office_deliveries(admin)[:50],
    }
    return render(request, "offices/webhooks.html", ctx, status=400 if form.errors else 200)


@require_POST
def webhook_delete(request: HttpRequest, pk: int) -> HttpResponse:
    admin = require_admin(request.user)
    services.remove_webhook(
        endpoint=access_webhooks.get_endpoint_or_404(admin, pk), by=request.user
    )
    messages.success(request, _("Le webhook est supprimé."))
    return redirect("webhooks")


@require_POST
def webhook_resend(request: HttpRequest, pk: str) -> HttpResponse:
    admin = require_admin(request.user)
    delivery = access_webhooks.get_delivery_or_404(admin, pk)
    services.resend_webhook(delivery=delivery, by=request.user)
    messages.success(request, _("L'événement sera envoyé à nouveau."))
    return redirect("webhooks")
