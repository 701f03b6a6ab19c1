"""Sign-up takes the manual's own examples: its phone number, and explains enterprise numbers."""

from __future__ import annotations

import pytest

from brokerdesk.accounts.models import User
from brokerdesk.lib.belgium import parse_phone
from brokerdesk.offices.tests.test_signup import post


@pytest.mark.parametrize("typed", ["0412 34 56 78", "+32 412 34 56 78", "+33 1 42 68 53 00"])
@pytest.mark.django_db
def test_it_accepts_the_manuals_phone_example_and_stores_e164(client, typed):
    post(client, **{"c-phone": typed})
    office = User.objects.get().membership.office
    assert office.phone == parse_phone(typed) and office.phone.startswith("+")


@pytest.mark.parametrize("typed", ["BE0403019262", "BE 0403 019 261 0403 019 261 99"])
@pytest.mark.django_db
def test_the_enterprise_number_error_shows_the_structure_not_the_input(client, typed):
    response = post(client, **{"c-enterprise_number": typed})
    message = response.context["company"].errors["enterprise_number"][0]
    assert "BE0123456789" in message and typed not in message
    assert "caractères" not in message
    assert not User.objects.exists()
