"""The rules of access requests, as named predicates the pages ask; the services check the
same rules again on the locked row when the insurer decides."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from brokerdesk.catalogue.models import Integration
from brokerdesk.lib.rules import RuleBroken


class AlreadyDecided(RuleBroken):
    message = _("Cette demande a déjà été traitée.")


class ReasonRequired(RuleBroken):
    message = _("Indiquez le motif du refus ou de la révocation.")


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
