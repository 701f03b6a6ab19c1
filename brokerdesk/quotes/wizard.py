"""The Tool TPE wizard of one quote, as the views drive it.

It knows the steps and which of them the covers skip, fills each step's form from the draft or
the saved answers, turns valid data into answers (JSON), keeps what is typed as a draft, says
where to go next and prices a preview. The workflows themselves are in services.py.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from brokerdesk.catalogue.models import Product
from brokerdesk.clients.models import Client
from brokerdesk.lib.formfields import text_limit
from brokerdesk.lib.formtokens import form_token_for, posted_form_token
from brokerdesk.lib.http import id_param
from brokerdesk.lib.text import clean_text
from brokerdesk.offices.models import Group
from brokerdesk.quotes import forms as step_forms
from brokerdesk.quotes import pricing, rules, services
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.steps import BY_SLUG, STEPS, Step, applicable
from rating import AnswersError
from rating.nace import activity as nace_activity

FORMS: dict[str, type[forms.Form]] = {
    "activity": step_forms.ActivityForm,
    "covers": step_forms.CoversForm,
    "claims": step_forms.ClaimsForm,
    "legal": step_forms.LegalForm,
    "extra": step_forms.ExtraLegalForm,
    "h24": step_forms.H24Form,
}
# The steps that show the live premium beside their form.
PREVIEW_STEPS = {"legal", "extra", "h24"}
# What a draft keeps of each field: enough for anything real, never an unbounded row.
MAX_TYPED_LENGTH = 1000
MAX_TYPED_CHOICES = 20


class Wizard:
    """The wizard of a quote, or of the quote "+ Nouveau" is about to create (then `product`
    is given and step 1.1's draft waits in the session)."""

    def __init__(
        self,
        request: HttpRequest,
        *,
        quote: Quote | None = None,
        product: Product | None = None,
        clients: QuerySet[Client] | None = None,
        prefill: Client | None = None,
    ) -> None:
        self.request = request
        self.quote = quote
        self.product = product or quote.product
        self.session_key = f"quote-draft:{self.product.code}"
        # The user's visible clients, among which step 1.1 may pick one; and the client whose
        # record fills step 1.1 (picked in the suggestions, or "Nouvelle demande" on its page).
        self.clients = clients if clients is not None else Client.objects.none()
        self.prefill = prefill

    @property
    def answers(self) -> dict[str, Any]:
        return self.quote.answers if self.quote else {}

    @property
    def drafts(self) -> dict[str, Any]:
        if self.quote is None:
            return {"activity": self.request.session.get(self.session_key, {})}
        return self.quote.drafts

    @property
    def is_complete(self) -> bool:
        return self.quote is not None and self.first_missing() is None

    def step(self, slug: str) -> Step:
        """A step of this quote; a step the covers skip does not exist."""
        step = BY_SLUG.get(slug)
        if step is None or not step.applies(self.answers):
            raise Http404
        return step

    def form(self, step: Step) -> forms.Form:
        """The posted form, or one filled with the draft, else with the saved answers: unsaved
        typing wins, it is what the user saw last. An empty POST is still a submission (step
        1.2 may have nothing ticked)."""
        data = self.request.POST if self.request.method == "POST" else None
        initial = self.drafts.get(step.slug) or self.answers.get(step.slug, {})
        kwargs: dict[str, Any] = {}
        if step.slug == "activity":
            kwargs["language"] = self.request.LANGUAGE_CODE
            if self.prefill is not None and data is None:
                initial = {**initial, **client_answers(self.prefill, self.request.LANGUAGE_CODE)}
        if step.slug == "extra":
            covers = self.answers.get("covers", {})
            kwargs["with_manager"] = bool(covers.get("manager"))
            kwargs["with_options"] = bool(covers.get("extra_legal"))
        return FORMS[step.slug](data, initial=initial, **kwargs)

    def create(self, form: forms.Form, *, group: Group) -> Quote:
        """Step 1.1's "Étape suivante": the quote is stored from now on (posted twice, the
        first quote)."""
        answers = answers_of(form)
        chosen = self.chosen_client(answers)
        self.quote = services.start_quote(
            group=group,
            product=self.product,
            created_by=self.request.user,
            answers={"activity": answers},
            form_token=posted_form_token(self.request),
            client=chosen,
        )
        self.request.session.pop(self.session_key, None)
        return self.quote

    def save(self, step: Step, form: forms.Form) -> str:
        """Store the step; the address of the next one, or of the result once it is priced."""
        data = answers_of(form)
        chosen = self.chosen_client(data) if step.slug == "activity" else None
        self.quote = services.save_step(
            quote=self.quote, step=step.slug, data=data, by=self.request.user, client=chosen
        )
        steps = applicable(self.answers)
        following = steps[steps.index(step) + 1 :]
        if following:
            return reverse("quote_step", args=[self.quote.pk, following[0].slug])
        self.quote = services.finish(quote=self.quote, by=self.request.user)
        return reverse("quote", args=[self.quote.pk])

    def chosen_client(self, activity: dict[str, Any]) -> Client | None:
        """The client picked in step 1.1's suggestions, taken out of its answers; an id the
        user cannot see is ignored, like no choice at all."""
        client_id = activity.pop("client", None)
        if not client_id:
            return None
        return self.clients.filter(pk=client_id).first()

    def back(self, step: Step, form: forms.Form) -> str:
        """ "Précédent": keep what is typed here as a draft, valid or not, and go one step
        back (the first step has no "Précédent")."""
        if self.quote.status != Quote.Status.ARCHIVED:
            self.keep_draft(step, form)
        steps = applicable(self.answers)
        index = steps.index(step) if step in steps else 0
        return reverse("quote_step", args=[self.quote.pk, steps[max(index - 1, 0)].slug])

    def resume_url(self) -> str:
        """Where to go after a refusal: the first step still to do, else the result (a quote
        that no longer changes is only read there)."""
        missing = self.first_missing()
        if missing is None or not rules.can_edit(self.quote, self.request.user):
            return reverse("quote", args=[self.quote.pk])
        return reverse("quote_step", args=[self.quote.pk, missing.slug])

    def first_missing(self) -> Step | None:
        done = self.quote.steps_done if self.quote else []
        return next((step for step in applicable(self.answers) if step.slug not in done), None)

    def keep_draft(self, step: Step, form: forms.Form) -> None:
        """Keep the values as posted, valid or not, so that leaving the page loses nothing.

        They are held to the rules of every form (lib/text): a draft is what the user typed,
        so it is cleaned rather than refused (no control characters, no lone surrogates, no
        more than the field takes) before it reaches the JSON column.
        """
        post = self.request.POST
        typed: dict[str, Any] = {}
        for name, field in form.fields.items():
            field_name = form.add_prefix(name)
            if isinstance(field, forms.MultipleChoiceField):
                values = post.getlist(field_name)[:MAX_TYPED_CHOICES]
                typed[name] = [_typed_text(field, value) for value in values]
            elif field_name in post:
                typed[name] = _typed_text(field, post.get(field_name, ""))
        if self.quote is None:
            self.request.session[self.session_key] = typed
        else:
            # Our pages always send the revision they were shown with; without one (a script),
            # the draft is kept as before.
            revision = id_param(post["revision"]) if "revision" in post else None
            services.keep_draft(quote=self.quote, step=step.slug, typed=typed, revision=revision)

    def preview(self, step: Step, form: forms.Form | None = None) -> pricing.Priced | None:
        """The premium of the saved answers, with the step's valid typing if there is some."""
        answers = dict(self.answers)
        tariff = pricing.tariff_of(self.quote) if self.quote else None
        if form is not None and form.is_valid():
            answers[step.slug] = answers_of(form)
        elif form is not None and step.slug == "extra" and tariff is not None:
            # The options and amounts ticked so far, before the manager's age is typed: the
            # age decides whether the quote is referred, never the premium.
            typed = answers_of(form)
            if not typed.get("manager_age"):
                typed["manager_age"] = tariff.manager.min_age
            answers[step.slug] = typed
        if not pricing.has_legal_data(answers):
            return None
        return pricing.compute(answers, tariff)

    def navigation(self, current: str) -> list[dict[str, Any]]:
        """The steps by section, each done, current or skipped."""
        done = self.quote.steps_done if self.quote else []
        sections: list[dict[str, Any]] = []
        for item in STEPS:
            if not sections or sections[-1]["title"] != item.section:
                sections.append({"title": item.section, "steps": []})
            sections[-1]["steps"].append(
                {
                    "step": item,
                    "done": item.slug in done,
                    "current": item.slug == current,
                    "applies": item.applies(self.answers),
                }
            )
        return sections

    def page(self, step: Step, form: forms.Form) -> HttpResponse:
        show_preview = step.slug in PREVIEW_STEPS
        quote = self.quote
        locked_because = rules.why_not_editable(quote, self.request.user) if quote else None
        ctx = {
            "quote": self.quote,
            "product": self.product,
            "step": step,
            "form": form,
            "steps": self.navigation(step.slug),
            "preview": self.preview(step) if show_preview and self.quote else None,
            "show_preview": show_preview,
            "restored": not form.is_bound and bool(self.quote and self.drafts.get(step.slug)),
            # A quote that no longer changes is shown read only, with the reason why.
            "editable": locked_because is None,
            "locked_because": locked_because,
            "form_token": form_token_for(self.request) if quote is None else "",
            "revision": services.revision_of(self.quote, step.slug) if self.quote else 0,
            "prefill": self.prefill,
        }
        status = 400 if form.is_bound and form.errors else 200
        return render(self.request, "quotes/step.html", ctx, status=status)


def client_answers(client: Client, language: str) -> dict[str, Any]:
    """Step 1.1 filled from a client's record."""
    label = client.activity_code
    try:
        found = nace_activity(client.activity_code, "2025") if client.activity_code else None
    except AnswersError:
        found = None
    if found is not None:
        label = f"{found.code} {found.labels.get(language) or found.labels['fr']}"
    return {
        "client": client.pk,
        "client_name": client.name,
        "enterprise_number": client.enterprise_number,
        "activity": label,
        "street": client.street,
        "number": client.number,
        "postal_code": client.postal_code,
        "city": client.city,
    }


def _typed_text(field: forms.Field, value: str) -> str:
    limit = min(text_limit(field), MAX_TYPED_LENGTH)
    return clean_text(value, multiline=isinstance(field.widget, forms.Textarea), max_length=limit)


def answers_of(form: forms.Form) -> dict[str, Any]:
    """A valid step's data as stored in the quote's JSON answers (amounts as text)."""
    return {key: _plain(value) for key, value in form.cleaned_data.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def answers_summary(answers: dict[str, Any], language: str) -> list[tuple[str, list[tuple]]]:
    """The saved answers as the wizard asked them: each applicable step's title, then each
    field's label and the answer as the broker chose it (choices by their label)."""
    summary = []
    for step in applicable(answers):
        saved = answers.get(step.slug) or {}
        kwargs: dict[str, Any] = {}
        if step.slug == "activity":
            kwargs["language"] = language
        if step.slug == "extra":
            covers = answers.get("covers", {})
            kwargs["with_manager"] = bool(covers.get("manager"))
            kwargs["with_options"] = bool(covers.get("extra_legal"))
        form = FORMS[step.slug](initial=saved, **kwargs)
        lines = [
            (_answer_label(step, name, field), _shown_answer(field, saved[name]))
            for name, field in form.fields.items()
            if name in saved
        ]
        summary.append((f"{step.number} {step.title}", lines))
    return summary


def _answer_label(step: Step, name: str, field: forms.Field) -> str:
    # Step 2.1 is a table: its "Nombre" and "Salaires" are read with their category.
    category = dict(step_forms.CATEGORIES).get(name.split("_")[0])
    if step.slug == "legal" and category is not None:
        return f"{category} · {field.label}"
    return str(field.label)


def _shown_answer(field: forms.Field, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return gettext("Oui") if value else gettext("Non")
    choices = {str(key): label for key, label in getattr(field, "choices", ()) or ()}
    if isinstance(value, list):
        return ", ".join(str(choices.get(str(item), item)) for item in value)
    return str(choices.get(str(value), value))
