"""What every user reads: language names, e-mail subjects, Flemish insurance wording, neutral
French sentences about people."""

from __future__ import annotations

import email
import re
from email import policy
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from brokerdesk.notifications import delivery
from tests.factories import IntegrationFactory

SUBJECTS = sorted(
    path.name.removesuffix("_subject.txt")
    for path in (settings.BASE_DIR / "templates" / "emails").glob("*_subject.txt")
)
LANGUAGE_NAMES = ["Français", "Nederlands", "English"]


def language_options(html: str) -> list[str]:
    select = re.search(r'<select[^>]*name="(?:[a-z]-)?language"[^>]*>(.*?)</select>', html, re.S)
    assert select, "no language chooser"
    return [text.strip() for text in re.findall(r"<option[^>]*>([^<]*)</option>", select[1])]


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.django_db
def test_every_language_chooser_names_each_language_in_itself(client, alice, language):
    alice.language = language
    alice.save()
    client.cookies["django_language"] = language
    assert language_options(client.get(reverse("login")).content.decode()) == LANGUAGE_NAMES
    client.force_login(alice)
    for page in ("invite", "profile"):
        html = client.get(reverse(page)).content.decode()
        assert language_options(html) == LANGUAGE_NAMES, page


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize("template", SUBJECTS)
@pytest.mark.django_db
def test_no_email_subject_starts_with_a_space(settings, alice, template, language):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    integration = IntegrationFactory(group=alice.membership.current_group)
    context = {
        "user": alice,
        "integration": integration,
        "office": "Courtage Démo — Région de Bruxelles-Capitale",
        "group": "Société Générale d'Assurances Étrangères",
        "product": "Outil de tarification TPE accidents du travail",
        "inviter": "Clémentine Cazelles",
        "new_email": "clementine.cazelles@example.be",
        "link": "/accept/token/",
        "ticket": SimpleNamespace(pk=4321, email="élodie.dupré@example.be", page="/requests/"),
        # Offers (issue 16).
        "broker": alice,
        "quote": SimpleNamespace(
            reference="PV_TPE-KMO_SOCIETE-GENERALE-DASSURANCES_0042",
            client_name="Société Générale d'Assurances Étrangères",
        ),
        "version": SimpleNamespace(number=2, accepted_name="Élodie Dupré", accepted_function="CEO"),
        "valid_until": alice.date_joined,
    }
    message = delivery.queue(template, to="alice@example.be", language=language, context=context)
    assert message.subject == message.subject.strip() and "\n" not in message.subject
    delivery._send(message)
    sent = email.message_from_bytes(mail.outbox[-1].message().as_bytes(), policy=policy.default)
    assert sent["Subject"] == message.subject, (template, language)


def nl_translations() -> list[str]:
    po = (settings.BASE_DIR / "locale/nl/LC_MESSAGES/django.po").read_text()
    return [
        "".join(re.findall(r'"(.*)"', s))
        for s in re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n)+)', po, re.M)
    ]


def nl_articles() -> list[str]:
    folder = Path(settings.BASE_DIR / "brokerdesk/support/articles/nl")
    return [path.read_text() for path in sorted(folder.glob("*.md"))]


@pytest.mark.parametrize(
    ("not_flemish", "instead"),
    [
        (r"\bsub-?accounts?\b", "deelaccount"),
        (r"tarific", "tarifering, tariferen"),
        (r"\bsupport", "helpdesk"),
        (r"polisvergoeding", "poliskosten"),
        (r"splitsing van de premie|gesplitste betaling", "betalingsfrequentie"),
        (r"offerte (is )?uitgegeven", "offerte opgemaakt"),
        (r"verzekeringsnemer", "verzekeringnemer"),
    ],
)
def test_dutch_wording_is_what_a_flemish_broker_uses(not_flemish, instead):
    for text in nl_translations() + nl_articles():
        assert not re.search(not_flemish, text, re.I), f"{text!r}: say {instead}"


def test_the_dutch_sub_account_is_one_word_everywhere():
    assert any(text == "Deelaccount:" for text in nl_translations())
    groups = settings.BASE_DIR / "brokerdesk/support/articles/nl/groupes-sous-comptes.md"
    assert "“Deelaccount: <groep> ▾”" in groups.read_text()


@pytest.mark.django_db
def test_sentences_about_a_person_need_no_gender(client, alice, bob):
    client.force_login(alice)
    default = alice.membership.office.groups.get(name="Default")
    response = client.post(
        reverse("member_add_group", args=[bob.membership.pk]), {"group": default.pk}, follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [f"{bob.get_full_name()} fait désormais partie du groupe Default."]
