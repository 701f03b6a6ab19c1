from __future__ import annotations

from collections.abc import Iterable

from brokerdesk.catalogue.models import Insurer
from brokerdesk.sites.models import SsoIdentity


def asserted_producer_numbers(insurer: Insurer, user_ids: Iterable[int]) -> dict[int, str]:
    """The producer number the insurer's own sign-on last asserted for each of these users."""
    identities = (
        SsoIdentity.objects.filter(site__insurer=insurer, user_id__in=list(user_ids))
        .exclude(producer_number="")
        .order_by("last_login_at")
    )
    return {i.user_id: i.producer_number for i in identities}  # the latest wins
