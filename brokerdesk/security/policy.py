"""Who must log in with a second factor (README, "Two-factor login")."""

from __future__ import annotations

from django.conf import settings

from brokerdesk.access.offices import membership_for
from brokerdesk.accounts.models import User
from brokerdesk.catalogue.models import InsurerStaff

# A sign-in through an insurer's identity provider (brokerdesk.sites.sso) is taken as it
# is: the insurer is responsible for how its provider authenticates (its own second factor).
SSO_BACKEND = "brokerdesk.sites.sso.SiteOIDCBackend"


def second_factor_required(user: User) -> bool:
    """Office administrators, insurer staff and operators, and every member of an office
    whose administrator asked for it. Brokers otherwise may choose."""
    if not user.is_authenticated:
        return False
    if user.is_staff or InsurerStaff.objects.filter(user=user).exists():
        return True
    membership = membership_for(user)
    return membership is not None and (membership.is_admin or membership.office.require_mfa)


def must_enrol(user: User) -> bool:
    """Asked to enrol before anything else: required, enforced, and not enrolled yet."""
    from brokerdesk.security.services import has_second_factor

    return settings.MFA_ENFORCED and second_factor_required(user) and not has_second_factor(user)
