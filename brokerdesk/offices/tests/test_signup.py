from __future__ import annotations

import pytest
from django.urls import reverse

from brokerdesk.accounts.models import User
from brokerdesk.offices.models import Membership

PERSONAL = {
    "p-first_name": "Clémentine",
    "p-last_name": "Cazelles",
    "p-email": "clementine@example.be",
    "p-password1": "zebra-lune-42",
    "p-password2": "zebra-lune-42",
    "p-accept_terms": "on",
}
COMPANY = {
    "c-name": "Cazelles Courtage",
    "c-enterprise_number": "BE 0403.019.261",
    "c-street": "Rue Royale",
    "c-number": "151",
    "c-postal_code": "1210",
    "c-city": "",
    "c-website": "cazelles.be",
    "c-phone": "0470 12 34 56",
}


def post(client, action="create", **changes):
    data = {**PERSONAL, **COMPANY, "action": action, **changes}
    return client.post(reverse("signup"), data)


@pytest.mark.django_db
def test_it_creates_user_office_default_group_and_admin_membership(client):
    response = post(client)
    assert response.status_code == 302
    user = User.objects.get(email="clementine@example.be")
    assert user.check_password("zebra-lune-42")
    assert user.password.startswith("argon2")
    membership = user.membership
    assert membership.is_admin and membership.status == Membership.Status.ACTIVE
    office = membership.office
    assert office.enterprise_number == "0403019261"
    assert office.enterprise_number_display == "BE0403019261"
    assert office.phone == "+32470123456"
    assert office.phone_display == "0470 12 34 56"
    assert office.website == "https://cazelles.be"
    assert office.city == "Saint-Josse-ten-Noode"  # proposed from the postal code
    assert [g.name for g in office.groups.all()] == ["Default"]
    assert list(membership.groups.all()) == list(office.groups.all())
    # and the user is logged in
    assert client.get(reverse("quotes")).status_code == 200


@pytest.mark.django_db
def test_it_proposes_the_dutch_city_name_in_dutch(client):
    client.cookies["django_language"] = "nl"
    post(client, **{"c-postal_code": "1000"})
    assert User.objects.get().membership.office.city == "Brussel"


@pytest.mark.django_db
def test_next_shows_company_step_and_keeps_personal_fields(client):
    response = post(client, action="next")
    html = response.content.decode()
    assert response.context["step"] == "company"
    assert 'value="Clémentine"' in html
    assert 'value="zebra-lune-42"' in html  # kept for "Précédent" and the final submit
    assert not User.objects.exists()


@pytest.mark.django_db
def test_back_keeps_everything_typed(client):
    response = post(client, action="back")
    assert response.context["step"] == "personal"
    html = response.content.decode()
    for value in ("Cazelles Courtage", "BE 0403.019.261", "Rue Royale", "0470 12 34 56"):
        assert value in html
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_rejects_a_wrong_enterprise_number_next_to_the_field(client):
    response = post(client, **{"c-enterprise_number": "BE0403019262"})
    assert response.status_code == 200
    assert response.context["step"] == "company"
    errors = response.context["company"].errors
    assert "BE0123456789" in errors["enterprise_number"][0]
    assert 'value="BE0403019262"' in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize("typed", ["BE0403019261", "0403.019.261", "BE 0403 019 261", "403019261"])
@pytest.mark.django_db
def test_it_accepts_enterprise_numbers_in_every_usual_form(client, typed):
    post(client, **{"c-enterprise_number": typed})
    assert User.objects.get().membership.office.enterprise_number == "0403019261"


@pytest.mark.django_db
def test_it_rejects_an_address_already_used_whatever_its_case(client, alice):
    response = post(client, action="next", **{"p-email": "ALICE@Example.BE"})
    assert response.context["step"] == "personal"
    assert "déjà utilisée" in response.context["personal"].errors["email"][0]


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("abc", "trop court"),
        ("password", "trop courant"),
        ("clementine", "trop semblable"),
    ],
)
@pytest.mark.django_db
def test_it_enforces_the_password_rules(client, password, expected):
    response = post(client, action="next", **{"p-password1": password, "p-password2": password})
    assert response.context["step"] == "personal"
    assert expected in " ".join(response.context["personal"].errors["password1"])


@pytest.mark.django_db
def test_it_states_the_password_rule_under_the_field(client):
    html = client.get(reverse("signup")).content.decode()
    assert "6 caractères minimum" in html


@pytest.mark.django_db
def test_it_requires_matching_passwords_and_accepted_terms(client):
    response = post(client, action="next", **{"p-password2": "other-pass-99", "p-accept_terms": ""})
    errors = response.context["personal"].errors
    assert "password2" in errors and "accept_terms" in errors


@pytest.mark.parametrize(
    ("field", "value"),
    [("c-postal_code", "9999"), ("c-phone", "12"), ("c-website", "not a url at all")],
)
@pytest.mark.django_db
def test_it_rejects_bad_company_fields_and_keeps_the_input(client, field, value):
    response = post(client, **{field: value})
    assert response.context["step"] == "company"
    assert field[2:] in response.context["company"].errors
    assert value in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_errors_are_in_the_users_language(client):
    client.cookies["django_language"] = "nl"
    response = post(client, **{"c-enterprise_number": "BE0403019262"})
    message = response.context["company"].errors["enterprise_number"][0]
    assert "BE0123456789" in message and "n'est pas valide" not in message


@pytest.mark.django_db
def test_the_city_endpoint_proposes_the_municipality(client):
    response = client.get(reverse("city"), {"c-postal_code": "9000", "c-city": ""})
    assert 'name="c-city"' in response.content.decode()
    assert 'value="Gent"' in response.content.decode()
    typed = client.get(reverse("city"), {"c-postal_code": "9000", "c-city": "Gand"})
    assert 'value="Gand"' in typed.content.decode()


@pytest.mark.django_db
def test_terms_page_is_public(client):
    response = client.get(reverse("terms"))
    assert response.status_code == 200
    assert "Conditions générales" in response.content.decode()
