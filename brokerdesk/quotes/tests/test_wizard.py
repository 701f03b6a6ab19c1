from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

import rating
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.tests.conftest import ACTIVITY, LEGAL


@pytest.mark.django_db
def test_the_first_screen_follows_the_manual(client, bob, accepted):
    client.force_login(bob)
    html = client.get(reverse("quote_new", args=["TPE-KMO"])).content.decode()
    for text in (
        "1. CONTEXTE",
        "1.1. Activité",
        "1.2. Choix des couvertures",
        "1.3. Historique sinistre",
        "2. ACCIDENTS DU TRAVAIL",
        "2.1. Garantie légale",
        "2.2. Garanties extra-légales",
        "2.3. 24h-24h",
        "Nom / raison sociale",
        "Activité exercée",
        "Étape suivante",
    ):
        assert text in html, text


@pytest.mark.django_db
def test_the_whole_wizard_prices_the_quote(client, bob, fill):
    client.force_login(bob)
    pk = fill(client)
    quote = Quote.objects.get(pk=pk)
    assert quote.status == Quote.Status.PRICED
    assert quote.reference == "PV_TPE-KMO_BOULANGERIE-DUPUIS_0001"
    assert quote.group == bob.membership.current_group and quote.created_by == bob
    # The wizard hands the engine exactly these answers (the engine has its own golden tests).
    expected = rating.price(
        rating.answers_from_dict(
            {
                "activity_code": "47.110",
                "insurance_year": 2026,
                "staff": {
                    "employees": {
                        "headcount": 3,
                        "total_wages": "157000",
                        "workers_above_ceiling": 1,
                    },
                    "workers": {"headcount": 2, "total_wages": "79000", "workers_above_ceiling": 0},
                },
                "extra_legal_options": ["excess_wages", "temporary_incapacity_100"],
                "h24": {"categories": ["employees", "workers"], "mode": "pct_payroll"},
                "claims": {"history_known": False, "years": 3, "previous_insurer": "Ethias"},
            }
        )
    )
    assert quote.total_annual == expected.total_annual == Decimal("3847.92")
    assert quote.tariff_version == "TPE-AT-2026.1"
    assert quote.answers["activity"]["city"] == "Bruxelles"
    assert set(quote.steps_done) == {"activity", "covers", "claims", "legal", "extra", "h24"}
    html = client.get(reverse("quote", args=[pk])).content.decode()
    for text in (
        "3\u202f847,92\u00a0€",
        "Garantie légale",
        "Garanties extra-légales",
        "Total par an",
        "Générer l'offre",
        "Dupliquer",
        "Archiver",
        "Cotisation INAMI",
    ):
        assert text in html.replace("&#x27;", "'"), text


@pytest.mark.django_db
def test_steps_not_chosen_are_skipped(client, bob, accepted):
    client.force_login(bob)
    response = client.post(reverse("quote_new", args=["TPE-KMO"]), ACTIVITY)
    pk = int(response.url.split("/")[2])
    client.post(reverse("quote_step", args=[pk, "covers"]), {})
    client.post(
        reverse("quote_step", args=[pk, "claims"]),
        {
            "history_known": "no",
            "years": "0",
            "no_lost_time": 0,
            "temporary_incapacity": 0,
            "permanent_incapacity": 0,
            "fatal": 0,
            "cancelled_by_insurer": "no",
            "aggravated_risk": "no",
        },
    )
    response = client.post(reverse("quote_step", args=[pk, "legal"]), LEGAL)
    assert response.url == reverse("quote", args=[pk])
    assert Quote.objects.get(pk=pk).status == Quote.Status.PRICED
    assert client.get(reverse("quote_step", args=[pk, "h24"])).status_code == 404


@pytest.mark.parametrize(
    ("slug", "data", "field", "message"),
    [
        ("legal", {**LEGAL, "workers_wages": "-5"}, "workers_wages", "supérieure ou égale à 0"),
        ("legal", {**LEGAL, "workers_wages": ""}, "workers_wages", "masse salariale"),
        (
            "legal",
            {**LEGAL, "employees_headcount": "5000"},
            "employees_headcount",
            "très petites entreprises",
        ),
        ("legal", {**LEGAL, "employees_above": "9"}, "employees_above", "Pas plus"),
        ("legal", {**LEGAL, "workers_wages": "900000000"}, "workers_wages", "vérifiez"),
    ],
)
@pytest.mark.django_db
def test_bad_input_gets_its_message_and_keeps_the_rest(
    client, bob, fill, slug, data, field, message
):
    client.force_login(bob)
    pk = fill(client)
    before = Quote.objects.get(pk=pk).answers[slug]
    response = client.post(reverse("quote_step", args=[pk, slug]), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    html = response.content.decode()
    assert 'value="157000"' in html  # the rest of what was typed is kept
    assert Quote.objects.get(pk=pk).answers[slug] == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"activity": "99.999 Nimporte quoi"}, "activity"),
        ({"activity": ""}, "activity"),
        ({"enterprise_number": "BE0403019262"}, "enterprise_number"),
        ({"client_name": ""}, "client_name"),
    ],
)
@pytest.mark.django_db
def test_the_first_step_refuses_bad_input_and_stores_nothing(client, bob, accepted, changes, field):
    client.force_login(bob)
    response = client.post(reverse("quote_new", args=["TPE-KMO"]), {**ACTIVITY, **changes})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert "Rue de la Loi" in response.content.decode()
    assert not Quote.objects.exists()


@pytest.mark.django_db
def test_no_staff_at_all_is_refused(client, bob, fill):
    client.force_login(bob)
    pk = fill(client)
    empty = {"students_function": "workers"}
    response = client.post(reverse("quote_step", args=[pk, "legal"]), empty)
    assert "au moins une personne" in response.content.decode()


@pytest.mark.django_db
def test_editing_a_priced_quote_returns_it_to_draft_with_a_new_price(client, bob, fill):
    client.force_login(bob)
    pk = fill(client)
    client.post(reverse("quote_step", args=[pk, "legal"]), {**LEGAL, "workers_wages": "90000"})
    quote = Quote.objects.get(pk=pk)
    assert quote.status == Quote.Status.DRAFT
    assert quote.total_annual > Decimal("3847.92")
    # back to the end: priced again
    client.post(
        reverse("quote_step", args=[pk, "h24"]),
        {"categories": ["employees", "workers"], "mode": "pct_payroll"},
    )
    assert Quote.objects.get(pk=pk).status == Quote.Status.PRICED


@pytest.mark.django_db
def test_a_referred_quote_says_it_must_go_to_the_insurer(client, bob, fill):
    client.force_login(bob)
    pk = fill(client, claims={"history_known": "yes", "fatal": "1"})
    quote = Quote.objects.get(pk=pk)
    assert quote.referred
    html = client.get(reverse("quote", args=[pk])).content.decode()
    assert "doit être soumise à la compagnie" in html


@pytest.mark.django_db
def test_the_payment_frequency_changes_the_instalment(client, bob, fill):
    client.force_login(bob)
    pk = fill(client)
    client.post(reverse("quote", args=[pk]), {"payment_frequency": "quarterly"})
    quote = Quote.objects.get(pk=pk)
    assert quote.breakdown["instalments"] == 4
    assert quote.total_annual > Decimal("3847.92")  # instalment surcharge
    assert quote.status == Quote.Status.PRICED


@pytest.mark.django_db
def test_the_live_preview_prices_what_is_typed_without_saving(client, bob, fill):
    client.force_login(bob)
    pk = fill(client)
    response = client.post(
        reverse("quote_draft", args=[pk, "legal"]),
        {**LEGAL, "workers_wages": "90000"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    # A premium, not the saved one (3 847,92 €), and only the preview, not a page
    assert "\u00a0€" in html and "3\u00a0847,92" not in html and "<html" not in html
    assert Quote.objects.get(pk=pk).answers["legal"]["workers_wages"] == "79000"


@pytest.mark.django_db
def test_activity_search_as_you_type_in_the_users_language(client, bob, accepted):
    bob.language = "nl"
    bob.save()
    client.force_login(bob)
    html = client.get(reverse("activities"), {"activity": "bakker"}).content.decode()
    assert "<option" in html and "akker" in html
    client.force_login(bob)
    html = client.get(reverse("activities"), {"activity": "47.11"}).content.decode()
    assert "47.110" in html


@pytest.mark.django_db
def test_references_count_per_office(client, alice, bob, fill):
    client.force_login(bob)
    first, second = fill(client), fill(client, activity={"client_name": "Café Élysée"})
    assert Quote.objects.get(pk=second).reference == "PV_TPE-KMO_CAFE-ELYSEE_0002"
    assert Quote.objects.get(pk=first).number == 1


@pytest.mark.django_db
def test_duplicate_and_archive(client, bob, fill):
    client.force_login(bob)
    pk = fill(client)
    response = client.post(reverse("quote_duplicate", args=[pk]))
    copy = Quote.objects.exclude(pk=pk).get()
    assert response.url == reverse("quote", args=[copy.pk])
    assert copy.answers == Quote.objects.get(pk=pk).answers
    assert copy.reference.endswith("_0002") and copy.total_annual == Decimal("3847.92")
    client.post(reverse("quote_archive", args=[pk]))
    assert Quote.objects.get(pk=pk).status == Quote.Status.ARCHIVED
    response = client.post(reverse("quote_step", args=[pk, "legal"]), LEGAL, follow=True)
    assert "archivée" in response.content.decode()


@pytest.mark.django_db
def test_what_is_typed_but_not_saved_comes_back_after_leaving(client, bob, fill):
    client.force_login(bob)
    pk = fill(client)
    # typing (invalid on purpose) in 2.1, then leaving the page without "Étape suivante"
    client.post(
        reverse("quote_draft", args=[pk, "legal"]),
        {**LEGAL, "workers_wages": "-12", "employees_headcount": "7"},
    )
    page = client.get(reverse("quote_step", args=[pk, "legal"])).content.decode()
    assert 'value="-12"' in page and 'value="7"' in page
    assert "rétabli" in page
    # the saved answers did not change, and saving the step forgets the draft
    assert Quote.objects.get(pk=pk).answers["legal"]["workers_wages"] == "79000"
    client.post(reverse("quote_step", args=[pk, "legal"]), LEGAL)
    assert Quote.objects.get(pk=pk).drafts == {}


@pytest.mark.django_db
def test_the_first_step_keeps_its_typing_before_the_quote_exists(client, bob, accepted):
    client.force_login(bob)
    url = reverse("quote_new_draft", args=["TPE-KMO"])
    assert client.post(url, {"client_name": "Garage Wouters", "activity": "45"}).status_code == 204
    page = client.get(reverse("quote_new", args=["TPE-KMO"])).content.decode()
    assert 'value="Garage Wouters"' in page
    assert not Quote.objects.exists()


@pytest.mark.django_db
def test_reopening_a_step_shows_the_saved_choices(client, bob, fill):
    client.force_login(bob)
    pk = fill(client, claims={"history_known": "yes", "aggravated_risk": "yes"})
    page = client.get(reverse("quote_step", args=[pk, "claims"])).content.decode()
    radios = re.findall(r'<input type="radio" name="(\w+)" value="(\w+)"[^>]*?( checked)?>', page)
    chosen = {name: value for name, value, checked in radios if checked}
    assert chosen == {
        "history_known": "yes",
        "cancelled_by_insurer": "no",
        "aggravated_risk": "yes",
    }
