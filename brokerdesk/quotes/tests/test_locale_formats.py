"""Amounts, rates and labels read the same way on the result page, in its "Détail du calcul"
and in the offer PDF, in the format of each language."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from brokerdesk.quotes.forms import CoversForm, ExtraLegalForm, H24Form, LegalForm, PaymentForm
from conftest import pdf_text
from rating.messages import CATEGORY_LABELS, MESSAGES

NBSP = "\u00a0"
TOTAL = {"fr": "3\u202f847,92\u00a0€", "nl": f"€{NBSP}3.847,92", "en": "€3,847.92"}
# The euro sign after a figure: French only.
SIGN_AFTER = re.compile(r"\d[\s\u00a0\u202f]?€")


def details(html: str) -> str:
    """The "Détail du calcul" lines of the result page."""
    return html[html.index('<ul class="small mt-2">') :].split("</ul>")[0]


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.django_db
def test_the_result_page_and_its_calculation_detail_use_the_languages_format(
    client, bob, fill, language
):
    bob.language = language
    bob.save()
    client.force_login(bob)
    client.cookies["django_language"] = language
    html = client.get(reverse("quote", args=[fill(client)])).content.decode()
    assert TOTAL[language] in html
    lines = details(html)
    assert "€" in lines
    assert bool(SIGN_AFTER.search(lines)) == (language == "fr"), lines
    if language == "nl":
        assert "€ " not in lines and "€" + NBSP in lines  # never "€ 1.234,00 €"


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.django_db
def test_the_offer_pdf_uses_the_languages_format_and_activity_label(client, bob, fill, language):
    client.force_login(bob)
    pk = fill(client)  # made in French: the stored activity reads "47.110 Commerce de détail..."
    client.post(reverse("quote_offer", args=[pk]), {"language": language})
    text = " ".join(pdf_text(client.get(reverse("quote_pdf", args=[pk])).content).split())
    assert TOTAL[language].replace(NBSP, " ").replace("\u202f", " ") in text
    label = {
        "fr": "Commerce de détail non spécialisé",
        "nl": "Niet-gespecialiseerde detailhandel",
        "en": "Non-specialised retail sale",
    }[language]
    assert label in text
    if language != "fr":
        assert "Commerce de détail" not in text


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_wizard_names_every_choice_as_the_engine_does(language):
    fields = [
        (LegalForm, "students_function", "category."),
        (ExtraLegalForm, "options", "option."),
        (H24Form, "categories", "category."),
        (H24Form, "mode", "h24_mode."),
        (PaymentForm, "payment_frequency", "frequency."),
    ]
    with translation.override(language):
        for form, name, prefix in fields:
            for code, label in form.base_fields[name].choices:
                assert str(label) == translation.gettext(MESSAGES[prefix + code]), (name, code)
        for code in ("extra_legal", "h24", "manager"):
            label = CoversForm.base_fields[code].label
            assert str(label) == translation.gettext(MESSAGES[f"section.{code}"])
        rows = dict(LegalForm().rows())
        assert set(rows) == {translation.gettext(label) for label in CATEGORY_LABELS.values()}
