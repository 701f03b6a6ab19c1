from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brokerdesk.accounts.models import User
from brokerdesk.catalogue.models import Integration, Product
from brokerdesk.offices import access
from brokerdesk.quotes import offer, pricing, services, wizard
from brokerdesk.quotes.forms import OfferForm, PaymentForm
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.search import search as search_quotes
from rating.nace import search_activities

ORDERINGS = {
    "created": "-created_at",
    "updated": "-updated_at",
    "reference": "reference",
    "client": "client_name",
}


def home(request: HttpRequest) -> HttpResponse:
    if access.insurer_staff_for(request.user) is not None:
        return redirect("backoffice")
    return redirect("quotes")


def _language() -> str:
    return (get_language() or "fr")[:2]


def _accepted_products(group: Any) -> list[Product]:
    integrations = access.group_integrations(group).values() if group else []
    return [i.product for i in integrations if i.status == Integration.Status.ACCEPTED]


# The "Demandes" list


def quotes(request: HttpRequest) -> HttpResponse:
    membership = access.membership_for(request.user)
    group = access.request_group(request)
    listed = access.group_quotes(membership, group) if group else Quote.objects.none()
    total = listed.count()
    listed, filters = _filter(request, listed)
    order = request.GET.get("order", "created")
    # The list shows neither the answers nor the breakdown: leave the big columns in the table.
    listed = listed.defer("answers", "breakdown", "offer", "search_text").order_by(
        ORDERINGS.get(order, "-created_at"), "-pk"
    )
    paginator = Paginator(listed, 25)
    if not any(filters.values()):
        paginator.count = total  # the same query: count the group's quotes once
    page = paginator.get_page(request.GET.get("page"))
    ctx = {
        "page": page,
        "total": total,
        "order": order,
        "filters": filters,
        "accepted": _accepted_products(group),
        "intermediaries": _intermediaries(group),
        "statuses": Quote.Status.choices,
        "orderings": [
            ("created", _("Date de création")),
            ("updated", _("Dernière mise à jour")),
            ("reference", _("Référence")),
            ("client", _("Client")),
        ],
    }
    return render(request, "quotes/list.html", ctx)


def _intermediaries(group: Any) -> QuerySet[User]:
    """Who may have made the group's quotes (its members and the office's administrators),
    for the "Intermédiaire" filter; cheaper than scanning the quotes themselves."""
    if group is None:
        return User.objects.none()
    return (
        User.objects.filter(
            Q(membership__groups=group)
            | Q(membership__office=group.office_id, membership__is_admin=True)
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def _filter(request: HttpRequest, listed: QuerySet[Quote]) -> tuple[QuerySet, dict]:
    filters = {key: request.GET.get(key, "") for key in ("status", "by", "product", "period")}
    if filters["status"] in Quote.Status.values:
        listed = listed.filter(status=filters["status"])
    if filters["by"].isdigit():
        listed = listed.filter(created_by_id=int(filters["by"]))
    if filters["product"]:
        listed = listed.filter(product__code=filters["product"])
    if filters["period"] in ("7", "30", "365"):
        since = timezone.now() - timedelta(days=int(filters["period"]))
        listed = listed.filter(created_at__gte=since)
    return listed, filters


# The wizard


@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, code: str) -> HttpResponse:
    """ "+ Nouveau": the first screen; the draft is stored by its "Étape suivante"."""
    product = access.get_product_or_404(code)
    access.require_membership(request.user)
    group = access.request_group(request)
    integration = access.group_integrations(group).get(product.pk) if group else None
    if integration is None or not integration.is_accepted:
        ctx = {"product": product, "group": group, "integration": integration}
        return render(request, "quotes/no_access.html", ctx, status=403)
    step = wizard.BY_SLUG["activity"]
    draft_key = f"quote-draft:{code}"
    data = request.POST if request.method == "POST" else None
    form = step.form(data, initial=request.session.get(draft_key, {}), language=_language())
    if form.is_bound and form.is_valid():
        quote = services.create_quote(
            group=group,
            product=product,
            created_by=request.user,
            answers={"activity": _jsonable(form.cleaned_data)},
        )
        request.session.pop(draft_key, None)
        return redirect("quote_step", pk=quote.pk, slug="covers")
    return _step_page(request, None, step, form, product=product, group=group)


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    membership = access.require_membership(request.user)
    quote = access.get_broker_quote_or_404(membership, pk)
    current = wizard.BY_SLUG.get(slug)
    if current is None or not current.applies(quote.answers):
        raise Http404
    # An empty POST is still a submission (step 1.2 may have nothing ticked).
    form = _form(current, quote, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            quote = services.save_step(
                quote=quote, step=slug, data=_jsonable(form.cleaned_data), by=request.user
            )
        except services.OfficeRuleBroken as error:
            messages.error(request, error.message)
            return redirect("quote", pk=quote.pk)
        following = wizard.next_step(slug, quote.answers)
        if following is not None:
            return redirect("quote_step", pk=quote.pk, slug=following.slug)
        return _finish(request, quote)
    return _step_page(request, quote, current, form)


def _finish(request: HttpRequest, quote: Quote) -> HttpResponse:
    try:
        services.finish(quote=quote, by=request.user)
    except services.OfficeRuleBroken as error:
        messages.error(request, error.message)
        missing = next(
            (s for s in wizard.applicable(quote.answers) if s.slug not in quote.steps_done), None
        )
        if missing is not None:
            return redirect("quote_step", pk=quote.pk, slug=missing.slug)
    return redirect("quote", pk=quote.pk)


def _form(current: wizard.Step, quote: Quote, data: Any = None) -> Any:
    # Unsaved typing wins over the saved answers: it is what the user saw last.
    initial = quote.drafts.get(current.slug) or quote.answers.get(current.slug, {})
    kwargs: dict[str, Any] = {"initial": initial}
    if current.slug == "activity":
        kwargs["language"] = _language()
    if current.slug == "extra":
        kwargs["with_manager"] = bool(quote.answers.get("covers", {}).get("manager"))
    return current.form(data, **kwargs)


def _step_page(
    request: HttpRequest, quote: Quote | None, current: wizard.Step, form: Any, **extra: Any
) -> HttpResponse:
    answers = quote.answers if quote else {}
    done = quote.steps_done if quote else []
    ctx = {
        "quote": quote,
        "step": current,
        "form": form,
        "steps": _navigation(answers, done, current.slug),
        "preview": _preview(quote.answers) if quote and current.slug in PREVIEW_STEPS else None,
        "show_preview": current.slug in PREVIEW_STEPS,
        "restored": not form.is_bound and bool(quote and quote.drafts.get(current.slug)),
        **extra,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "quotes/step.html", ctx, status=status)


PREVIEW_STEPS = {"legal", "extra", "h24"}


def _navigation(answers: dict, done: list[str], current: str) -> list[dict[str, Any]]:
    sections: list[dict[str, Any]] = []
    for item in wizard.STEPS:
        if not sections or sections[-1]["title"] != item.section:
            sections.append({"title": item.section, "steps": []})
        sections[-1]["steps"].append(
            {
                "step": item,
                "done": item.slug in done,
                "current": item.slug == current,
                "applies": item.applies(answers),
            }
        )
    return sections


@require_POST
def draft(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """Keep what is typed in a step as it is typed; answer with the live premium of it."""
    membership = access.require_membership(request.user)
    quote = access.get_broker_quote_or_404(membership, pk)
    current = wizard.BY_SLUG.get(slug)
    if current is None or quote.status == Quote.Status.ARCHIVED:
        raise Http404
    form = _form(current, quote, request.POST)
    services.keep_draft(quote=quote, step=slug, typed=_typed(request, form))
    if slug not in PREVIEW_STEPS:
        return HttpResponse(status=204)
    answers = dict(quote.answers)
    if form.is_valid():
        answers[slug] = _jsonable(form.cleaned_data)
    ctx = {"preview": _preview(answers), "quote": quote}
    return render(request, "quotes/step.html#preview", ctx)


@require_POST
def new_draft(request: HttpRequest, code: str) -> HttpResponse:
    """Step 1.1 before the quote exists: what is typed waits in the session."""
    access.get_product_or_404(code)
    access.require_membership(request.user)
    form = wizard.BY_SLUG["activity"].form(request.POST)
    request.session[f"quote-draft:{code}"] = _typed(request, form)
    return HttpResponse(status=204)


def _typed(request: HttpRequest, form: Any) -> dict[str, Any]:
    """The raw values of a step's fields as posted (lists for multiple choices)."""
    typed: dict[str, Any] = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.MultipleChoiceField):
            typed[name] = request.POST.getlist(name)[:20]
        elif name in request.POST:
            typed[name] = request.POST.get(name, "")[:1000]
    return typed


def _preview(answers: dict) -> pricing.Priced | None:
    return pricing.compute(answers) if pricing.has_legal_data(answers) else None


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {key: _plain(value) for key, value in data.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


@require_GET
def activities(request: HttpRequest) -> HttpResponse:
    """Search-as-you-type over NACE-BEL 2025, in the user's language."""
    query = next((v for k, v in request.GET.items() if k.endswith("activity")), "")
    found = search_activities(query, version="2025", language=_language(), limit=15)
    language = _language()
    options = [f"{item.code} {item.labels.get(language) or item.labels['fr']}" for item in found]
    return render(request, "quotes/activity_options.html", {"options": options})


# The result and its actions


@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    quote = access.get_quote_or_404(request.user, pk)
    membership = access.membership_for(request.user)
    if request.method == "POST":
        if membership is None:
            raise Http404  # insurer staff read only
        form = PaymentForm(request.POST)
        if form.is_valid():
            try:
                quote = services.set_payment(
                    quote=quote,
                    frequency=form.cleaned_data["payment_frequency"],
                    by=request.user,
                )
                quote = services.finish(quote=quote, by=request.user)
            except services.OfficeRuleBroken as error:
                messages.error(request, error.message)
        return redirect("quote", pk=quote.pk)
    ctx = {
        "quote": quote,
        "breakdown": offer.breakdown_view(quote.breakdown),
        "steps": _navigation(quote.answers, quote.steps_done, "result"),
        "payment_form": PaymentForm(initial=quote.answers.get("payment", {})),
        "offer_form": OfferForm(initial={"language": _language()}),
        "read_only": membership is None,
        "complete": wizard.is_complete(quote.answers, quote.steps_done),
    }
    return render(request, "quotes/detail.html", ctx)


@require_POST
def issue_offer(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access.require_membership(request.user)
    quote = access.get_broker_quote_or_404(membership, pk)
    form = OfferForm(request.POST)
    if not form.is_valid():
        return redirect("quote", pk=quote.pk)
    try:
        services.issue_offer(quote=quote, language=form.cleaned_data["language"], by=request.user)
    except services.OfficeRuleBroken as error:
        messages.error(request, error.message)
        return redirect("quote", pk=quote.pk)
    messages.success(request, _("L'offre est émise."))
    return redirect("quote", pk=quote.pk)


def offer_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    quote = access.get_quote_or_404(request.user, pk)
    if not quote.offer:
        raise Http404
    response = HttpResponse(offer.render_pdf(quote), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{quote.reference}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access.require_membership(request.user)
    quote = access.get_broker_quote_or_404(membership, pk)
    group = access.request_group(request)
    if group is None:
        raise Http404
    copy = services.duplicate(quote=quote, group=group, by=request.user)
    messages.success(
        request, _("La demande est dupliquée : %(reference)s.") % {"reference": copy.reference}
    )
    return redirect("quote", pk=copy.pk)


@require_POST
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access.require_membership(request.user)
    quote = access.get_broker_quote_or_404(membership, pk)
    services.archive(quote=quote, by=request.user)
    messages.success(request, _("La demande est archivée."))
    return redirect("quotes")


# Search


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    found = search_quotes(access.visible_quotes(request.user), query)[:50] if query else []
    ctx = {"query": query, "results": found}
    template = "quotes/search.html#results" if request.htmx else "quotes/search.html"
    return render(request, template, ctx)
