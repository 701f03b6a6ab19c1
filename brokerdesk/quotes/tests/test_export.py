"""The "Exporter" of the Demandes list: CSV and XLSX, the list's quotes and filters only,
streamed in chunks."""

from __future__ import annotations

import csv
import io
import tracemalloc
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from brokerdesk.clients import services as clients
from brokerdesk.offices.models import Group
from brokerdesk.quotes import export
from brokerdesk.quotes.models import Quote
from tests.factories import QuoteFactory

HEADER = [
    "Référence",
    "Client",
    "Numéro d'entreprise",
    "Activité (NACE)",
    "Créé le",
    "Intermédiaire",
    "Produit",
    "Statut",
    "Prime annuelle",
]


@pytest.fixture
def quotes(alice, bob, charlie, product, accepted):
    """Two quotes in Bob's group (one priced, for a client), one in Default, one of Charlie's."""
    office = alice.membership.office
    record = clients.create_client(
        office_id=office.pk,
        fields={"name": "Dupuis SA", "enterprise_number": "0403019261", "activity_code": "47.110"},
        by=bob,
    )[0]
    priced = QuoteFactory(
        group=accepted,
        product=product,
        created_by=bob,
        client_name="Dupuis",
        activity={"activity_code": "47.110", "enterprise_number": "0403019261"},
    )
    Quote.objects.filter(pk=priced.pk).update(
        status=Quote.Status.PRICED, total_annual=Decimal("1234.56"), client=record
    )
    draft = QuoteFactory(
        group=accepted,
        product=product,
        created_by=alice,
        client_name="=HYPERLINK(1)",
        activity={"activity_code": "43.221"},
    )
    default = Group.objects.get(office=office, name="Default")
    elsewhere = QuoteFactory(
        group=default, product=product, created_by=alice, client_name="Ailleurs"
    )
    theirs = QuoteFactory(
        group=charlie.membership.current_group,
        product=product,
        created_by=charlie,
        client_name="Chez Charlie",
    )
    return {"priced": priced, "draft": draft, "elsewhere": elsewhere, "theirs": theirs}


def csv_rows(response) -> list[list[str]]:
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.mark.django_db
def test_the_csv_has_the_lists_quotes_and_columns(client, bob, quotes):
    client.force_login(bob)
    response = client.get(reverse("quotes_export", args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == HEADER
    by_ref = {row[0]: row for row in rows[1:]}
    assert set(by_ref) == {quotes["priced"].reference, quotes["draft"].reference}
    priced = by_ref[quotes["priced"].reference]
    assert priced[1:4] == ["Dupuis SA", "BE0403019261", "47.110"]
    assert priced[5:] == ["Bob Peeters", "TPE Tool", "Tarifé", "1234.56"]
    draft = by_ref[quotes["draft"].reference]
    # A name a spreadsheet would run as a formula is kept as text.
    assert draft[1:4] == ["'=HYPERLINK(1)", "", "43.221"]
    assert draft[7:] == ["Brouillon", ""]


@pytest.mark.django_db
def test_the_export_honours_the_filters_and_order(client, bob, quotes):
    client.force_login(bob)
    url = reverse("quotes_export", args=["csv"])
    rows = csv_rows(client.get(url, {"status": "priced"}))
    assert [row[0] for row in rows[1:]] == [quotes["priced"].reference]
    rows = csv_rows(client.get(url, {"order": "reference"}))
    refs = [row[0] for row in rows[1:]]
    assert refs == sorted(refs)
    # The list's page links to the export with its filters.
    html = client.get(reverse("quotes"), {"status": "priced"}).content.decode()
    assert reverse("quotes_export", args=["xlsx"]) + "?order=created&amp;status=priced" in html


@pytest.mark.django_db
def test_other_groups_and_offices_are_never_exported(
    client, bob, alice, charlie, quotes, make_staff
):
    for user, expected in ((bob, {"priced", "draft"}), (charlie, {"theirs"})):
        client.force_login(user)
        rows = csv_rows(client.get(reverse("quotes_export", args=["csv"])))
        assert {row[0] for row in rows[1:]} == {quotes[name].reference for name in expected}
    staff = make_staff("victor@vivium.be", "Vivium")
    client.force_login(staff)
    assert client.get(reverse("quotes_export", args=["csv"])).status_code == 404
    assert client.get(reverse("quotes_export", args=["pdf"])).status_code in (404,)


@pytest.mark.django_db
def test_the_xlsx(client, bob, quotes):
    client.force_login(bob)
    response = client.get(reverse("quotes_export", args=["xlsx"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    priced = next(row for row in rows if row[0] == quotes["priced"].reference)
    assert priced[1:4] == ["Dupuis SA", "BE0403019261", "47.110"]
    assert priced[7] == "Tarifé" and Decimal(str(priced[8])) == Decimal("1234.56")
    assert priced[4].year >= 2026  # a real date cell
    assert len(rows) == 3


@pytest.mark.django_db
def test_a_workbook_too_big_to_build_in_time_points_to_the_csv(client, bob, quotes, monkeypatch):
    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 1)
    client.force_login(bob)
    response = client.get(reverse("quotes_export", args=["xlsx"]), {"q": ""}, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("quotes"))
    assert "Plus de 1 demandes : exportez-les en CSV ou filtrez la liste." in (
        response.content.decode()
    )
    assert client.get(reverse("quotes_export", args=["csv"])).status_code == 200


@pytest.mark.django_db
def test_the_export_is_abuse_limited(client, bob, settings):
    settings.ABUSE_LIMITS = {**settings.ABUSE_LIMITS, "export": {"ip": "2/h"}}
    client.force_login(bob)
    url = reverse("quotes_export", args=["csv"])
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


def _bulk(group, product, user, first: int, count: int) -> None:
    Quote.objects.bulk_create(
        [
            Quote(
                office_id=group.office_id,
                group=group,
                created_by=user,
                product=product,
                number=first + n,
                reference=f"BULK_{first + n:06d}_" + "X" * 40,
                client_name="Client en nombre " + "y" * 60,
                answers={
                    "activity": {"activity_code": "47.110", "enterprise_number": "0403019261"}
                },
                total_annual=Decimal("999.99"),
            )
            for n in range(count)
        ],
        batch_size=1000,
    )


def _peak_while_streaming(client) -> tuple[int, int]:
    """The peak of memory allocated while the CSV is read line by line, and its lines."""
    response = client.get(reverse("quotes_export", args=["csv"]))
    tracemalloc.start()
    try:
        lines = sum(1 for _line in response.streaming_content)
        return tracemalloc.get_traced_memory()[1], lines
    finally:
        tracemalloc.stop()


@pytest.mark.django_db
def test_memory_stays_bounded_however_many_quotes(client, bob, product, accepted, monkeypatch):
    """Read in chunks, 8 times more quotes take about the same memory; a list() of the
    queryset (or any row kept) would take about 8 times more."""
    monkeypatch.setattr(export, "CHUNK_SIZE", 100)
    client.force_login(bob)
    _bulk(accepted, product, bob, 1, 500)
    small, lines = _peak_while_streaming(client)
    assert lines == 501
    _bulk(accepted, product, bob, 1000, 3500)
    large, lines = _peak_while_streaming(client)
    assert lines == 4001
    assert large < 2 * small, (small, large)


@pytest.mark.django_db
def test_the_export_speaks_the_users_language(client, bob, quotes):
    bob.language = "nl"
    bob.save()
    client.force_login(bob)
    rows = csv_rows(client.get(reverse("quotes_export", args=["csv"])))
    assert "Jaarpremie" in rows[0] and "Référence" not in rows[0]
    priced = next(row for row in rows if row[0] == quotes["priced"].reference)
    assert priced[7] != "Tarifé"
