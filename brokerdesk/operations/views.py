from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError
from django.db.models import Min
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from brokerdesk.notifications.models import OutboxMessage


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer and monitoring: no login, no data, 503 when something is wrong.

    The outbox is stuck when an e-mail has waited past its delivery time for longer than
    OUTBOX_STUCK_AFTER: no worker is taking the work.
    """
    try:
        pending = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).aggregate(
            created=Min("created_at"), due=Min("next_attempt_at")
        )
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    now = timezone.now()
    age = int((now - pending["created"]).total_seconds()) if pending["created"] else 0
    stuck = bool(pending["due"]) and (now - pending["due"]).total_seconds() > (
        settings.OUTBOX_STUCK_AFTER
    )
    body = {
        "status": "error" if stuck else "ok",
        "database": "ok",
        "outbox": "stuck" if stuck else "ok",
        "oldest_undelivered_email_seconds": age,
    }
    return JsonResponse(body, status=503 if stuck else 200)
