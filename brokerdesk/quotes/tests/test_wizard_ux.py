"""Everyday use of the wizard (issue 14): what a broker hits in the first hour."""

from __future__ import annotations

import pytest
from django.urls import reverse

from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.tests.conftest import ACTIVITY, CLAIMS


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
