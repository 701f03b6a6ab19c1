from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from brokerdesk.offices import access


def home(request: HttpRequest) -> HttpResponse:
    return redirect("quotes")


def quotes(request: HttpRequest) -> HttpResponse:
    membership = access.membership_for(request.user)
    return render(request, "quotes/list.html", {"membership": membership})


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    return render(request, "quotes/search.html", {"query": query})
