from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from brokerdesk.accounts.models import User
from brokerdesk.audit.log import record
from brokerdesk.sites.models import InsurerSite, SsoIdentity


@transaction.atomic
def record_sign_in(
    *, site: InsurerSite, user: User, subject: str, producer_number: str
) -> SsoIdentity:
    """Remember who the provider said this is, with the producer number it asserts (shown to
    the insurer's staff beside the person's access requests)."""
    identity, _ = SsoIdentity.objects.update_or_create(
        site=site,
        subject=subject,
        defaults={
            "user": user,
            "producer_number": producer_number,
            "last_login_at": timezone.now(),
        },
    )
    record(
        "sso.sign_in",
        actor=user,
        target=identity,
        site=str(site),
        producer_number=producer_number,
    )
    return identity
