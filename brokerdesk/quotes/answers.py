"""The wizard's answers as one JSON document (the API): each step checked by its own form.

The same forms as the browser's steps, so the same rules and the same messages; a document
differs from a POST only in its types (JSON booleans for the yes/no questions, numbers).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from brokerdesk.quotes.steps import STEPS
from brokerdesk.quotes.wizard import FORMS, answers_of

NOT_APPLICABLE = _("Cette étape ne s'applique pas aux couvertures choisies.")
# Where a step's own (not a field's) error is reported.
STEP_ERROR = "__all__"


class Invalid(Exception):
    """The document's errors: (path within the answers, message) pairs."""

    def __init__(self, errors: list[tuple[list[str], str]]) -> None:
        super().__init__(errors)
        self.errors = errors


def check(
    document: dict[str, dict[str, Any]], *, saved: dict[str, Any], language: str
) -> dict[str, dict[str, Any]]:
    """The document's steps as stored answers, in the wizard's order; or Invalid with every
    error at once. `saved` are the quote's answers so far (the covers decide which steps
    apply)."""
    merged = {**saved}
    checked: dict[str, dict[str, Any]] = {}
    errors: list[tuple[list[str], str]] = []
    for step in STEPS:
        if step.slug not in document:
            continue
        if not step.applies({**merged, **checked}):
            errors.append(([step.slug], str(NOT_APPLICABLE)))
            continue
        form = _form(step.slug, document[step.slug], {**merged, **checked}, language)
        if form.is_valid():
            checked[step.slug] = answers_of(form)
            continue
        for field, messages in form.errors.items():
            path = [step.slug] if field == STEP_ERROR else [step.slug, field]
            errors += [(path, str(message)) for message in messages]
    if errors:
        raise Invalid(errors)
    return checked


def _form(slug: str, data: dict[str, Any], answers: dict[str, Any], language: str) -> forms.Form:
    form_class = FORMS[slug]
    kwargs: dict[str, Any] = {}
    if slug == "activity":
        kwargs["language"] = language
    if slug == "extra":
        kwargs["with_manager"] = bool(answers.get("covers", {}).get("manager"))
    form = form_class(**kwargs)  # unbound: which fields the step has
    return form_class(_as_posted(form, data), **kwargs)


def _as_posted(form: forms.Form, data: dict[str, Any]) -> dict[str, Any]:
    """JSON values as a browser would post them: yes/no questions as "yes" or "no"; a field
    left out (or null) is what the browser's step shows before anything is typed."""
    posted: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = data.get(name)
        if value is None:
            value = form.get_initial_for_field(field, name)
        if value is None:
            continue
        if isinstance(field, forms.TypedChoiceField) and isinstance(value, bool):
            value = "yes" if value else "no"
        posted[name] = value
    return posted
