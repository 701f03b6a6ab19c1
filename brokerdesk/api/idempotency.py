"""Idempotency-Key on POST: a repeat within 24 hours gets the first answer, creates nothing.

The key is the client's, per user. Its row is inserted before the work starts: a concurrent
repeat hits the unique constraint and waits for the first request's answer. A failure that a
retry may cure (5xx, 401, 429) frees the key.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from brokerdesk.api.auth import token_of
from brokerdesk.api.models import IdempotentRequest

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
# How long a repeat waits for the first request to finish before answering 409.
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.05
RETRYABLE = {401, 403, 429}
# The header in the OpenAPI schema of every POST operation.
DOCUMENTED = {
    "parameters": [
        {
            "in": "header",
            "name": HEADER,
            "required": False,
            "description": "Repeat the request with the same key within 24 hours: the first "
            "answer comes back, nothing more is created.",
            "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH},
        }
    ]
}


def idempotent(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = request.headers.get(HEADER)
        if key is None:
            return run(request, *args, **kwargs)
        if not key.strip() or len(key) > MAX_KEY_LENGTH:
            message = _("La clé d'idempotence doit compter de 1 à 255 caractères.")
            return _problem(422, [{"loc": ["header", HEADER], "msg": message}])
        token = token_of(request)
        if token is None:  # the operation answers 401 itself
            return run(request, *args, **kwargs)
        fingerprint = _fingerprint(request)
        forget_expired()
        try:
            with transaction.atomic():
                claim = IdempotentRequest.objects.create(
                    user=token.user, key=key, fingerprint=fingerprint
                )
        except IntegrityError:
            return _replay(token.user, key, fingerprint)
        try:
            response = run(request, *args, **kwargs)
        except BaseException:
            claim.delete()
            raise
        if response.status_code >= 500 or response.status_code in RETRYABLE:
            claim.delete()
            return response
        IdempotentRequest.objects.filter(pk=claim.pk).update(
            status_code=response.status_code,
            content_type=response.get("Content-Type", ""),
            body=response.content,
        )
        return response

    return wrapper


def _fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    digest.update(request.body)
    return digest.hexdigest()


def _replay(user: Any, key: str, fingerprint: str) -> HttpResponse:
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        first = IdempotentRequest.objects.filter(user=user, key=key).first()
        if first is None:  # the first request failed and freed the key: ask for a retry
            break
        if first.fingerprint != fingerprint:
            message = _("Cette clé d'idempotence a déjà servi pour une autre requête.")
            return _problem(422, [{"loc": ["header", HEADER], "msg": message}])
        if first.is_finished:
            response = HttpResponse(
                bytes(first.body), status=first.status_code, content_type=first.content_type
            )
            response["Idempotent-Replayed"] = "true"
            return response
        if time.monotonic() >= deadline:
            break
        time.sleep(POLL_SECONDS)
    message = _("Une requête avec cette clé d'idempotence est en cours : réessayez plus tard.")
    response = _problem(409, message)
    response["Retry-After"] = "1"
    return response


def _problem(status: int, detail: Any) -> HttpResponse:
    return HttpResponse(
        json.dumps({"detail": detail}), status=status, content_type="application/json"
    )


def forget_expired() -> None:
    """Keys are kept 24 hours; older ones are dropped as new ones come."""
    since = timezone.now() - IdempotentRequest.KEPT_FOR
    IdempotentRequest.objects.filter(created_at__lt=since).delete()
