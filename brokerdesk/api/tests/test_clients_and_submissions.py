"""Issue 16 in the API: clients, the quote's offer versions, the submission to the insurer."""

from __future__ import annotations

import pytest

from brokerdesk.api.tests.test_api import DOCUMENT, call
from brokerdesk.submissions import services as submissions
from brokerdesk.submissions.models import Submission
from tests.factories import api_token

NUMBER = "0403019261"  # a valid enterprise number


@pytest.fixture
def dirk(make_user, alice):
    """A broker of Alice's office in the group Default only: Bob's quotes are not his."""
    return make_user("dirk@example.be", office=alice.membership.office, groups=["Default"])


@pytest.fixture
def victor(make_staff):
    return make_staff("victor@vivium.be", "Vivium")


def create(client, secret, name, **activity):
    answers = {**DOCUMENT, "activity": {**DOCUMENT["activity"], "client_name": name, **activity}}
    answer = call(
        client, "post", "/api/v1/quotes", secret, {"product": "TPE-KMO", "answers": answers}
    )
    assert answer.status_code == 201, answer.content
    return answer.json()


def test_clients_are_listed_searched_and_scoped(
    client, alice, bob, charlie, dirk, victor, accepted
):
    bob_secret = api_token(bob)
    dupuis = create(client, bob_secret, "Boulangerie Dupuis", enterprise_number="BE" + NUMBER)
    martin = create(client, bob_secret, "Garage Martin")
    assert dupuis["client"] and martin["client"] and dupuis["client"] != martin["client"]

    listed = call(client, "get", "/api/v1/clients", bob_secret).json()
    assert [row["name"] for row in listed["results"]] == ["Boulangerie Dupuis", "Garage Martin"]
    assert listed["count"] == 2 and listed["pages"] == 1
    for query in ("dupuis", "0403.019", "BE 0403 019 261"):
        found = call(client, "get", f"/api/v1/clients?q={query}", bob_secret).json()
        assert [row["id"] for row in found["results"]] == [dupuis["client"]], query
    assert call(client, "get", "/api/v1/clients?q=%00", bob_secret).status_code == 200

    detail = call(client, "get", f"/api/v1/clients/{dupuis['client']}", bob_secret).json()
    assert detail["enterprise_number"] == NUMBER and detail["postal_code"] == "1000"
    assert [row["id"] for row in detail["quotes"]] == [dupuis["id"]]
    alice_secret = api_token(alice)  # the administrator sees the office's clients
    assert call(client, "get", "/api/v1/clients", alice_secret).json()["count"] == 2

    # Another office, another group of the office, the insurer: none of theirs.
    for user in (charlie, dirk, victor):
        secret = api_token(user)
        answer = call(client, "get", f"/api/v1/clients/{dupuis['client']}", secret)
        assert answer.status_code == 404, user
        assert "Dupuis" not in answer.content.decode()
        listed = call(client, "get", "/api/v1/clients", secret)
        assert listed.status_code == (404 if user == victor else 200)
        assert "Dupuis" not in listed.content.decode()


def test_offers_submission_and_the_insurers_decision(client, bob, charlie, dirk, victor, accepted):
    secret = api_token(bob)
    quote = create(client, secret, "Boulangerie Dupuis")
    assert quote["offers"] == [] and quote["policy_number"] == ""
    url = f"/api/v1/quotes/{quote['id']}"
    call(client, "post", f"{url}/offer", secret, {"language": "fr"})
    issued = call(client, "post", f"{url}/offer", secret, {"language": "nl"}).json()
    newest, first = issued["offers"]
    assert (newest["number"], newest["language"], newest["superseded"]) == (2, "nl", False)
    assert (first["number"], first["superseded"], first["accepted"]) == (1, True, False)
    assert len(newest["sha256"]) == 64

    # Out of scope: 404; the insurer's token has no quotes:write (403); nothing submitted.
    for user in (charlie, dirk):
        assert call(client, "post", f"{url}/submit", api_token(user)).status_code == 404
    assert call(client, "post", f"{url}/submit", api_token(victor)).status_code == 403
    assert not Submission.objects.exists()

    key = {"HTTP_IDEMPOTENCY_KEY": "submit-dupuis"}
    submitted = call(client, "post", f"{url}/submit", secret, **key)
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    replayed = call(client, "post", f"{url}/submit", secret, **key)
    assert replayed.status_code == 200 and replayed["Idempotent-Replayed"] == "true"
    assert replayed.json() == submitted.json()
    again = call(client, "post", f"{url}/submit", secret)
    assert again.status_code == 409 and "soumise à la compagnie" in again.json()["detail"]
    assert Submission.objects.get().submitted_by == bob

    submissions.decide(
        quote=Submission.objects.get().quote, accept=True, by=victor, policy_number="POL-7"
    )
    for user in (bob, victor):  # the insurer reads the quotes on its products
        shown = call(client, "get", url, api_token(user, name=f"after {user.pk}")).json()
        assert (shown["status"], shown["policy_number"]) == ("insurer_accepted", "POL-7")


def test_a_rule_refuses_the_submission_with_its_message(client, bob, accepted):
    bob.language = "nl"
    bob.save()
    secret = api_token(bob)
    draft = call(
        client, "post", "/api/v1/quotes", secret,
        {"product": "TPE-KMO", "answers": {"activity": DOCUMENT["activity"]}},
    ).json()  # fmt: skip
    answer = call(client, "post", f"/api/v1/quotes/{draft['id']}/submit", secret)
    assert answer.status_code == 409
    assert "aan de verzekeraar worden voorgelegd" in answer.json()["detail"]
    archived = call(client, "post", f"/api/v1/quotes/{draft['id']}/archive", secret)
    assert archived.json()["status"] == "archived"
    assert call(client, "post", f"/api/v1/quotes/{draft['id']}/submit", secret).status_code == 409
    assert not Submission.objects.exists()
