from __future__ import annotations

from typing import Any

from django.db import models

from brokerdesk.audit.models import AuditEvent


def record(
    action: str, *, actor: Any, target: models.Model, office: Any = None, **data: Any
) -> AuditEvent:
    """Append an event; call it inside the transaction of the change it describes."""
    return AuditEvent.objects.create(
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        office=office,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        data=data,
    )
