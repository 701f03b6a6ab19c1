"""The answers every operation may give besides its own (documented in the OpenAPI schema)."""

from __future__ import annotations

from typing import Any

from brokerdesk.api.schemas import Message, ValidationErrors

READ_ERRORS: dict[int, Any] = {
    401: Message,
    403: Message,
    404: Message,
    422: ValidationErrors,
    429: Message,
}
# 400: a body that is not JSON at all.
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: Message, 409: Message}


def read(ok: Any, status: int = 200) -> dict[int, Any]:
    return {status: ok, **READ_ERRORS}


def write(ok: Any, status: int = 200) -> dict[int, Any]:
    return {status: ok, **WRITE_ERRORS}
