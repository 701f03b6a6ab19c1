"""How the API refuses: 422 with the field's path and a message in the token owner's language,
404 for anything out of scope, 409 for a rule, 401, 403 and 429 with their headers."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from brokerdesk.api.auth import MissingScope
from brokerdesk.api.limits import RateLimited
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.quotes.answers import Invalid

# Pydantic's messages are English only: each kind of error gets one of ours, translated.
MESSAGES = {
    "missing": gettext_lazy("Ce champ est obligatoire."),
    "extra_forbidden": gettext_lazy("Ce champ n'existe pas."),
    "json_invalid": gettext_lazy("Le corps de la requête n'est pas un JSON valide."),
    "literal_error": gettext_lazy("Choisissez une des valeurs possibles."),
    "enum": gettext_lazy("Choisissez une des valeurs possibles."),
    "string_too_long": gettext_lazy("Ce texte est trop long."),
    "too_long": gettext_lazy("Cette liste est trop longue."),
}
BY_PREFIX = {
    "int": gettext_lazy("Saisissez un nombre entier."),
    "decimal": gettext_lazy("Saisissez un nombre."),
    "float": gettext_lazy("Saisissez un nombre."),
    "bool": gettext_lazy("Saisissez true ou false."),
    "string": gettext_lazy("Saisissez un texte."),
    "list": gettext_lazy("Saisissez une liste."),
    "model": gettext_lazy("Saisissez un objet."),
    "dict": gettext_lazy("Saisissez un objet."),
}
INVALID = gettext_lazy("Valeur invalide.")


def _message(kind: str) -> str:
    found = MESSAGES.get(kind) or BY_PREFIX.get(kind.split("_")[0]) or INVALID
    return str(found)


def _json(api: NinjaAPI, request: HttpRequest, data: Any, status: int) -> HttpResponse:
    return api.create_response(request, data, status=status)


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
        items = [
            {"loc": [str(part) for part in item.get("loc", ())], "msg": _message(item["type"])}
            for item in error.errors
        ]
        return _json(api, request, {"detail": items}, 422)

    @api.exception_handler(Invalid)
    def invalid_answers(request: HttpRequest, error: Invalid) -> HttpResponse:
        items = [{"loc": ["body", "answers", *path], "msg": msg} for path, msg in error.errors]
        return _json(api, request, {"detail": items}, 422)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
        return _json(api, request, {"detail": _("Introuvable.")}, 404)

    @api.exception_handler(RuleBroken)
    def refused(request: HttpRequest, error: RuleBroken) -> HttpResponse:
        return _json(api, request, {"detail": str(error.message)}, 409)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
        message = _("Jeton d'accès manquant, invalide, expiré ou révoqué.")
        response = _json(api, request, {"detail": message}, 401)
        response["WWW-Authenticate"] = 'Bearer realm="brokerdesk"'
        return response

    @api.exception_handler(MissingScope)
    def forbidden(request: HttpRequest, error: MissingScope) -> HttpResponse:
        message = _("Ce jeton n'a pas le droit « %(scope)s ».") % {"scope": error.scope}
        response = _json(api, request, {"detail": message}, 403)
        response["WWW-Authenticate"] = f'Bearer error="insufficient_scope", scope="{error.scope}"'
        return response

    @api.exception_handler(RateLimited)
    def limited(request: HttpRequest, error: RateLimited) -> HttpResponse:
        message = _("Trop de requêtes : réessayez dans %(seconds)s secondes.") % {
            "seconds": error.retry_after
        }
        response = _json(api, request, {"detail": message}, 429)
        response["Retry-After"] = str(error.retry_after)
        return response
