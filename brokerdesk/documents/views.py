from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brokerdesk.access.documents import get_document_client_or_404, get_document_or_404
from brokerdesk.access.offices import membership_for, require_membership
from brokerdesk.access.quotes import get_broker_quote_or_404
from brokerdesk.clients.models import Client
from brokerdesk.documents import rules, services
from brokerdesk.documents.forms import DocumentForm
from brokerdesk.documents.models import Document
from brokerdesk.lib.formtokens import form_token_for, posted_form_token
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.quotes.models import Quote


def section(
    request: HttpRequest, owner: Quote | Client, form: DocumentForm | None = None
) -> dict[str, Any]:
    """What templates/documents/section.html shows for a quote or a client the user sees:
    its documents, and the upload form and delete buttons the rules allow."""
    membership = membership_for(request.user)
    documents = owner.documents.select_related("uploaded_by")
    upload_url = (
        reverse("quote_documents", kwargs={"pk": owner.pk})
        if isinstance(owner, Quote)
        else reverse("client_documents", kwargs={"pk": owner.pk})
    )
    return {
        "rows": [(d, rules.can_delete(d, membership)) for d in documents],
        "form": (form or DocumentForm()) if rules.can_upload(membership) else None,
        "upload_url": upload_url,
        "back": request.get_full_path(),
        "form_token": form_token_for(request),
    }


@require_http_methods(["GET", "POST"])
def quote_documents(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_broker_quote_or_404(require_membership(request.user), pk)
    back = reverse("quote", kwargs={"pk": quote.pk}) + "#documents"
    return _upload(request, quote, back)


@require_http_methods(["GET", "POST"])
def client_documents(request: HttpRequest, pk: int) -> HttpResponse:
    client = get_document_client_or_404(require_membership(request.user), pk)
    here = reverse("client_documents", kwargs={"pk": client.pk})
    return _upload(request, client, _back(request, here))


def _upload(request: HttpRequest, owner: Quote | Client, back: str) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.add_document(
                owner=owner,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                file_type=form.file_type,
                by=request.user,
                form_token=posted_form_token(request),
            )
        except RuleBroken as error:
            form.add_error("file", error.message)
        else:
            messages.success(
                request, _("Le document %(name)s est déposé.") % {"name": document.name}
            )
            return redirect(back)
    ctx = {"owner": owner, "documents": section(request, owner, form), "back": back}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "documents/upload.html", ctx, status=status)


@require_GET
def document(request: HttpRequest, pk: int) -> HttpResponse:
    """The file, to whoever sees its quote or client: always as a download, under a safe name
    and the type its content was found to be, never rendered by the browser."""
    found = get_document_or_404(request.user, pk)
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.name,
        content_type=found.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    require_membership(request.user)
    found = get_document_or_404(request.user, pk)
    owner: Document | Quote | Client = found.quote or found.client
    if isinstance(owner, Quote):
        back = reverse("quote", kwargs={"pk": owner.pk}) + "#documents"
    else:
        back = _back(request, reverse("client_documents", kwargs={"pk": owner.pk}))
    try:
        services.delete_document(document=found, by=request.user)
    except RuleBroken as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Le document %(name)s est supprimé.") % {"name": found.name})
    return redirect(back)


def _back(request: HttpRequest, default: str) -> str:
    """Where the client's page sent the form from (the coordinator's client page), if it is
    a page of this site."""
    back = request.POST.get("next") or request.GET.get("next") or ""
    if (
        back
        and url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        and back.startswith("/")
        and "\x00" not in back
    ):
        return back
    return default
