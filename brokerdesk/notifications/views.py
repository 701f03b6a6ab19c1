from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from brokerdesk.notifications import inbox
from brokerdesk.notifications.kinds import text


@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first, each written in the reader's language."""
    page = Paginator(inbox.inbox(request.user), 30).get_page(request.GET.get("page"))
    rows = [(n, text(n.kind, n.params)) for n in page]
    return render(request, "notifications/list.html", {"page": page, "rows": rows})


@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark it read and go where it leads: a path of the portal only, never another site."""
    notification = get_object_or_404(inbox.inbox(request.user), pk=pk)
    inbox.mark_read(notification)
    if inbox.is_local_path(notification.url):
        return redirect(notification.url)
    return redirect("notifications")


@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    inbox.mark_all_read(request.user)
    return redirect("notifications")
