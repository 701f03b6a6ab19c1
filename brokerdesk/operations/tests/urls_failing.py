"""A page that fails, for the error-reporting test."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def failing(request: HttpRequest) -> HttpResponse:
    client_email = request.POST.get("email", "")
    raise RuntimeError(f"the page failed ({len(client_email)})")  # the e-mail stays local


urlpatterns = [path("fail/", failing)]
handler500 = "brokerdesk.operations.views.server_error"
