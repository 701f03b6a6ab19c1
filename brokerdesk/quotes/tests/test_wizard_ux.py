"""Everyday use of the wizard (issue 14): what a broker hits in the first hour."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.tests.conftest import ACTIVITY, CLAIMS, LEGAL


def _start(client) -> int:
    response = client.post(reverse("quote_new", args=["TPE-KMO"]), ACTIVITY)
    assert response.status_code == 302
    return int(response.url.split("/")[2])


# 1.3 Historique sinistre


@pytest.mark.django_db
def test_an_unknown_history_asks_for_no_years_or_claims(client, bob, accepted):
    client.force_login(bob)
    pk = _start(client)
    client.post(reverse("quote_step", args=[pk, "covers"]), {})
    # "Non", and the hidden fields empty or even wrong: the step goes through.
    data = {
        "history_known": "no",
        "years": "",
        "no_lost_time": "",
        "temporary_incapacity": "x",
        "fatal": "2",
        "cancelled_by_insurer": "no",
        "aggravated_risk": "no",
    }
    response = client.post(reverse("quote_step", args=[pk, "claims"]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    claims = Quote.objects.get(pk=pk).answers["claims"]
    assert claims["history_known"] is False
    # Nothing of the hidden fields is kept: a stale fatal accident would refer the quote.
    assert [claims[name] for name in ("years", "no_lost_time", "temporary_incapacity")] == [0] * 3
    assert claims["fatal"] == 0


@pytest.mark.django_db
def test_a_known_history_still_requires_its_fields(client, bob, accepted):
    client.force_login(bob)
    pk = _start(client)
    client.post(reverse("quote_step", args=[pk, "covers"]), {})
    data = {**CLAIMS, "history_known": "yes", "years": "", "fatal": ""}
    response = client.post(reverse("quote_step", args=[pk, "claims"]), data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"years", "fatal"}


@pytest.mark.django_db
def test_the_history_fields_are_grouped_to_be_hidden(client, bob, accepted):
    client.force_login(bob)
    pk = _start(client)
    client.post(reverse("quote_step", args=[pk, "covers"]), {})
    html = client.get(reverse("quote_step", args=[pk, "claims"])).content.decode()
    group = html.split('class="bd-claims-history"')[1].split("</div>\n          ")[0]
    for name in ("years", "no_lost_time", "temporary_incapacity", "permanent_incapacity"):
        assert f'name="{name}"' in group
    assert 'name="previous_insurer"' not in group


# "Précédent"


@pytest.mark.django_db
def test_previous_keeps_what_is_typed_and_goes_one_step_back(client, bob, accepted):
    client.force_login(bob)
    pk = _start(client)

    def page(slug: str) -> str:
        return client.get(reverse("quote_step", args=[pk, slug])).content.decode()

    assert "Précédent" not in page("activity")
    assert "Précédent" in page("covers")
    client.post(reverse("quote_step", args=[pk, "covers"]), {"extra_legal": "on"})
    client.post(reverse("quote_step", args=[pk, "claims"]), CLAIMS)
    # 2.1 half typed, even invalid: "Précédent" goes to 1.3 and keeps it.
    typed = {"workers_headcount": "3", "workers_wages": "12a", "previous": "1"}
    response = client.post(reverse("quote_step", args=[pk, "legal"]), typed)
    assert response.status_code == 302
    assert response.url == reverse("quote_step", args=[pk, "claims"])
    html = client.get(reverse("quote_step", args=[pk, "legal"])).content.decode()
    assert 'value="12a"' in html and 'value="3"' in html
    # 2.2, then "Précédent" goes back to 2.1; from 1.2 back to 1.1.
    response = client.post(reverse("quote_step", args=[pk, "extra"]), {"previous": "1"})
    assert response.url == reverse("quote_step", args=[pk, "legal"])
    response = client.post(reverse("quote_step", args=[pk, "covers"]), {"previous": "1"})
    assert response.url == reverse("quote_step", args=[pk, "activity"])


# 1.2 and 2.2: what each cover and option is


@pytest.mark.django_db
def test_step_1_2_explains_each_cover_and_the_manager_cover_is_not_24h(client, bob, accepted):
    client.force_login(bob)
    pk = _start(client)
    html = client.get(reverse("quote_step", args=[pk, "covers"])).content.decode()
    assert "Couverture du dirigeant indépendant" in html
    assert "(24h/24)" not in html
    for name in ("extra_legal", "h24", "manager"):
        assert f'aria-describedby="id_{name}_helptext"' in html
        assert f'id="id_{name}_helptext">' in html
    assert "que la loi ne couvre pas" in html.replace("&#x27;", "'")


def _to_extra(client, covers: dict[str, str]) -> int:
    pk = _start(client)
    for slug, data in (("covers", covers), ("claims", CLAIMS), ("legal", LEGAL)):
        assert client.post(reverse("quote_step", args=[pk, slug]), data).status_code == 302
    return pk


@pytest.mark.django_db
def test_step_2_2_explains_each_option_and_gives_the_manager_a_heading(client, bob, accepted):
    client.force_login(bob)
    pk = _to_extra(client, {"extra_legal": "on", "manager": "on"})
    html = client.get(reverse("quote_step", args=[pk, "extra"])).content.decode()
    html = html.replace("&#x27;", "'")
    assert '<h2 class="h5" id="manager-title">Couverture du dirigeant indépendant</h2>' in html
    assert "ne couvre pas le dirigeant indépendant" in html
    for index in range(6):
        assert f'aria-describedby="id_options_{index}_help"' in html
        help_line = html.split(f'id="id_options_{index}_help">')[1].split("<")[0]
        assert len(help_line) > 20, index
    assert "de 90 % à 100 % du salaire" in html
    # The manager alone: no extra-legal options to choose.
    pk = _to_extra(client, {"manager": "on"})
    html = client.get(reverse("quote_step", args=[pk, "extra"])).content.decode()
    assert 'name="options"' not in html and 'name="manager_age"' in html


@pytest.mark.django_db
def test_the_live_premium_of_2_2_does_not_wait_for_the_managers_age(client, bob, accepted):
    client.force_login(bob)
    pk = _to_extra(client, {"extra_legal": "on", "manager": "on"})
    url = reverse("quote_draft", args=[pk, "extra"])

    def total(data: dict) -> Decimal:
        response = client.post(url, data)
        assert response.status_code == 200
        shown = response.content.decode().split('class="display-6 mb-0">')[1].split("<")[0]
        digits = "".join(c for c in shown if c.isdigit() or c == ",").replace(",", ".")
        return Decimal(digits)

    nothing = total({"manager_age": ""})
    with_option = total({"options": ["temporary_incapacity_100"], "manager_age": ""})
    with_capital = total(
        {"options": ["temporary_incapacity_100"], "manager_age": "", "manager_death_capital": "1e5"}
    )
    assert nothing < with_option < with_capital


# "+ Nouveau" without an accepted access


@pytest.mark.django_db
def test_new_without_access_opens_the_product_screen_that_says_why(client, bob, product):
    from tests.factories import IntegrationFactory

    bob.language = "fr"
    bob.save()
    client.force_login(bob)
    html = client.get(reverse("quotes")).content.decode()
    new_url = reverse("quote_new", args=[product.code])
    assert f'href="{new_url}">+ Nouveau</a>' in html  # not the catalogue, silently
    response = client.get(new_url)
    assert response.status_code == 403
    text = response.content.decode().replace("&#x27;", "'")
    assert "n'a pas d'accès accepté" in text
    assert f'href="{reverse("product", args=[product.code])}"' in text
    # A request still waiting, or refused with its reason, says so.
    integration = IntegrationFactory(
        group=bob.membership.current_group, product=product, status="requested"
    )
    text = client.get(new_url).content.decode().replace("&#x27;", "'")
    assert "Lorsqu'elle est acceptée, vous en serez informés par e-mail" in text
    integration.status, integration.reason = "refused", "Numéro inconnu"
    integration.save()
    text = client.get(new_url).content.decode().replace("&#x27;", "'")
    assert "a refusé la demande d'accès" in text and "Numéro inconnu" in text
