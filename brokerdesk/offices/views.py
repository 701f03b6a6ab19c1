from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brokerdesk.accounts.forms import ResetPasswordForm
from brokerdesk.lib.belgium import municipality
from brokerdesk.offices import access, services
from brokerdesk.offices.forms import (
    GroupForm,
    InviteForm,
    MemberFilterForm,
    MemberForm,
    OfficeForm,
)
from brokerdesk.offices.models import Group, Membership


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


def _with_groups(members: QuerySet[Membership]) -> QuerySet[Membership]:
    return (
        members.select_related("user", "invitation")
        .prefetch_related(
            Prefetch("groups", queryset=Group.objects.order_by("name")),
            "groups__integrations__product",
        )
        .order_by("user__last_name", "user__first_name")
    )


def _with_integrations(groups: QuerySet[Group]) -> QuerySet[Group]:
    return groups.annotate(member_count=Count("memberships", distinct=True)).prefetch_related(
        "integrations__product"
    )


# Sub-account switcher


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


# Users


def users(request: HttpRequest) -> HttpResponse:
    """Everyone for administrators, who manage from here; colleagues for the others."""
    membership = access.require_membership(request.user)
    members = access.visible_members(membership)
    groups = access.office_groups(membership) if membership.is_admin else membership.groups.all()
    form = MemberFilterForm(request.GET or None, groups=groups)
    if form.is_valid():
        members = _filter_members(members, form.cleaned_data)
    ctx = {"members": _with_groups(members), "filters": form, "manage": membership.is_admin}
    template = "offices/users.html#table" if request.htmx else "offices/users.html"
    return render(request, template, ctx)


def _filter_members(members: QuerySet[Membership], data: dict) -> QuerySet[Membership]:
    if q := data.get("q", "").strip():
        for word in q.split():
            members = members.filter(
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(user__email__icontains=word)
            )
    if data.get("group"):
        members = members.filter(groups=data["group"])
    if data.get("role") == "admin":
        members = members.filter(is_admin=True)
    elif data.get("role"):
        members = members.filter(role=data["role"], is_admin=False)
    if data.get("status"):
        members = members.filter(status=data["status"])
    return members.distinct()


# The office ("Compte")


def account(request: HttpRequest) -> HttpResponse:
    admin = access.require_admin(request.user)
    ctx = {
        "office": admin.office,
        "members": _with_groups(access.visible_members(admin))[:10],
        "member_count": access.visible_members(admin).count(),
        "groups": access.office_groups(admin),
        "manage": True,
    }
    return render(request, "offices/account.html", ctx)


@require_http_methods(["GET", "POST"])
def office_edit(request: HttpRequest) -> HttpResponse:
    admin = access.require_admin(request.user)
    form = OfficeForm(request.POST or None, instance=admin.office, language=get_language()[:2])
    if request.method == "POST" and form.is_valid():
        services.update_office(office=admin.office, data=form.cleaned_data, by=request.user)
        messages.success(request, _("Les informations du bureau sont enregistrées."))
        return redirect("account")
    return render(request, "offices/office_edit.html", {"form": form, "office": admin.office})


# Invitations


@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    admin = access.require_admin(request.user)
    office = admin.office
    preset = None
    if group_id := _int(request.GET.get("group")):
        preset = access.get_group_or_404(admin, group_id)
    initial = {"language": get_language()[:2], "groups": [preset] if preset else []}
    form = InviteForm(request.POST or None, office=office, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
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
        except services.EmailTaken as error:
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
    admin = access.require_admin(request.user)
    invitation = access.get_invitation_or_404(admin, pk)
    services.resend_invitation(invitation=invitation, by=request.user)
    messages.success(
        request,
        _("L'invitation a été renvoyée à %(email)s.") % {"email": invitation.membership.user.email},
    )
    return redirect("users")


@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    admin = access.require_admin(request.user)
    invitation = access.get_invitation_or_404(admin, pk)
    email = invitation.membership.user.email
    services.revoke_invitation(invitation=invitation, by=request.user)
    messages.success(request, _("L'invitation de %(email)s est révoquée.") % {"email": email})
    return redirect("users")


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Opening the link shows the form; only the POST (never a mail scanner) uses the token."""
    invitation = access.invitation_for_token(token)
    if invitation is None or invitation.is_expired:
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
    admin = access.require_admin(request.user)
    target = access.get_member_or_404(admin, pk)
    return _member_page(request, admin, target, MemberForm(instance=target))


@require_POST
def member_update(request: HttpRequest, pk: int) -> HttpResponse:
    admin = access.require_admin(request.user)
    target = access.get_member_or_404(admin, pk)
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
    except services.OfficeRuleBroken as error:
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
        "member_groups": _with_integrations(target.groups.all()),
        "other_groups": access.office_groups(admin).exclude(pk__in=target.groups.all()),
        "form": form,
    }
    return render(request, "offices/member.html", ctx, status=status)


@require_POST
def member_status(request: HttpRequest, pk: int) -> HttpResponse:
    admin = access.require_admin(request.user)
    target = access.get_member_or_404(admin, pk)
    try:
        if request.POST.get("action") == "deactivate":
            services.deactivate_member(membership=target, by=request.user)
            messages.success(request, _("L'utilisateur est désactivé."))
        elif target.status == Membership.Status.DEACTIVATED:
            services.reactivate_member(membership=target, by=request.user)
            messages.success(request, _("L'utilisateur est réactivé."))
    except services.OfficeRuleBroken as error:
        messages.error(request, error.message)
    return redirect("member", pk=target.pk)


@require_POST
def member_add_group(request: HttpRequest, pk: int) -> HttpResponse:
    admin = access.require_admin(request.user)
    target = access.get_member_or_404(admin, pk)
    group = access.get_group_or_404(admin, _int(request.POST.get("group")))
    _add_to_group(request, target, group)
    return redirect("member", pk=target.pk)


def _add_to_group(request: HttpRequest, target: Membership, group: Group) -> None:
    services.add_to_group(membership=target, group=group, by=request.user)
    messages.success(
        request,
        _("%(name)s est ajouté au groupe %(group)s.") % {"name": target.user, "group": group},
    )


@require_POST
def member_remove_group(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    admin = access.require_admin(request.user)
    target = access.get_member_or_404(admin, pk)
    group = access.get_group_or_404(admin, group_pk)
    try:
        services.remove_from_group(membership=target, group=group, by=request.user)
    except services.OfficeRuleBroken as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s est retiré du groupe %(group)s.") % {"name": target.user, "group": group},
        )
    return redirect("member", pk=target.pk)


# Groups


def groups(request: HttpRequest) -> HttpResponse:
    admin = access.require_admin(request.user)
    office_groups = _with_integrations(access.office_groups(admin))
    return render(request, "offices/groups.html", {"office": admin.office, "groups": office_groups})


@require_http_methods(["GET", "POST"])
def group_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    admin = access.require_admin(request.user)
    group = access.get_group_or_404(admin, pk) if pk else None
    form = GroupForm(
        request.POST or None,
        request.FILES or None,
        instance=group,
        office=admin.office,
        language=get_language()[:2],
    )
    if request.method == "POST" and form.is_valid():
        saved = services.save_group(
            office=admin.office, group=group, data=form.cleaned_data, by=request.user
        )
        messages.success(request, _("Le groupe %(name)s est enregistré.") % {"name": saved})
        return redirect("group", pk=saved.pk)
    return render(
        request, "offices/group_form.html", {"form": form, "group": group, "office": admin.office}
    )


def group(request: HttpRequest, pk: int) -> HttpResponse:
    admin = access.require_admin(request.user)
    the_group = access.get_group_or_404(admin, pk)
    members = _with_groups(the_group.memberships.all())
    candidates = access.visible_members(admin).exclude(groups=the_group)
    if q := request.GET.get("q", "").strip():
        candidates = _filter_members(candidates, {"q": q})
    candidates = candidates.select_related("user").order_by("user__last_name")[:20]
    ctx = {
        "office": admin.office,
        "group": the_group,
        "members": members,
        "candidates": candidates,
        "manage": True,
        "q": q,
    }
    template = "offices/group.html#picker" if request.htmx else "offices/group.html"
    return render(request, template, ctx)


@require_POST
def group_add_member(request: HttpRequest, pk: int) -> HttpResponse:
    admin = access.require_admin(request.user)
    the_group = access.get_group_or_404(admin, pk)
    target = access.get_member_or_404(admin, _int(request.POST.get("member")))
    _add_to_group(request, target, the_group)
    return redirect("group", pk=the_group.pk)


@require_POST
def group_delete(request: HttpRequest, pk: int) -> HttpResponse:
    admin = access.require_admin(request.user)
    the_group = access.get_group_or_404(admin, pk)
    try:
        services.delete_group(group=the_group, by=request.user)
    except services.OfficeRuleBroken as error:
        messages.error(request, error.message)
        return redirect("group", pk=the_group.pk)
    messages.success(request, _("Le groupe %(name)s est supprimé.") % {"name": the_group})
    return redirect("groups")


def group_logo(request: HttpRequest, pk: int) -> HttpResponse:
    """Logos are served to the members of the office only, never as public media."""
    membership = access.require_membership(request.user)
    the_group = access.office_groups(membership).filter(pk=pk).first()
    if the_group is None or not the_group.logo:
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
    proposed = typed or municipality(code, get_language()[:2]) or ""
    ctx = {"name": f"{prefix}city", "value": proposed}
    return render(request, "offices/city_input.html", ctx)
