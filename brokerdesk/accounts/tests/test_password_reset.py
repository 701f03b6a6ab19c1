from __future__ import annotations

import pytest
from django.urls import reverse

from brokerdesk.notifications.models import OutboxMessage
from conftest import PASSWORD, mail_link


@pytest.mark.django_db
def test_it_answers_the_same_whether_or_not_the_address_exists(client, alice):
    known = client.post(reverse("forgot_password"), {"email": "alice@example.be"})
    unknown = client.post(reverse("forgot_password"), {"email": "nobody@example.be"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == reverse("password_reset_sent")
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == ["alice@example.be"]


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_the_link_sets_a_new_password_once(client, alice, deliver_mail):
    client.post(reverse("forgot_password"), {"email": "ALICE@example.be"})
    [message] = deliver_mail()
    assert message["To"] == "alice@example.be"
    link = mail_link(message)

    # Django swaps the token for a session marker, so the token leaves the address bar.
    landing = client.get(link)
    assert landing.status_code == 302
    form_url = landing.url
    new = {"new_password1": "nouveau-secret-77", "new_password2": "nouveau-secret-77"}
    assert client.post(form_url, new).status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("nouveau-secret-77")

    # The same link cannot be used twice.
    reused = client.get(link, follow=True)
    assert "plus valable" in reused.content.decode()


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_the_reset_form_applies_the_password_rules(client, alice, deliver_mail):
    client.post(reverse("forgot_password"), {"email": "alice@example.be"})
    [message] = deliver_mail()
    form_url = client.get(mail_link(message)).url
    response = client.post(form_url, {"new_password1": "abc", "new_password2": "abc"})
    assert response.status_code == 200
    assert "trop court" in str(response.context["form"].errors)
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_the_email_is_in_the_users_language(client, bob, deliver_mail):
    client.post(reverse("forgot_password"), {"email": "bob@example.be"})
    [message] = deliver_mail()
    assert message.get_body(("html",)) is not None
    from conftest import mail_text

    assert "Bonjour" not in mail_text(message)
