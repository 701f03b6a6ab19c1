"""One-time form tokens: a form that creates something is safe to submit twice.

The page puts a fresh token in the form (`<input type="hidden" name="form_token">`); the
service stores it with what it creates, and the same token posted again (a double click, a
reload of the POST) finds what the first POST made instead of making it again. A missing or
malformed token only loses that protection: the POST is still served.
"""

from __future__ import annotations

import re
import uuid

from django.http import HttpRequest

FIELD = "form_token"
_SHAPE = re.compile(r"[0-9a-f]{32}")


def new_form_token() -> str:
    return uuid.uuid4().hex


def posted_form_token(request: HttpRequest) -> str:
    """The token of the POSTed form, or "" when there is none of the right shape."""
    token = request.POST.get(FIELD, "")
    return token if _SHAPE.fullmatch(token) else ""


def form_token_for(request: HttpRequest) -> str:
    """The token a page's form carries: the posted one when the form is shown again with its
    errors (so the corrected POST is still the same submission), else a new one."""
    posted = posted_form_token(request) if request.method == "POST" else ""
    return posted or new_form_token()
