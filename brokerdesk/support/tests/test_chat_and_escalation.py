from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from brokerdesk.notifications.models import OutboxMessage
from brokerdesk.support.models import Ticket
from conftest import mail_link, mail_text


def ask(client, question):
    return client.post(reverse("help_chat"), {"question": question}, headers={"HX-Request": "true"})


@pytest.mark.django_db
def test_the_assistant_answers_with_passages_and_links(client):
    html = ask(client, "Comment inviter un collègue dans mon bureau ?").content.decode()
    assert reverse("help_article", args=["inviter-collaborateurs"]) in html
    assert "Comment inviter un collègue" in html
    assert "Suggestions" in html


@pytest.mark.django_db
def test_the_conversation_lasts_for_the_session(client, bob):
    client.force_login(bob)
    ask(client, "mot de passe oublié")
    ask(client, "changer la langue")
    html = client.get(reverse("help_chat")).content.decode()
    assert "mot de passe oublié" in html and "changer la langue" in html
    client.post(reverse("help_chat_reset"), headers={"HX-Request": "true"})
    assert "mot de passe oublié" not in client.get(reverse("help_chat")).content.decode()


@pytest.mark.django_db
def test_the_assistant_answers_in_the_users_language(client, bob):
    client.force_login(bob)  # Dutch
    html = ask(client, "Hoe nodig ik een collega uit?").content.decode()
    assert "/help/inviter-collaborateurs/" in html
    assert "Bonjour" not in html


@pytest.mark.django_db
def test_escalation_is_prefilled_with_the_conversation_and_context(client, bob, product):
    from brokerdesk.quotes import services

    client.force_login(bob)
    quote = services.create_quote(
        group=bob.membership.current_group,
        product=product,
        created_by=bob,
        answers={"activity": {"client_name": "Dupuis"}},
    )
    ask(client, "Mon offre ne se génère pas")
    page = reverse("quote", args=[quote.pk])
    response = client.get(reverse("help_escalate"), {"page": page})
    form = response.context["form"]
    assert form.initial["email"] == "bob@example.be"
    assert "Mon offre ne se génère pas" in form.initial["conversation"]
    data = {
        "email": "bob@example.be",
        "message": "Le bouton ne répond pas",
        "conversation": form.initial["conversation"],
        "page": page,
        "key": str(uuid.uuid4()),
    }
    client.post(reverse("help_escalate"), data)
    ticket = Ticket.objects.get()
    assert (ticket.office, ticket.group, ticket.quote_reference, ticket.page) == (
        bob.membership.office.name,
        "Antwerpen",
        quote.reference,
        page,
    )


@pytest.mark.django_db
def test_submitting_twice_makes_one_ticket_and_one_email_each(client, settings, bob):
    settings.SUPPORT_EMAIL = "support@brokerdesk.test"
    client.force_login(bob)
    data = {
        "email": "bob@example.be",
        "message": "Je ne reçois pas l'invitation",
        "conversation": "",
        "page": "/login/",
        "key": str(uuid.uuid4()),
    }
    first = client.post(reverse("help_escalate"), data)
    second = client.post(reverse("help_escalate"), data)
    assert first.url == second.url
    assert Ticket.objects.count() == 1
    assert sorted(OutboxMessage.objects.values_list("to", flat=True)) == [
        "bob@example.be",
        "support@brokerdesk.test",
    ]


def escalate_anonymously(client, email="visitor@example.be", message="Achetez du Viagra ici"):
    data = {"email": email, "message": message, "page": "/", "key": str(uuid.uuid4())}
    return client.post(reverse("help_escalate"), data)


@pytest.mark.django_db(transaction=True)  # the worker closes its connection (PostgreSQL)
def test_an_anonymous_visitor_confirms_the_address_before_anything_is_sent(
    client, settings, deliver_mail
):
    settings.SUPPORT_EMAIL = "support@brokerdesk.test"
    response = escalate_anonymously(client, message="Achetez du Viagra sur spam.example")
    assert response.url == reverse("help_escalation_sent")
    ticket = Ticket.objects.get()
    assert ticket.status == Ticket.Status.PENDING
    # One e-mail, to the typed address, without a word the visitor typed.
    [mail] = deliver_mail()
    assert mail["To"] == "visitor@example.be"
    body = mail_text(mail) + mail.get_body(preferencelist=("html",)).get_content()
    assert "Viagra" not in body and "spam.example" not in body and "Viagra" not in mail["Subject"]

    # Opening the link (a mail scanner does) confirms nothing; the button does.
    link = mail_link(mail)
    assert client.get(link).status_code == 200
    assert Ticket.objects.get().status == Ticket.Status.PENDING
    assert client.post(link).url == reverse("help_escalated", args=[ticket.pk])
    assert Ticket.objects.get().status == Ticket.Status.OPEN
    recipients = sorted(OutboxMessage.objects.values_list("to", flat=True))
    assert recipients == ["support@brokerdesk.test", "visitor@example.be", "visitor@example.be"]
    confirmation = OutboxMessage.objects.get(template="support_confirmation")
    assert "Viagra" in confirmation.body_text  # the address is now known to be the visitor's

    # The link works once.
    assert client.post(link).status_code == 400
    assert OutboxMessage.objects.count() == 3


@pytest.mark.django_db
def test_a_forged_or_foreign_confirmation_link_sends_nothing(client):
    escalate_anonymously(client)
    assert client.post(reverse("help_escalation_confirm", args=["forged"])).status_code == 400
    assert Ticket.objects.get().status == Ticket.Status.PENDING
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_a_signed_in_user_is_answered_at_their_own_address(client, bob):
    client.force_login(bob)
    data = {"email": "victim@example.be", "message": "Aide", "page": "/", "key": str(uuid.uuid4())}
    client.post(reverse("help_escalate"), data)
    ticket = Ticket.objects.get()
    assert (ticket.email, ticket.status) == ("bob@example.be", Ticket.Status.OPEN)
    assert "victim@example.be" not in OutboxMessage.objects.values_list("to", flat=True)


@pytest.mark.django_db
def test_the_anonymous_chat_stores_no_session(client):
    from django.contrib.sessions.models import Session

    ask(client, "mot de passe oublié")
    html = client.post(
        reverse("help_chat"),
        {"question": "changer la langue", "asked": ["mot de passe oublié"]},
        headers={"HX-Request": "true"},
    ).content.decode()
    # The page keeps the conversation: the new turn comes back with its question kept in the
    # log, next to the earlier one already on the page, which is not sent again.
    log = html.split('<div id="bd-chat-suggestions"')[0]
    assert "changer la langue" in log and "mot de passe oublié" not in log
    assert log.count('name="asked"') == 1
    assert not Session.objects.exists()
    assert "sessionid" not in client.cookies


@pytest.mark.django_db
def test_escalation_refuses_bad_input_and_keeps_it(client):
    response = client.post(
        reverse("help_escalate"),
        {"email": "not-an-email", "message": "Aide", "key": str(uuid.uuid4())},
    )
    assert "email" in response.context["form"].errors
    assert "Aide" in response.content.decode()
    assert not Ticket.objects.exists()


@pytest.mark.django_db
def test_a_quote_of_another_group_is_not_attached(client, alice, bob, product, make_user):
    from brokerdesk.quotes import services

    quote = services.create_quote(
        group=bob.membership.current_group,
        product=product,
        created_by=bob,
        answers={"activity": {"client_name": "Dupuis"}},
    )
    dirk = make_user("dirk@example.be", office=alice.membership.office, groups=["Default"])
    client.force_login(dirk)
    page = reverse("quote", args=[quote.pk])
    client.post(
        reverse("help_escalate"),
        {"email": "dirk@example.be", "message": "?", "page": page, "key": str(uuid.uuid4())},
    )
    assert Ticket.objects.get().quote_reference == ""


@pytest.mark.django_db
def test_help_pages_are_public_and_searchable(client):
    assert client.get(reverse("help")).status_code == 200
    response = client.get(reverse("help"), {"q": "numéro de producteur"})
    assert "acces-produit" in response.content.decode() or "plusieurs-numeros" in (
        response.content.decode()
    )
    assert client.get(reverse("help_article", args=["profil"])).status_code == 200
    assert client.get(reverse("help_article", args=["nope"])).status_code == 404


@pytest.mark.django_db
def test_a_question_gives_only_its_own_turn_and_suggestions_apart(client, alice):
    client.force_login(alice)  # whose conversation is kept in the session
    ask(client, "mot de passe oublié")
    html = ask(client, "Comment inviter un collègue ?").content.decode()
    assert "Comment inviter un collègue ?" in html and "mot de passe oublié" not in html
    assert "Bonjour" not in html
    log, suggestions = html.split('<div id="bd-chat-suggestions" hx-swap-oob="innerHTML">')
    assert "<button" not in log and "<button" in suggestions
    # Opening the panel again shows the whole conversation.
    whole = client.get(reverse("help_chat")).content.decode()
    assert "mot de passe oublié" in whole and "Comment inviter un collègue ?" in whole


@pytest.mark.django_db
def test_answers_keep_underscores_and_angle_brackets(client):
    html = ask(client, "Quel est le format de la référence d'une offre ?").content.decode()
    assert "PV_TPE-KMO_&lt;CLIENT&gt;_&lt;NNNN&gt;" in html


@pytest.mark.django_db
def test_the_answer_comes_in_the_language_of_the_question(client, alice):
    client.force_login(alice)  # French interface
    html = ask(client, "Hoe nodig ik een collega uit?").content.decode()
    assert "Dit zegt de hulp:" in html and "Voici ce que dit" not in html
    assert "/help/inviter-collaborateurs/?lang=nl" in html
    article = client.get("/help/inviter-collaborateurs/?lang=nl").content.decode()
    assert 'lang="nl"' in article and "Collega" in article
    assert "Voici ce que dit" in ask(client, "Comment inviter un collègue ?").content.decode()


@pytest.mark.django_db
def test_support_answers_the_user_at_their_own_address_with_reply(
    client, bob, settings, deliver_mail
):
    settings.SUPPORT_EMAIL = "support@brokerdesk.test"
    client.force_login(bob)
    data = {
        "email": "bob.peeters@example.be",
        "message": "De offerte komt niet",
        "conversation": "",
        "page": "/requests/",
        "key": str(uuid.uuid4()),
    }
    client.post(reverse("help_escalate"), data)
    mails = {m["To"]: m for m in deliver_mail()}
    # A signed-in user is answered at their account's address, whatever they typed.
    assert mails["support@brokerdesk.test"]["Reply-To"] == "bob@example.be"
    assert mails["bob@example.be"]["Reply-To"] is None


@pytest.mark.django_db
def test_a_user_sees_their_own_tickets_and_their_status_under_help(client, alice, bob):
    mine = Ticket.objects.create(
        key=uuid.uuid4(), user=bob, email=bob.email, language="nl", message="Waar is mijn offerte?"
    )
    Ticket.objects.create(
        key=uuid.uuid4(), user=bob, email=bob.email, language="nl", message="PDF leeg",
        status=Ticket.Status.CLOSED,
    )  # fmt: skip
    Ticket.objects.create(
        key=uuid.uuid4(), user=alice, email=alice.email, language="fr", message="Alice écrit"
    )
    client.force_login(bob)  # Dutch
    html = client.get(reverse("help")).content.decode()
    assert "Uw berichten aan de helpdesk" in html
    assert f"Bericht nr. {mine.pk}" in html and "Waar is mijn offerte?" in html
    assert "Open" in html and "Gesloten" in html
    assert "Alice écrit" not in html
    client.logout()
    assert "Alice écrit" not in client.get(reverse("help")).content.decode()
    assert "Waar is mijn offerte?" not in client.get(reverse("help")).content.decode()
