"""Drafts of the wizard (what is typed before "Étape suivante"): cleaned by the rules of every
form, merged per step when typed at once, never back over a saved answer (issue 12)."""

from __future__ import annotations

import threading
from urllib.parse import quote as percent

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from brokerdesk.quotes import services
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.tests.conftest import CLAIMS, LEGAL


def _raw_post(client, url, fields: dict[str, str]):
    """A form body as a crafted request sends it: any character, lone surrogates included
    (the test client would refuse to encode them)."""
    body = "&".join(
        f"{name}={percent(value.encode('utf-8', 'surrogatepass'))}"
        for name, value in fields.items()
    )
    return client.generic(
        "POST", url, body.encode("ascii"), content_type="application/x-www-form-urlencoded"
    )


@pytest.mark.django_db
def test_a_draft_keeps_no_control_character_nor_more_than_the_field_takes(client, bob, fill):
    client.force_login(bob)
    pk = fill(client)
    response = _raw_post(
        client,
        reverse("quote_draft", args=[pk, "claims"]),
        {"previous_insurer": "Eth\x00ias\ud800\u202e\x1b", "fatal": "\x00", "years": "x" * 100_000},
    )
    assert response.status_code == 204
    draft = Quote.objects.get(pk=pk).drafts["claims"]
    # The surrogate's three bytes are no UTF-8: Django reads each as a replacement character.
    assert draft["previous_insurer"] == "Eth ias\ufffd\ufffd\ufffd\u202e "  # RTL mark kept
    assert draft["fatal"] == " "
    assert len(draft["years"]) == 1000
    # The page shows it back, and saving the step still refuses what is wrong, with a message.
    page = client.get(reverse("quote_step", args=[pk, "claims"]))
    assert page.status_code == 200 and "Eth ias" in page.content.decode()
    response = client.post(
        reverse("quote_step", args=[pk, "claims"]), {**CLAIMS, "previous_insurer": "Eth\x00ias"}
    )
    assert response.status_code == 400
    assert "caractères invisibles" in response.content.decode()


@pytest.mark.django_db
def test_the_first_step_draft_in_the_session_is_cleaned_too(client, bob, accepted):
    client.force_login(bob)
    response = _raw_post(
        client,
        reverse("quote_new_draft", args=["TPE-KMO"]),
        {"client_name": "Garage\x00 Wouters" + "x" * 500, "activity": "45\n"},
    )
    assert response.status_code == 204
    page = client.get(reverse("quote_new", args=["TPE-KMO"])).content.decode()
    assert 'value="Garage  Wouters' + "x" * 185 + '"' in page  # 200 characters, the field's


@pytest.mark.django_db
def test_two_steps_typed_at_once_both_keep_their_draft(client, bob, fill):
    """Two draft requests that read the quote before either wrote (as two browser tabs do):
    each step replaces its own draft only."""
    client.force_login(bob)
    pk = fill(client)
    first, second = Quote.objects.get(pk=pk), Quote.objects.get(pk=pk)
    assert services.keep_draft(quote=first, step="claims", typed={"fatal": "1"}, revision=1)
    assert services.keep_draft(quote=second, step="legal", typed={"workers_headcount": "4"})
    assert Quote.objects.get(pk=pk).drafts == {
        "claims": {"fatal": "1"},
        "legal": {"workers_headcount": "4"},
    }


@pytest.mark.django_db
def test_a_late_draft_never_comes_back_over_the_saved_answer(client, bob, fill):
    client.force_login(bob)
    pk = fill(client)
    page = client.get(reverse("quote_step", args=[pk, "legal"])).content.decode()
    assert '<input type="hidden" name="revision" value="1">' in page  # saved once by fill()
    draft_url = reverse("quote_draft", args=[pk, "legal"])
    # Typing "7", then "Étape suivante" with 8; the request of the "7" arrives after the save.
    client.post(reverse("quote_step", args=[pk, "legal"]), {**LEGAL, "workers_headcount": "8"})
    client.post(draft_url, {**LEGAL, "workers_headcount": "7", "revision": "1"})
    quote = Quote.objects.get(pk=pk)
    assert quote.drafts == {} and quote.answers["legal"]["workers_headcount"] == 8
    page = client.get(reverse("quote_step", args=[pk, "legal"])).content.decode()
    assert 'name="workers_headcount" value="8"' in page and "rétabli" not in page
    # Typing on the new page is kept again.
    client.post(draft_url, {**LEGAL, "workers_headcount": "9", "revision": "2"})
    assert Quote.objects.get(pk=pk).drafts["legal"]["workers_headcount"] == "9"


@pytest.mark.django_db(transaction=True)
def test_drafts_posted_in_parallel_threads_are_all_kept(bob, fill):
    """The race the red team measured (9 drafts lost in 10 rounds), with real concurrent
    requests: three steps typed at once, several rounds, every step keeps its last typing.
    Threads with their own connections on PostgreSQL; SQLite's in-memory test database cannot
    be shared by writers, so there they run one after another (the interleaving is the test
    above)."""
    starter = Client()
    starter.force_login(bob)
    pk = fill(starter)
    steps = ["covers", "claims", "legal"]
    errors: list[BaseException] = []

    def type_in(step: str, value: str) -> None:
        try:
            client = Client()
            client.force_login(bob)
            field = {"covers": "h24", "claims": "fatal", "legal": "workers_headcount"}[step]
            if barrier:
                barrier.wait(timeout=10)
            response = client.post(reverse("quote_draft", args=[pk, step]), {field: value})
            assert response.status_code in (200, 204), response.status_code
        except BaseException as error:  # reported by the test thread
            errors.append(error)
        finally:
            connection.close()

    parallel = connection.vendor == "postgresql"
    for round_number in range(5):
        barrier = threading.Barrier(len(steps)) if parallel else None
        threads = [
            threading.Thread(target=type_in, args=(step, f"{round_number}"), daemon=True)
            for step in steps
        ]
        for thread in threads:
            thread.start()
            if not parallel:
                thread.join(timeout=30)
        for thread in threads:
            thread.join(timeout=30)
        assert not errors, errors
        drafts = Quote.objects.get(pk=pk).drafts
        assert set(drafts) == set(steps), (round_number, drafts)
        assert drafts["claims"]["fatal"] == str(round_number)
