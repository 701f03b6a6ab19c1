"""Personal data (GDPR): what a person takes away, and erasure that keeps the office's records.

A departed collaborator's quotes stay with the office (they are the office's business records)
under the name "Ancien collaborateur"; their audit entries stay too, with nothing left in them
that names the person. An office that leaves is exported, then erased entirely.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brokerdesk.accounts.models import User
from brokerdesk.audit.log import record
from brokerdesk.audit.models import AuditEvent
from brokerdesk.catalogue.models import Integration
from brokerdesk.clients.models import Client
from brokerdesk.documents.models import Document
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.notifications.models import Notification
from brokerdesk.offers.models import OfferVersion
from brokerdesk.offices.models import Invitation, Membership, Office
from brokerdesk.quotes.models import Quote
from brokerdesk.sites.models import SsoIdentity
from brokerdesk.submissions.models import Attachment
from brokerdesk.support.models import Ticket

ERASED = "—"


class StillActive(RuleBroken):
    message = _(
        "Désactivez d'abord cet utilisateur : seules les données d'un ancien collaborateur "
        "peuvent être effacées."
    )


def _fields(obj: Model, *names: str) -> dict[str, Any]:
    values = {name: getattr(obj, name) for name in names}
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in values.items()}


def user_data(user: User) -> dict[str, Any]:
    """Everything the portal keeps about a person, as they may download it from their profile."""
    membership = Membership.objects.filter(user=user).select_related("office").first()
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "account": _fields(
            user,
            "first_name",
            "last_name",
            "email",
            "pending_email",
            "language",
            "date_joined",
            "last_login",
        ),
        "office": None,
        "quotes_created": [
            _fields(q, "reference", "client_name", "status", "created_at")
            for q in Quote.objects.filter(created_by=user).order_by("created_at")
        ],
        "activity": [
            _fields(e, "created_at", "action", "target_type", "target_id")
            for e in AuditEvent.objects.filter(actor=user).order_by("created_at")
        ],
        "support_tickets": [
            _fields(t, "created_at", "email", "message", "page", "status")
            for t in Ticket.objects.filter(user=user).order_by("created_at")
        ],
        "single_sign_on": [
            {"site": i.site.name, **_fields(i, "subject", "producer_number", "last_login_at")}
            for i in SsoIdentity.objects.filter(user=user).select_related("site")
        ],
        "documents_uploaded": [
            _fields(d, "name", "kind", "size", "uploaded_at")
            for d in Document.objects.filter(uploaded_by=user).order_by("uploaded_at")
        ],
        "notifications": [
            _fields(n, "kind", "params", "url", "created_at", "read_at")
            for n in Notification.objects.filter(user=user).order_by("created_at")
        ],
    }
    if membership is not None:
        data["office"] = {
            "name": membership.office.name,
            "enterprise_number": membership.office.enterprise_number,
            "groups": sorted(g.name for g in membership.groups.all()),
            **_fields(membership, "is_admin", "role", "status", "invited_at"),
        }
    return data


def _scrub(value: Any, secrets: list[str]) -> Any:
    """The value with every occurrence of the person's name or address replaced."""
    if isinstance(value, dict):
        return {k: _scrub(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, secrets) for v in value]
    if isinstance(value, str) and any(s.lower() in value.lower() for s in secrets):
        return ERASED
    return value


@transaction.atomic
def erase_member(*, membership: Membership, by: User) -> None:
    """Anonymise a departed collaborator; their quotes and audit entries stay with the office."""
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    if membership.status != Membership.Status.DEACTIVATED:
        raise StillActive
    user = membership.user
    secrets = [s for s in (user.email, user.pending_email, user.get_full_name()) if len(s) > 2]
    events = AuditEvent.objects.filter(
        Q(office_id=membership.office_id)
        | Q(actor=user)
        | Q(target_type=user._meta.label_lower, target_id=str(user.pk))
    )
    for event in events.iterator():
        scrubbed = _scrub(event.data, secrets)
        if scrubbed != event.data:
            AuditEvent.objects.filter(pk=event.pk).update(data=scrubbed)
    Ticket.objects.filter(user=user).update(email="", message=ERASED, conversation="", page="")
    SsoIdentity.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
    Invitation.objects.filter(membership=membership).delete()
    user.first_name = user.last_name = user.pending_email = ""
    user.email = f"erased-{user.pk}@invalid"
    user.erased_at = timezone.now()
    user.is_active = False
    user.set_unusable_password()  # ends every session: they are bound to the password hash
    user.save()
    membership.groups.clear()
    membership.current_group = None
    membership.is_admin = False
    membership.save()
    record("member.erased", actor=by, target=membership, office=membership.office)


def office_data(office: Office) -> dict[str, Any]:
    """The whole office, for the operator's export before it leaves."""
    memberships = Membership.objects.filter(office=office).select_related("user")
    return {
        "exported_at": timezone.now().isoformat(),
        "office": _fields(
            office,
            "name",
            "enterprise_number",
            "street",
            "number",
            "postal_code",
            "city",
            "phone",
            "website",
            "created_at",
        ),
        "groups": [
            {
                **_fields(g, "name", "email", "contact", "street", "number", "postal_code", "city"),
                "integrations": [
                    _fields(i, "producer_number", "status") | {"product": i.product.code}
                    for i in Integration.objects.filter(group=g).select_related("product")
                ],
            }
            for g in office.groups.order_by("name")
        ],
        "members": [user_data(m.user) for m in memberships],
        "quotes": [
            {
                **_fields(q, "reference", "client_name", "status", "created_at", "tariff_version"),
                "group": q.group.name,
                "answers": q.answers,
                "total_annual": str(q.total_annual) if q.total_annual is not None else None,
            }
            for q in Quote.objects.filter(office=office).select_related("group")
        ],
        "clients": [
            _fields(
                c,
                *["enterprise_number", "name", "street", "number", "postal_code", "city"],
                *["activity_code", "contact_name", "email", "phone", "language", "created_at"],
            )
            for c in Client.objects.filter(office=office)
        ],
        "audit": [
            _fields(e, "created_at", "action", "target_type", "target_id") | {"data": e.data}
            for e in AuditEvent.objects.filter(office=office).order_by("created_at")
        ],
        # What was uploaded, not the files themselves (the storage holds them).
        "documents": [
            _fields(d, "name", "kind", "content_type", "size", "uploaded_at")
            | {"stored_as": d.file.name, "quote": d.quote.reference if d.quote else None}
            | {"client": d.client.name if d.client else None}
            for d in Document.objects.filter(office=office).select_related("quote", "client")
        ],
    }


@transaction.atomic
def erase_office(office: Office) -> dict[str, int]:
    """Delete the office, its people, quotes and audit entries; returns what was deleted."""
    users = User.objects.filter(membership__office=office)
    # The offers' PDFs and the messages' files go with their rows (a database delete leaves
    # files behind).
    versions = OfferVersion.objects.filter(quote__office=office).only("pdf", "sealed_pdf")
    attachments = Attachment.objects.filter(message__thread__quote__office=office).only("file")
    for stored in [f for v in versions for f in (v.pdf, v.sealed_pdf)] + [
        a.file for a in attachments
    ]:
        if stored:
            stored.delete(save=False)
    counts = {
        # Each row's file goes with it (documents/models.py), once this commits.
        "documents": Document.objects.filter(office=office).delete()[0],
        "quotes": Quote.objects.filter(office=office).delete()[0],
        "clients": Client.objects.filter(office=office).delete()[0],
        "audit": AuditEvent.objects.filter(office=office).delete()[0],
        "tickets": Ticket.objects.filter(user__in=users).delete()[0],
    }
    counts["users"] = users.delete()[0]
    counts["office"] = Office.objects.filter(pk=office.pk).delete()[0]
    return counts
