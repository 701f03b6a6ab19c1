"""Finding clients by what a broker types."""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet

from brokerdesk.clients.models import Client


def matching(clients: QuerySet[Client], typed: str) -> QuerySet[Client]:
    """Clients whose name holds what is typed, or whose enterprise number holds its digits
    (typed as BE0123.456.789, 0123 456 789 or a part of it)."""
    typed = typed.strip()
    if not typed:
        return clients
    condition = Q(name__icontains=typed)
    digits = re.sub(r"\D", "", typed)
    if len(digits) >= 3 and len(digits) >= len(re.sub(r"[\s.bBeE]", "", typed)):
        condition |= Q(enterprise_number__contains=digits)
    return clients.filter(condition)
