"""The rules of access requests, as named predicates the pages ask; the services check the
same rules again on the locked row when the insurer decides."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from brokerdesk.catalogue.models import Integration
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.offices.models import Membership


class AlreadyDecided(RuleBroken):
    message = _("Cette demande a déjà été traitée.")


class ReasonRequired(RuleBroken):
    message = _("Indiquez le motif du refus ou de la révocation.")


def can_request_access(membership: Membership | None) -> bool:
    """Only an office's active administrator asks an insurer for access (or a new group)."""
    return (
        membership is not None
        and membership.is_admin
        and membership.status == Membership.Status.ACTIVE
    )


def may_be_requested(integration: Integration | None) -> bool:
    """A group asks once; a refused or revoked access may be asked again."""
    return integration is None or integration.status in (
        Integration.Status.REFUSED,
        Integration.Status.REVOKED,
    )


def can_decide(integration: Integration) -> bool:
    """A waiting request is accepted or refused."""
    return integration.status == Integration.Status.REQUESTED


def can_revoke(integration: Integration) -> bool:
    """Only an accepted access is revoked."""
    return integration.status == Integration.Status.ACCEPTED


def check_reason(reason: str) -> str:
    """A refusal or a revocation always says why: the office is told the reason."""
    reason = reason.strip()
    if not reason:
        raise ReasonRequired
    return reason
