from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brokerdesk.access.catalogue import (
    accepted_products,
    catalogue_products,
    get_product_or_404,
    group_integrations,
    insurer_staff_for,
)
from brokerdesk.access.clients import picked_client, visible_clients
from brokerdesk.access.offices import membership_for, request_group, require_membership
from brokerdesk.access.quotes import (
    get_broker_quote_or_404,
    get_quote_or_404,
    group_quotes,
    visible_quotes,
)
from brokerdesk.catalogue.selectors import insurer_first
from brokerdesk.documents.views import section as documents_section
from brokerdesk.lib import limits
from brokerdesk.lib.belgium import format_enterprise_number
from brokerdesk.lib.formfields import MAX_FILTER_LENGTH
from brokerdesk.lib.formtokens import new_form_token, posted_form_token
from brokerdesk.lib.htmx import render_page
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.lib.text import clean_text
from brokerdesk.offers import pdf as offer_pdf_dates
from brokerdesk.offers import rules as offer_rules
from brokerdesk.offers import services as offers
from brokerdesk.quotes import export, offer, pricing, rules, selectors, services
from brokerdesk.quotes.forms import OfferForm, PaymentForm
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.search import SHOWN
from brokerdesk.quotes.search import search as search_quotes
from brokerdesk.quotes.wizard import PREVIEW_STEPS, Wizard
from brokerdesk.sites.context_processors import site_insurer_id
from brokerdesk.submissions.rules import SubmissionActions
from rating.nace import search_activities

ORDER_LABELS = [
    ("created", gettext_lazy("Date de création")),
    ("updated", gettext_lazy("Dernière mise à jour")),
    ("reference", gettext_lazy("Référence")),
    ("client", gettext_lazy("Client")),
]


def home(request: HttpRequest) -> HttpResponse:
    if insurer_staff_for(request.user) is not None:
        return redirect("backoffice")
    return redirect("quotes")


# The "Demandes" list


def quotes(request: HttpRequest) -> HttpResponse:
    group = request_group(request)
    listed = group_quotes(membership_for(request.user), group)
    filters = {
        key: clean_text(request.GET.get(key, ""), max_length=MAX_FILTER_LENGTH)
        for key in selectors.FILTERS
    }
    order = request.GET.get("order", "created")
    paginator = Paginator(selectors.list_page(listed, order=order, filters=filters), 25)
    total = listed.count()
    if not any(filters.values()):
        paginator.count = total  # the same query: count the group's quotes once
    accepted = insurer_first(accepted_products(group), site_insurer_id(request))
    ctx = {
        "page": paginator.get_page(request.GET.get("page")),
        "total": total,
        "order": order,
        "filters": filters,
        "accepted": accepted,
        # Without an accepted access "+ Nouveau" still opens the product's first screen, which
        # says why it cannot be used yet and links to the product page.
        "new_products": accepted or insurer_first(catalogue_products(), site_insurer_id(request)),
        "intermediaries": selectors.intermediaries(group),
        "statuses": Quote.Status.choices,
        "orderings": ORDER_LABELS,
        "export_kinds": [("csv", _("Tableur CSV")), ("xlsx", _("Classeur Excel (XLSX)"))],
    }
    return render(request, "quotes/list.html", ctx)


@require_GET
def quotes_export(request: HttpRequest, kind: str) -> HttpResponse:
    """ "Exporter": the list as filtered (the same quotes, filters and order), as CSV or XLSX."""
    require_membership(request.user)
    if kind not in ("csv", "xlsx"):
        raise Http404
    limits.check(request, "export", target=request.user.email)
    listed = group_quotes(membership_for(request.user), request_group(request))
    filters = {
        key: clean_text(request.GET.get(key, ""), max_length=MAX_FILTER_LENGTH)
        for key in selectors.FILTERS
    }
    exported = selectors.list_page(
        listed, order=request.GET.get("order", "created"), filters=filters
    )
    name = f"demandes-{timezone.localdate().isoformat()}.{kind}"
    if kind == "csv":
        response = StreamingHttpResponse(
            export.csv_lines(exported), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    if exported.count() > export.XLSX_MAX_ROWS:
        # A workbook is built whole before a byte is sent: beyond this it would outlast the
        # request timeout. The CSV streams any number of rows.
        messages.error(
            request,
            _("Plus de %(count)s demandes : exportez-les en CSV ou filtrez la liste.")
            % {"count": number_format(export.XLSX_MAX_ROWS, force_grouping=True)},
        )
        return redirect(f"{reverse('quotes')}?{request.GET.urlencode()}")
    return FileResponse(
        export.xlsx_file(exported),
        as_attachment=True,
        filename=name,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


# The wizard


@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, code: str) -> HttpResponse:
    """ "+ Nouveau": the first screen; the quote is stored by its "Étape suivante"."""
    product = get_product_or_404(code)
    require_membership(request.user)
    group = request_group(request)
    if not rules.has_access(group, product):
        integration = group_integrations(group).get(product.pk)
        ctx = {"product": product, "group": group, "integration": integration}
        return render(request, "quotes/no_access.html", ctx, status=403)
    wizard = Wizard(
        request,
        product=product,
        clients=visible_clients(request.user),
        prefill=picked_client(request),
    )
    step = wizard.step("activity")
    form = wizard.form(step)
    if not form.is_valid():
        return wizard.page(step, form)
    try:
        quote = wizard.create(form, group=group)
    except RuleBroken as error:  # the access was withdrawn while the form was open
        form.add_error(None, error.message)
        return wizard.page(step, form)
    return redirect("quote_step", pk=quote.pk, slug="covers")


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    quote = get_broker_quote_or_404(require_membership(request.user), pk)
    prefill = picked_client(request) if slug == "activity" else None
    wizard = Wizard(request, quote=quote, clients=visible_clients(request.user), prefill=prefill)
    step = wizard.step(slug)
    form = wizard.form(step)
    if request.method == "POST" and "previous" in request.POST:
        return redirect(wizard.back(step, form))
    if not form.is_valid():
        return wizard.page(step, form)
    try:
        return redirect(wizard.save(step, form))
    except RuleBroken as error:
        messages.error(request, error.message)
        return redirect(wizard.resume_url())


@require_POST
def draft(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """Keep what is typed in a step as it is typed; answer with the live premium of it."""
    quote = get_broker_quote_or_404(require_membership(request.user), pk)
    if not rules.can_edit(quote, request.user):
        raise Http404  # nothing typed is kept for a quote that no longer changes
    wizard = Wizard(request, quote=quote)
    step = wizard.step(slug)
    form = wizard.form(step)
    wizard.keep_draft(step, form)
    if slug not in PREVIEW_STEPS:
        return HttpResponse(status=204)
    ctx = {"preview": wizard.preview(step, form), "quote": quote}
    return render(request, "quotes/step.html#preview", ctx)


@require_POST
def new_draft(request: HttpRequest, code: str) -> HttpResponse:
    """Step 1.1 before the quote exists: what is typed waits in the session."""
    require_membership(request.user)
    wizard = Wizard(request, product=get_product_or_404(code))
    step = wizard.step("activity")
    wizard.keep_draft(step, wizard.form(step))
    return HttpResponse(status=204)


@require_GET
def activities(request: HttpRequest) -> HttpResponse:
    """Search-as-you-type over NACE-BEL 2025, in the user's language."""
    query = next((v for k, v in request.GET.items() if k.endswith("activity")), "")
    language = request.LANGUAGE_CODE
    found = search_activities(query, version="2025", language=language, limit=15)
    values = [f"{item.code} {item.labels.get(language) or item.labels['fr']}" for item in found]
    # Browsers list only the options whose value or label holds what is typed: an activity found
    # by its everyday words ("boulangerie" for 10.712) says them in its label.
    typed = query.strip()
    options = [(v, "" if typed.casefold() in v.casefold() else f"{v} · {typed}") for v in values]
    return render(request, "quotes/activity_options.html", {"options": options})


# The result and its actions


@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_quote_or_404(request.user, pk)
    membership = membership_for(request.user)
    if request.method == "POST":
        if membership is None:
            raise Http404  # insurer staff read only
        form = PaymentForm(request.POST)
        if form.is_valid():
            try:
                frequency = form.cleaned_data["payment_frequency"]
                quote = services.set_payment(quote=quote, frequency=frequency, by=request.user)
                services.finish(quote=quote, by=request.user)
            except RuleBroken as error:
                messages.error(request, error.message)
        return redirect("quote", pk=quote.pk)
    wizard = Wizard(request, quote=quote)
    client = quote.answers.get("activity", {})
    ctx = {
        "quote": quote,
        "breakdown": offer.breakdown_view(quote.breakdown),
        "activity": offer.activity_label(client, request.LANGUAGE_CODE),
        "address": offer.client_address(client),
        "enterprise_number": format_enterprise_number(client.get("enterprise_number") or ""),
        "steps": wizard.navigation("result"),
        "payment_form": PaymentForm(initial=quote.answers.get("payment", {})),
        "offer_form": OfferForm(
            initial={
                "language": request.LANGUAGE_CODE,
                "start_date": quote.start_date
                or offer_pdf_dates.first_of_next_month(timezone.localdate()),
            }
        ),
        # Issue 16: every offer issued, and whether the current one may be sent.
        "offer_versions": quote.offers.select_related("issued_by").order_by("-number"),
        "current_offer": (current := offers.current_version(quote)),
        "can_send_offer": offer_rules.can_send(quote, current, request.user),
        "offer_accepted": quote.status in offer_rules.AFTER_ACCEPTANCE,
        "read_only": membership is None,
        "complete": wizard.is_complete,
        # What the buttons may do, from the rules: the template never decides it.
        "actions": rules.QuoteActions.of(quote, request.user, request_group(request)),
        "form_token": new_form_token(),
        "newer_tariff": pricing.newer_tariff(quote),
        # The way to the insurer (issue 16: submission, referral dialogue).
        "submission_actions": SubmissionActions.of(quote, request.user),
        "referral_blocks": None if membership is None else rules.referral_blocks(quote),
        "documents": documents_section(request, quote),
    }
    return render(request, "quotes/detail.html", ctx)


@require_POST
def move_to_current_tariff(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_broker_quote_or_404(require_membership(request.user), pk)
    try:
        quote = services.move_to_current_tariff(quote=quote, by=request.user)
    except RuleBroken as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("La demande est recalculée avec le tarif %(version)s.")
            % {"version": quote.tariff_version},
        )
    return redirect("quote", pk=quote.pk)


@require_POST
def issue_offer(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_broker_quote_or_404(require_membership(request.user), pk)
    form = OfferForm(request.POST)
    if form.is_valid():
        try:
            offers.issue_offer(
                quote=quote,
                language=form.cleaned_data["language"],
                start_date=form.cleaned_data["start_date"],
                by=request.user,
            )
        except RuleBroken as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("L'offre est émise."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("quote", pk=quote.pk)


@require_GET
def offer_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_quote_or_404(request.user, pk)
    content = offers.current_pdf(quote)  # as stored when issued (issue 16)
    if content is None:
        raise Http404
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{quote.reference}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_broker_quote_or_404(require_membership(request.user), pk)
    group = request_group(request)
    if group is None:
        raise Http404
    try:
        copy = services.duplicate(
            quote=quote, group=group, by=request.user, form_token=posted_form_token(request)
        )
    except RuleBroken as error:
        messages.error(request, error.message)
        return redirect("quote", pk=quote.pk)
    messages.success(
        request, _("La demande est dupliquée : %(reference)s.") % {"reference": copy.reference}
    )
    return redirect("quote", pk=copy.pk)


@require_http_methods(["GET", "POST"])
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Archiver" asks first (this page), then archives; the result page offers "Restaurer"."""
    quote = get_broker_quote_or_404(require_membership(request.user), pk)
    if request.method == "GET":
        if not rules.can_archive(quote, request.user):
            return redirect("quote", pk=quote.pk)
        return render(request, "quotes/archive.html", {"quote": quote})
    try:
        services.archive(quote=quote, by=request.user)
    except RuleBroken as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("La demande est archivée. « Restaurer » annule l'archivage."))
    return redirect("quote", pk=quote.pk)


@require_POST
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_broker_quote_or_404(require_membership(request.user), pk)
    try:
        services.restore(quote=quote, by=request.user)
    except RuleBroken as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("La demande est restaurée."))
    return redirect("quote", pk=quote.pk)


# Search


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    # One more than shown is read, to say "Plus de 50 résultats".
    found = list(search_quotes(visible_quotes(request.user), query)[: SHOWN + 1]) if query else []
    ctx = {"query": query, "results": found[:SHOWN], "more": len(found) > SHOWN}
    return render_page(request, "quotes/search.html", ctx, fragment="results")
