"""Pages whose parts htmx refreshes: a named fragment for htmx, the whole page otherwise."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_page(
    request: HttpRequest, template: str, context: dict[str, Any], *, fragment: str
) -> HttpResponse:
    """Fragments are django-template-partials' `{% partialdef %}` blocks of the page itself."""
    name = f"{template}#{fragment}" if request.htmx else template
    return render(request, name, context)
