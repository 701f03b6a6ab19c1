"""No form shows an example its own field would refuse."""

from __future__ import annotations

from importlib import import_module, util

from django import forms
from django.apps import apps

from brokerdesk.lib.formfields import EnterpriseNumberField, PhoneField, WebsiteField


def project_forms() -> list[type[forms.BaseForm]]:
    for app in apps.get_app_configs():
        if app.name.startswith("brokerdesk.") and util.find_spec(f"{app.name}.forms"):
            import_module(f"{app.name}.forms")
    found, todo = [], [forms.BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            if subclass.__module__.startswith("brokerdesk."):
                found.append(subclass)
    return found


def test_every_placeholder_passes_its_fields_validation():
    checked = set()
    for form in project_forms():
        for name, field in getattr(form, "base_fields", {}).items():
            placeholder = field.widget.attrs.get("placeholder")
            if placeholder is None:
                continue
            try:
                field.clean(str(placeholder))
            except forms.ValidationError as error:
                raise AssertionError(
                    f"{form.__name__}.{name}: placeholder {placeholder!r} refused: {error.messages}"
                ) from None
            checked.add(type(field))
    assert {PhoneField, EnterpriseNumberField, WebsiteField, forms.EmailField} <= checked
