"""The producer number format is the insurer's data, edited in the admin."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from brokerdesk.accounts.models import User
from brokerdesk.catalogue.forms import ProducerNumberForm
from brokerdesk.catalogue.models import Insurer, Product


@pytest.fixture
def operator(db):
    return User.objects.create_superuser("operator@brokerdesk.be", "operator-pass-99")


def insurer_form(insurer: Insurer, **changes: str) -> dict[str, str]:
    return {
        "name": insurer.name,
        "legal_name": insurer.legal_name,
        "reference_prefix": insurer.reference_prefix,
        "producer_number_pattern": insurer.producer_number_pattern,
        "producer_number_description_fr": insurer.producer_number_description_fr,
        "producer_number_description_nl": insurer.producer_number_description_nl,
        "producer_number_description_en": insurer.producer_number_description_en,
        **changes,
    }


def test_an_operator_edits_an_insurers_format_in_the_admin(client, operator, product):
    client.force_login(operator)
    url = reverse("admin:catalogue_insurer_change", args=[product.insurer.pk])
    assert "4 à 6 chiffres" in client.get(url).content.decode()
    changes = {
        "producer_number_pattern": "A[0-9]{5}",
        "producer_number_description_fr": "A puis 5 chiffres",
    }
    response = client.post(url, insurer_form(product.insurer, **changes))
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.accepts_producer_number("A12345") and not product.accepts_producer_number("7964")
    assert product.producer_number_description == "A puis 5 chiffres"


def test_a_broken_pattern_is_refused_next_to_the_field(client, operator, product):
    client.force_login(operator)
    url = reverse("admin:catalogue_insurer_change", args=[product.insurer.pk])
    response = client.post(
        url, insurer_form(product.insurer, producer_number_pattern="([0-9]{4,6}")
    )
    assert response.status_code == 200
    assert "Expression régulière invalide" in response.content.decode()
    product.insurer.refresh_from_db()
    assert product.insurer.producer_number_pattern == r"\d{4,6}"


def test_a_products_own_pattern_needs_its_words(client, operator, product):
    client.force_login(operator)
    url = reverse("admin:catalogue_product_change", args=[product.pk])
    form = {
        "insurer": product.insurer.pk,
        "code": product.code,
        "name_fr": "TPE Tool",
        "name_nl": "TPE Tool",
        "name_en": "TPE Tool",
        "producer_number_pattern": "[0-9]{8}",
    }
    response = client.post(url, form)
    assert "Décrivez le format propre à ce produit" in response.content.decode()
    response = client.post(url, {**form, "producer_number_description_fr": "8 chiffres"})
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.accepts_producer_number("12345678")
    assert not product.accepts_producer_number("7964")


def test_the_demo_data_accepts_the_manuals_producer_numbers(db):
    call_command("seed_demo", "--public-demo", stdout=StringIO())
    tpe = Product.objects.get(code="TPE-KMO")
    for number in ("7964", "66799", "66802", "123456"):
        assert tpe.accepts_producer_number(number)
    form = ProducerNumberForm({"producer_number": "1234567"}, product=tpe)
    assert form.errors["producer_number"] == [
        "Format attendu pour un numéro de producteur Vivium : 4 à 6 chiffres."
    ]


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_meaning_of_lengths_and_kinds():
    before = [("catalogue", "0002_insurer_producer_number_format_and_more")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    axa = old.get_model("catalogue", "Insurer").objects.create(
        name="AXA", reference_prefix="AX", producer_number_format="alphanumeric"
    )
    old_product = old.get_model("catalogue", "Product")
    for code, length in [("A", 8), ("B", 8), ("C", 5)]:
        old_product.objects.create(
            insurer=axa,
            code=code,
            name_fr=code,
            name_nl=code,
            name_en=code,
            producer_number_length=length,
        )
    old.get_model("catalogue", "Insurer").objects.create(name="Vivium", reference_prefix="PV")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    axa, vivium = Insurer.objects.get(name="AXA"), Insurer.objects.get(name="Vivium")
    assert (axa.producer_number_pattern, axa.producer_number_description_fr) == (
        "[A-Z0-9]{8}",
        "8 lettres ou chiffres",
    )
    assert (vivium.producer_number_pattern, vivium.producer_number_description_nl) == (
        r"\d{6}",
        "6 cijfers",
    )
    a, c = Product.objects.get(code="A"), Product.objects.get(code="C")
    assert a.producer_number_pattern == ""  # the insurer's format
    assert a.accepts_producer_number("AB12CD34") and not a.accepts_producer_number("AB12C")
    assert c.accepts_producer_number("AB12C") and not c.accepts_producer_number("AB12CD34")
    assert c.producer_number_description == "5 lettres ou chiffres"
