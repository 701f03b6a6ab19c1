from __future__ import annotations

import pytest
from django.urls import reverse

from brokerdesk.offices.models import Group, Membership


@pytest.fixture
def dirk(make_user, alice):
    """Dirk is in Default only: Bob (Antwerpen) and he share no group."""
    return make_user(
        "dirk@example.be",
        office=alice.membership.office,
        groups=["Default"],
        first_name="Dirk",
        last_name="Janssens",
    )


def emails(response) -> set[str]:
    return {m.user.email for m in response.context["members"]}


@pytest.mark.django_db
def test_admins_see_everyone_in_their_office_only(client, alice, bob, dirk, charlie):
    client.force_login(alice)
    response = client.get(reverse("users"))
    assert emails(response) == {"alice@example.be", "bob@example.be", "dirk@example.be"}
    assert "Gérer" in response.content.decode()


@pytest.mark.django_db
def test_brokers_see_the_colleagues_of_their_groups_read_only(client, alice, bob, dirk):
    client.force_login(bob)
    response = client.get(reverse("users"))
    assert emails(response) == {"alice@example.be", "bob@example.be"}
    html = response.content.decode()
    assert "Beheren" not in html and "/account/users/" not in html


@pytest.mark.django_db
def test_search_by_name_or_email_and_filters(client, alice, bob, dirk):
    client.force_login(alice)
    assert emails(client.get(reverse("users"), {"q": "peet"})) == {"bob@example.be"}
    assert emails(client.get(reverse("users"), {"q": "DIRK@"})) == {"dirk@example.be"}
    default = Group.objects.get(office=alice.membership.office, name="Default")
    assert emails(client.get(reverse("users"), {"group": default.pk})) == {
        "alice@example.be",
        "dirk@example.be",
    }
    assert emails(client.get(reverse("users"), {"role": "admin"})) == {"alice@example.be"}
    dirk.membership.status = Membership.Status.DEACTIVATED
    dirk.membership.save()
    assert emails(client.get(reverse("users"), {"status": "deactivated"})) == {"dirk@example.be"}


@pytest.mark.django_db
def test_the_search_answers_htmx_with_the_table_only(client, alice, bob):
    client.force_login(alice)
    response = client.get(reverse("users"), {"q": "bob"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "bob@example.be" in html and "<nav" not in html


@pytest.mark.django_db
def test_a_filter_on_another_offices_group_is_refused_not_leaked(client, alice, charlie):
    client.force_login(alice)
    response = client.get(reverse("users"), {"group": charlie.membership.current_group.pk})
    assert "charlie@other.be" not in response.content.decode()


@pytest.mark.django_db
def test_the_account_page_is_for_administrators(client, alice, bob):
    client.force_login(alice)
    html = client.get(reverse("account")).content.decode()
    for text in (
        "Utilisateurs",
        "Groupes",
        "Tous les groupes",
        "Inviter un nouvel utilisateur",
        "Rôle",
        "Produits",
        "Date d'invitation",
        "Statut",
        alice.membership.office.name,
    ):
        assert text in html
    client.force_login(bob)
    assert client.get(reverse("account")).status_code == 404
    assert 'href="/account/"' not in client.get(reverse("quotes")).content.decode()


@pytest.mark.django_db
def test_admins_edit_the_office_details_with_the_sign_up_validators(client, alice, bob):
    client.force_login(alice)
    data = {"name": "Martin Courtage", "enterprise_number": "BE0403019262", "postal_code": "1000"}
    response = client.post(reverse("office_edit"), data)
    assert "enterprise_number" in response.context["form"].errors
    data["enterprise_number"] = "0403 019 261"
    assert client.post(reverse("office_edit"), data).status_code == 302
    office = alice.membership.office
    office.refresh_from_db()
    assert (office.name, office.enterprise_number, office.city) == (
        "Martin Courtage",
        "0403019261",
        "Bruxelles",
    )
    client.force_login(bob)
    assert client.post(reverse("office_edit"), data).status_code == 404
