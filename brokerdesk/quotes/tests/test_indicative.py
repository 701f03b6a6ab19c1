"""A price on legal figures the tariff only assumes is marked indicative wherever it is shown;
the result page and the PDF read the engine's typed breakdown; the wizard checks activities
with the engine."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse

from brokerdesk.quotes import forms
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.tests.conftest import ACTIVITY
from conftest import pdf_text
from rating.messages import CATEGORY_LABELS, OPTION_LABELS

MENTION = {
    "fr": "Tarif indicatif — paramètres légaux non confirmés",
    "nl": "Indicatief tarief — wettelijke parameters niet bevestigd",
    "en": "Indicative tariff — legal figures not confirmed",
}
STORED = Path(__file__).resolve().parents[3] / "rating/tests/stored_breakdown_2026-11.json"


def _html(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


@pytest.mark.django_db
def test_a_quote_on_assumed_legal_figures_says_so_with_the_figures(client, bob, fill):
    client.force_login(bob)
    pk = fill(client)  # insurance year 2026: ceiling and INAMI rate are assumptions
    quote = Quote.objects.get(pk=pk)
    assert quote.indicative
    assert quote.breakdown["indicative"] is True
    assert quote.breakdown["assumed_figures"] == ["ceiling", "inami_rate"]

    html = _html(client.get(reverse("quote", args=[pk])))
    assert MENTION["fr"] in html
    details = html.split("<summary>Détail du calcul</summary>", 1)[1]
    assert "Plafond légal 2026 de 56\u202f900,00\u00a0€ : hypothèse" in details
    assert "Cotisation INAMI 2026 de 3,20\u00a0% : hypothèse" in details

    listed = _html(client.get(reverse("quotes")))
    assert "Tarif indicatif</span>" in listed and f'title="{MENTION["fr"]}"' in listed


@pytest.mark.django_db
def test_a_quote_on_published_figures_is_not_indicative(client, bob, fill):
    client.force_login(bob)
    pk = fill(client, activity={"insurance_year": "2024"})
    quote = Quote.objects.get(pk=pk)
    assert not quote.indicative and quote.breakdown["assumed_figures"] == []
    assert MENTION["fr"] not in _html(client.get(reverse("quote", args=[pk])))
    assert "Tarif indicatif" not in _html(client.get(reverse("quotes")))


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.django_db
def test_the_offer_pdf_carries_the_mention_in_its_language(client, bob, fill, language):
    client.force_login(bob)
    pk = fill(client)
    client.post(reverse("quote_offer", args=[pk]), {"language": language})
    text = " ".join(pdf_text(client.get(reverse("quote_pdf", args=[pk])).content).split())
    assert MENTION[language] in text
    assert "2026" in text.split(MENTION[language], 1)[1][:200]  # the assumed figures follow


@pytest.mark.django_db
def test_the_result_page_is_in_the_users_language(client, bob, fill):
    bob.language = "nl"
    bob.save()
    client.force_login(bob)
    pk = fill(client)
    html = _html(client.get(reverse("quote", args=[pk])))
    assert MENTION["nl"] in html
    assert "Wettelijk plafond 2026 van €\u00a056.900,00: aanname" in html


@pytest.mark.django_db
def test_a_breakdown_stored_before_the_flag_reads_and_is_marked(client, bob, fill):
    client.force_login(bob)
    pk = fill(client)
    stored = json.loads(STORED.read_text("utf-8"))
    Quote.objects.filter(pk=pk).update(breakdown=stored, indicative=False)

    migration = importlib.import_module("brokerdesk.quotes.migrations.0005_indicative")
    migration.mark_indicative(apps, None)

    assert Quote.objects.get(pk=pk).indicative
    html = _html(client.get(reverse("quote", args=[pk])))
    assert MENTION["fr"] in html
    assert "4\u202f249,78\u00a0€" in html  # the stored total, not a new price
    assert "Dirigeant 1 : âge de 70 ans" in html  # its stored referral


@pytest.mark.django_db
def test_the_result_page_names_options_and_categories_as_the_wizard_does(client, bob, fill):
    client.force_login(bob)
    pk = fill(client)
    html = _html(client.get(reverse("quote", args=[pk])))
    assert OPTION_LABELS["excess_wages"] in html
    assert CATEGORY_LABELS["workers"] in html
    assert dict(forms.OPTIONS)["excess_wages"] == OPTION_LABELS["excess_wages"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("47.1 Commerce de détail", "désigne une famille d'activités"),
        ("G", "désigne une famille d'activités"),
        (
            "45.201 Réparation automobile",
            "n'est pas un code NACE-BEL 2025 mais un code NACE-BEL 2008",
        ),
        ("99.999", "Code NACE-BEL 2025 inconnu : « 99.999 »"),
    ],
)
@pytest.mark.django_db
def test_the_wizard_refuses_activities_the_engine_refuses(client, bob, accepted, typed, message):
    client.force_login(bob)
    response = client.post(reverse("quote_new", args=["TPE-KMO"]), {**ACTIVITY, "activity": typed})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["activity"])


@pytest.mark.django_db
def test_the_wizard_says_why_in_the_users_language(client, bob, accepted):
    bob.language = "nl"
    bob.save()
    client.force_login(bob)
    response = client.post(reverse("quote_new", args=["TPE-KMO"]), {**ACTIVITY, "activity": "47"})
    assert "staat voor een groep activiteiten" in " ".join(
        response.context["form"].errors["activity"]
    )
