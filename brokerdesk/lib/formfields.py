"""The base of every form (input hygiene, Bootstrap styling) and the form fields for Belgian
company data, shared by sign-up, offices and groups."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from brokerdesk.lib.belgium import (
    format_enterprise_number,
    format_phone,
    municipality,
    normalise_enterprise_number,
    parse_phone,
    proposed_city,
)
from brokerdesk.lib.http import id_param
from brokerdesk.lib.text import MAX_EMAIL_LENGTH, MAX_TEXT_LENGTH, text_problem

# The words of a list's filter: more than any name or e-mail address, less than databases refuse
# in a LIKE pattern (SQLite: 50,000 characters).
MAX_FILTER_LENGTH = 200
TEXT_MESSAGES = {
    "control": _(
        "Ce texte contient des caractères invisibles qui ne sont pas acceptés (caractères de "
        "contrôle) : retirez-les."
    ),
    "line_break": _(
        "Ce champ tient sur une seule ligne : retirez les retours à la ligne et les tabulations."
    ),
    "surrogate": _("Ce texte contient des caractères qui ne sont pas valides."),
}


class SafeInputForm(forms.BaseForm):
    """The base of every form of the portal (tests/test_architecture.py checks it): whatever
    is posted to a field is held to lib/text's rules before the field reads it, so a NUL, a
    control character, a lone surrogate or a text longer than the field gets a message on the
    field instead of reaching the database, and an id no table can hold (Unicode digits,
    thousands of digits, beyond 64 bits) is an invalid choice instead of an error."""

    def _clean_fields(self) -> None:
        # Fields are checked as the form is cleaned, not when it is built: some forms add
        # fields in their own __init__, after this class's.
        for field in self.fields.values():
            _guard(field)
        super()._clean_fields()


def _guard(field: forms.Field) -> None:
    if getattr(field, "_input_guarded", False):
        return
    original = field.clean

    def clean(value: Any, *args: Any) -> Any:
        check_input(field, value)
        return original(value, *args)

    field.clean = clean  # type: ignore[method-assign]  # this form's own copy of the field
    field._input_guarded = True  # type: ignore[attr-defined]


def text_limit(field: forms.Field) -> int:
    """The most characters a field takes: the max_length it enforces, 254 for e-mail
    addresses, else lib/text's general limit (numbers and choices are never that long). A field
    that dropped its length validator says itself what is wrong with a long value."""
    enforced = [
        v.limit_value
        for v in field.validators
        if isinstance(v, MaxLengthValidator) and isinstance(v.limit_value, int)
    ]
    limit = min(enforced, default=MAX_TEXT_LENGTH)
    if isinstance(field, forms.EmailField):
        return min(limit, MAX_EMAIL_LENGTH)
    return limit


def check_input(field: forms.Field, value: Any) -> None:
    """Raise the field's message when the raw value breaks the rules of lib/text."""
    values = value if isinstance(value, list | tuple) else [value]
    texts = [item for item in values if isinstance(item, str)]
    multiline = isinstance(field.widget, forms.Textarea)
    limit = text_limit(field)
    for text in texts:
        problem = text_problem(text, multiline=multiline, max_length=limit)
        if problem == "too_long":
            MaxLengthValidator(limit)(text)  # Django's own message, in every language
        elif problem:
            raise forms.ValidationError(TEXT_MESSAGES[problem], code=problem)
    if _chosen_by_integer_id(field):
        for text in texts:
            if text.strip() and not id_param(text.strip()):
                _invalid_choice(field, text)


def _chosen_by_integer_id(field: forms.Field) -> bool:
    return (
        isinstance(field, forms.ModelChoiceField)
        and field.to_field_name is None
        and isinstance(field.queryset.model._meta.pk, models.IntegerField)
    )


def _invalid_choice(field: forms.ModelChoiceField, text: str) -> None:
    if isinstance(field, forms.ModelMultipleChoiceField):
        message, code = field.error_messages["invalid_pk_value"], "invalid_pk_value"
    else:
        message, code = field.error_messages["invalid_choice"], "invalid_choice"
    raise forms.ValidationError(message, code=code, params={"pk": text[:20], "value": text[:20]})


class StyledForm(SafeInputForm):
    """Gives every widget its Bootstrap class; errors are marked by Django's aria-invalid."""

    small = False  # the compact size of the filters above a list

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select form-select-sm" if self.small else "form-select"
            else:
                css = "form-control form-control-sm" if self.small else "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if isinstance(field, forms.EmailField):
                widget.attrs.setdefault("maxlength", str(text_limit(field)))


class FilterForm(StyledForm, forms.Form):
    """The filters above a list: words to look for, then the drop-downs of each list."""

    small = True
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=MAX_FILTER_LENGTH)


class EnterpriseNumberField(forms.CharField):
    """Accepts BE0123456789, 0123.456.789 or with spaces; cleans to the 10 digits."""

    default_error_messages = {
        "invalid": _(
            "Ce numéro d'entreprise n'est pas valide. "
            "Le numéro d'entreprise doit suivre la structure suivante BE0123456789."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        # Too long is as wrong as any other typo: one message, with the expected structure.
        self.validators = []
        # A number that passes the check, so the example never contradicts the validator.
        self.widget.attrs.setdefault("placeholder", "BE0123456749")

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, str) and len(value) == 10 and value.isdigit():
            return format_enterprise_number(value)
        return value

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if not value:
            return ""
        number = normalise_enterprise_number(value)
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class PostalCodeField(forms.CharField):
    default_error_messages = {"invalid": _("Ce code postal belge n'existe pas.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 4)
        super().__init__(**kwargs)
        self.widget.attrs.update(inputmode="numeric", autocomplete="postal-code")

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if value and municipality(value, "fr") is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class PhoneField(forms.CharField):
    default_error_messages = {"invalid": _("Ce numéro de téléphone n'est pas valide.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.update(placeholder="0412 34 56 78", autocomplete="tel")

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, str) and value.startswith("+") and parse_phone(value) == value:
            return format_phone(value)
        return value

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if not value:
            return ""
        e164 = parse_phone(value)
        if e164 is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return e164


# The admin's forms for models with a URLField: an address typed without its scheme is https
# (as WebsiteField), which Django 6 makes the default.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class WebsiteField(forms.URLField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("placeholder", "https://mondomaine.com")


class CityFromPostalCode(StyledForm):
    """Forms with a postal code and a Ville: the city is proposed from the postal code as soon
    as it is typed (htmx swaps the input), and filled in on saving when left empty."""

    def __init__(self, *args: Any, language: str = "fr", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language = language
        city_id, postal_code_id = self["city"].auto_id, self["postal_code"].auto_id
        self.fields["postal_code"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("city"),
                "hx-trigger": "input changed delay:300ms, change",
                "hx-target": f"#{city_id}",
                "hx-swap": "outerHTML",
                "hx-include": f"#{postal_code_id}, #{city_id}",
            }
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("postal_code") and not data.get("city"):
            data["city"] = proposed_city(data["postal_code"], "", self.language)
            # Show the proposal too if the form comes back with errors elsewhere.
            self.data = self.data.copy()
            self.data[self.add_prefix("city")] = data["city"]
        return data


class CompanyDetailsForm(CityFromPostalCode, forms.ModelForm):
    """The address and identifiers of an office or a group, with the Belgian checks."""

    enterprise_number = EnterpriseNumberField(label=_("Numéro d'entreprise"), required=False)
    postal_code = PostalCodeField(label=_("Code postal"), required=False)
    phone = PhoneField(label=_("Numéro de téléphone"), required=False)
    website = WebsiteField(label=_("Site Web"), required=False)
