"""Input hygiene (issue 12): one set of rules (lib/text.py) for every form, draft, search and
chat question; a form refuses with a message on the field, in the user's language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from brokerdesk.lib.text import MAX_TEXT_LENGTH, clean_text, text_problem
from brokerdesk.offices.models import Group
from brokerdesk.support.models import Ticket


@pytest.mark.parametrize(
    ("text", "multiline", "problem"),
    [
        ("Liège Façades", False, ""),
        ("\u202eשלום\u200f", False, ""),  # RTL marks are text
        ("a\x00b", False, "control"),
        ("a\x1bb", True, "control"),
        ("a\x85b", True, "control"),  # C1 controls too
        ("a\x7fb", False, "control"),
        ("a\tb", False, "line_break"),
        ("a\r\nb\tc", True, ""),  # a textarea sends CR LF
        ("a\ud800", False, "surrogate"),
        ("x" * (MAX_TEXT_LENGTH + 1), True, "too_long"),
    ],
)
def test_the_rules_of_typed_text(text, multiline, problem):
    assert text_problem(text, multiline=multiline) == problem


def test_cleaning_keeps_the_words_apart_and_the_length():
    assert clean_text("mot\x00de\tpasse\ud800", max_length=100) == "mot de passe\ufffd"
    assert clean_text("a\r\nb\tc", multiline=True) == "a\r\nb\tc"
    assert clean_text("x" * 50, max_length=10) == "x" * 10
    assert text_problem(clean_text("\x00\x1b\ud800\n" * 10, max_length=20)) == ""


@pytest.mark.django_db
def test_a_nul_in_a_form_is_a_message_on_the_field_and_nothing_is_saved(client, alice):
    client.force_login(alice)
    response = client.post(reverse("group_create"), {"name": "Li\x00ège"})
    assert response.status_code == 200
    errors = response.context["form"].errors["name"]
    assert errors == [
        "Ce texte contient des caractères invisibles qui ne sont pas acceptés (caractères de "
        "contrôle) : retirez-les."
    ]
    assert not Group.objects.filter(name__startswith="Li").exists()


@pytest.mark.django_db
def test_the_message_is_in_the_users_language(client, bob):
    client.force_login(bob)  # Bob works in Dutch
    data = {"first_name": "Bob\tby", "last_name": "Peeters", "email": bob.email}
    response = client.post(reverse("profile"), {**data, "language": "nl", "save_profile": "1"})
    assert response.status_code == 200
    assert "Dit veld past op één regel" in response.content.decode()
    bob.refresh_from_db()
    assert bob.first_name == "Bob"


@pytest.mark.django_db
def test_multi_line_fields_take_line_breaks_and_tabs(client):
    response = client.post(
        reverse("help_escalate"),
        {
            "email": "visitor@example.be",
            "message": "Bonjour,\r\n\tje ne trouve pas l'offre.",
            "key": "5b1e0a4e-4f43-4a59-9b3e-3b7c6d1f2a10",
        },
    )
    assert response.status_code == 302
    assert Ticket.objects.get().message == "Bonjour,\r\n\tje ne trouve pas l'offre."


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["\u00b2", "9" * 5000, str(2**64), "1\x00"])
def test_an_id_no_table_holds_is_an_invalid_choice(client, alice, bob, value):
    client.force_login(alice)
    response = client.post(
        reverse("member_update", args=[bob.membership.pk]),
        {"role": "intermediary", "groups": [value]},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["groups"]
