"""One office per enterprise number: a second sign-up is sent to the first office's
administrators, without being told who they are; the operator lists older duplicates."""

from __future__ import annotations

import html
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from brokerdesk.accounts.models import User
from brokerdesk.offices.models import Office
from brokerdesk.offices.tests.test_signup import COMPANY, PERSONAL, post
from tests.factories import OfficeFactory


@pytest.fixture
def registered(alice):
    """Alice's office is registered with the enterprise number the sign-up form types."""
    office = alice.membership.office
    office.enterprise_number = "0403019261"
    office.save()
    return office


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["BE 0403.019.261", "0403019261", "be0403 019 261"])
def test_a_second_sign_up_with_a_registered_number_is_refused(client, registered, typed):
    response = post(client, **{"c-enterprise_number": typed})
    assert response.status_code == 200
    assert not User.objects.filter(email=PERSONAL["p-email"]).exists()
    assert Office.objects.count() == 1
    message = response.context["company"].errors["enterprise_number"][0]
    assert "déjà inscrit" in message and "vous inviter" in message
    page = html.unescape(response.content.decode())
    assert response.context["step"] == "company"
    assert reverse("help_escalate") in page  # the way to the support
    # Nothing says who the office or its administrators are.
    for secret in (registered.name, "alice@example.be", "Alice", "Martin"):
        assert secret not in page
    # What was typed is kept.
    assert COMPANY["c-name"] in page and PERSONAL["p-email"] in page


@pytest.mark.django_db
def test_the_refusal_is_in_the_visitors_language(client, registered):
    client.cookies["django_language"] = "nl"
    response = post(client)
    message = response.context["company"].errors["enterprise_number"][0]
    assert "al een kantoor met dit ondernemingsnummer" in message


@pytest.mark.django_db
def test_an_office_cannot_take_another_offices_number(client, registered, charlie):
    client.force_login(charlie)
    data = {"name": "Dupont", "enterprise_number": "BE0403.019.261", "postal_code": "1000"}
    response = client.post(reverse("office_edit"), data)
    assert "déjà inscrit" in response.context["form"].errors["enterprise_number"][0]
    assert charlie.membership.office.enterprise_number == ""
    # Its own number, saved again, is not a duplicate of itself.
    alice_client = client.__class__()
    alice_client.force_login(registered.memberships.get().user)
    data["name"] = registered.name
    assert alice_client.post(reverse("office_edit"), data).status_code == 302


@pytest.mark.django_db
def test_a_new_number_signs_up_as_before(client, registered):
    assert post(client, **{"c-enterprise_number": "BE0202239951"}).status_code == 302
    assert Office.objects.count() == 2


@pytest.mark.django_db
def test_the_operator_lists_the_offices_sharing_a_number(registered):
    OfficeFactory(name="Twin Courtage", enterprise_number="0403019261")
    OfficeFactory(name="Alone", enterprise_number="0202239951")
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("list_duplicate_offices", "--check", stdout=out)
    assert exit.value.code == 1
    text = out.getvalue()
    assert "BE0403019261: 2 offices" in text
    assert registered.name in text and "Twin Courtage" in text and "Alone" not in text
    assert "(1 active admins)" in text


@pytest.mark.django_db
def test_without_duplicates_the_check_passes(registered):
    out = io.StringIO()
    call_command("list_duplicate_offices", "--check", stdout=out)
    assert "0 enterprise numbers" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_sign_ups_at_once_with_one_number_make_one_office():
    # Real threads with their own connections on PostgreSQL; SQLite serialises writers anyway.
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection, connections

    from brokerdesk.offices import services

    workers = 8 if connection.vendor == "postgresql" else 1

    def sign_up(n: int) -> bool:
        personal = {
            "email": f"founder{n}@example.be",
            "password1": "zebra-lune-42",
            "first_name": "F",
            "last_name": str(n),
        }
        company = {"name": f"Office {n}", "enterprise_number": "0403019261"}
        try:
            services.sign_up(personal=personal, company=company, language="fr")
            return True
        except services.OfficeExists:
            return False
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        made = list(pool.map(sign_up, range(8)))
    assert made.count(True) == 1
    assert Office.objects.filter(enterprise_number="0403019261").count() == 1
    assert User.objects.count() == 1
