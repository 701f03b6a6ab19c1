from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DatabaseError
from django.db.models import Min
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from brokerdesk.notifications.models import OutboxMessage
from brokerdesk.operations import csp
from brokerdesk.operations.logs import request_id


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


@login_not_required
@csrf_exempt  # browsers send reports without a token, and they change nothing of anyone's
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    try:
        reports = csp.read_reports(request)
    except csp.BadReport:
        return HttpResponse(status=400)
    csp.store(reports, request.headers.get("User-Agent", ""))
    return HttpResponse(status=204)


# Error pages. They are rendered without the request: no context processor runs, so nothing
# queries a database that may be down, and nothing reads a body Django could not decode.
# The language is the one the request already activated.


def error_page(status: int, heading: str, message: str) -> HttpResponse:
    ctx = {"status": status, "heading": heading, "message": message}
    if status >= 500:
        ctx["request_id"] = request_id.get()
    return HttpResponse(render_to_string("errors/page.html", ctx), status=status)


def bad_request(request: HttpRequest, exception: Any = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        return request_too_large(request, exception)
    return error_page(
        400,
        _("Requête incorrecte"),
        _("Le portail n'a pas pu lire ce que votre navigateur a envoyé. Rechargez la page et "
          "recommencez."),
    )  # fmt: skip


def request_too_large(request: HttpRequest, exception: Any = None) -> HttpResponse:
    """More than the settings allow (README, "Limits"): refused before it is read."""
    return error_page(
        413,
        _("Envoi trop volumineux"),
        _("Ce que vous avez envoyé dépasse ce que le portail accepte. Pour un logo ou un "
          "fichier, choisissez-en un plus petit ; sinon, raccourcissez le texte et "
          "recommencez."),
    )  # fmt: skip


def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return error_page(403, _("Accès refusé"), _("Vous n'avez pas accès à cette page."))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_page(
        403,
        _("La page a expiré"),
        _("Pour votre sécurité, le formulaire n'a pas été envoyé : la page était ouverte depuis "
          "trop longtemps, ou votre navigateur bloque les cookies. Rechargez la page et "
          "recommencez."),
    )  # fmt: skip


def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return error_page(
        404,
        _("Page introuvable"),
        _("Cette page n'existe pas, ou vous n'y avez pas accès."),
    )


TOO_MANY_REQUESTS = gettext_lazy(
    "Vous avez fait trop de demandes en peu de temps. Réessayez dans quelques minutes."
)


def too_many_requests(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return error_page(429, _("Trop de demandes"), str(TOO_MANY_REQUESTS))


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page(
        500,
        _("Erreur du serveur"),
        _("Une erreur s'est produite de notre côté ; elle est enregistrée. Réessayez dans un "
          "instant."),
    )  # fmt: skip
