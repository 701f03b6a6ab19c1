"""Access requests ("intégrations"): asked by an office, decided by the insurer."""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brokerdesk.accounts.models import User
from brokerdesk.audit.log import record
from brokerdesk.catalogue import rules
from brokerdesk.catalogue.models import Integration, Product
from brokerdesk.catalogue.rules import AlreadyDecided
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.notifications import kinds, webhooks
from brokerdesk.notifications.delivery import queue
from brokerdesk.notifications.inbox import notify
from brokerdesk.offices.models import Group, Membership, Office
from brokerdesk.offices.services import save_group


class ProducerNumberTaken(RuleBroken):
    message = _("Ce numéro de producteur est déjà utilisé pour ce produit.")


class AlreadyRequested(RuleBroken):
    message = _("Ce groupe a déjà une demande d'accès en cours ou acceptée pour ce produit.")


class AdministratorsOnly(RuleBroken):
    message = _("Seul un administrateur du bureau peut demander l'accès à un produit.")


@transaction.atomic
def request_integration(
    *, group: Group, product: Product, producer_number: str, requested_by: User
) -> Integration:
    """Ask the insurer for access; a refused or revoked request may be asked again."""
    membership = Membership.objects.filter(user=requested_by, office=group.office).first()
    if not rules.can_request_access(membership):
        raise AdministratorsOnly
    integration = (
        Integration.objects.select_for_update().filter(group=group, product=product).first()
    )
    if not rules.may_be_requested(integration):
        raise AlreadyRequested
    integration = integration or Integration(group=group, product=product)
    integration.producer_number = producer_number
    integration.status = Integration.Status.REQUESTED
    integration.requested_by = requested_by
    integration.requested_at = timezone.now()
    integration.decided_by, integration.decided_at, integration.reason = None, None, ""
    try:
        with transaction.atomic():
            integration.save()
    except IntegrityError as error:
        raise ProducerNumberTaken from error
    record(
        "integration.requested",
        actor=requested_by,
        target=integration,
        office=group.office,
        product=product.code,
        producer_number=producer_number,
        group=group.name,
    )
    for staff in product.insurer.staff.select_related("user").filter(user__is_active=True):
        queue(
            "integration_requested",
            to=staff.user.email,
            language=staff.user.language,
            context={
                "integration": integration,
                "office": group.office.name,
                "group": group.name,
                "product": product.name_fr,
                "link": reverse("backoffice"),
            },
        )
    return integration


@transaction.atomic
def create_group_with_integration(
    *, office: Office, name: str, product: Product, producer_number: str, requested_by: User
) -> Integration:
    """CAS 2: a further producer number gets its own group, created with its request."""
    group = save_group(office=office, group=None, data={"name": name}, by=requested_by)
    return request_integration(
        group=group, product=product, producer_number=producer_number, requested_by=requested_by
    )


def _decision_recipients(integration: Integration) -> list[User]:
    admins = User.objects.filter(
        membership__office=integration.group.office,
        membership__is_admin=True,
        membership__status=Membership.Status.ACTIVE,
    )
    people = {user.pk: user for user in admins}
    requester = integration.requested_by
    if requester is not None and requester.is_active:
        people[requester.pk] = requester
    return list(people.values())


NOTIFICATION_KINDS = {
    Integration.Status.ACCEPTED: kinds.ACCESS_ACCEPTED,
    Integration.Status.REFUSED: kinds.ACCESS_REFUSED,
    Integration.Status.REVOKED: kinds.ACCESS_REVOKED,
}


def _tell_the_office(integration: Integration) -> None:
    recipients = _decision_recipients(integration)
    product = integration.product
    notify(
        recipients,
        NOTIFICATION_KINDS[integration.status],
        url=reverse("product", kwargs={"code": product.code}),
        product={"fr": product.name_fr, "nl": product.name_nl, "en": product.name_en},
        group=integration.group.name,
    )
    for user in recipients:
        queue(
            f"integration_{integration.status}",
            to=user.email,
            language=user.language,
            context={
                "user": user,
                "integration": integration,
                "product": integration.product.name_fr,
                "group": integration.group.name,
                "reason": integration.reason,
                "link": reverse("product", kwargs={"code": integration.product.code}),
            },
        )


def decide(*, integration: Integration, accept: bool, reason: str, decided_by: User) -> None:
    """The insurer accepts or refuses a waiting request; a refusal says why."""
    if accept:
        _move(integration, rules.can_decide, Integration.Status.ACCEPTED, "", decided_by)
    else:
        reason = rules.check_reason(reason)
        _move(integration, rules.can_decide, Integration.Status.REFUSED, reason, decided_by)


def revoke(*, integration: Integration, reason: str, decided_by: User) -> None:
    """The insurer withdraws an accepted access, saying why; the group's quotes on the
    product are frozen from then on (quotes/rules.py)."""
    reason = rules.check_reason(reason)
    _move(integration, rules.can_revoke, Integration.Status.REVOKED, reason, decided_by)


@transaction.atomic
def _move(
    integration: Integration,
    allowed: Callable[[Integration], bool],
    status: str,
    reason: str,
    by: User,
) -> None:
    # Locked, so that two decisions on the same request cannot both pass the check, and a
    # quote being changed under the access finishes before the access changes.
    integration = Integration.objects.select_for_update().get(pk=integration.pk)
    if not allowed(integration):
        raise AlreadyDecided
    integration.status = status
    integration.reason = reason
    integration.decided_by = by
    integration.decided_at = timezone.now()
    integration.save()
    record(
        f"integration.{status}",
        actor=by,
        target=integration,
        office=integration.group.office,
        reason=reason,
    )
    webhooks.emit(
        integration.group.office_id,
        "access.decided",
        {
            "id": integration.pk,
            "product": integration.product.code,
            "group": integration.group_id,
            "producer_number": integration.producer_number,
            "status": status,
            "reason": reason,
        },
    )
    _tell_the_office(integration)
