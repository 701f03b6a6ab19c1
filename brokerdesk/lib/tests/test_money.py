from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from brokerdesk.lib.money import euros, message_value, number, percent
from rating import Message, format_message

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("language", "amount", "rate", "factor"),
    [
        ("fr", f"54{NNBSP}743,48{NBSP}€", f"3,20{NBSP}%", "1,05"),
        ("nl", f"€{NBSP}54.743,48", "3,20%", "1,05"),
        ("en", "€54,743.48", "3.20%", "1.05"),
    ],
)
def test_amounts_numbers_and_rates_follow_the_language(language, amount, rate, factor):
    with translation.override(language):
        assert euros(Decimal("54743.48")) == amount
        assert euros("54743.48") == amount  # as stored in a breakdown
        assert percent(Decimal("0.032")) == rate
        assert number(Decimal("1.05")) == factor
        template = Template("{% load money %}{{ a|euros }} {{ r|percent }} {{ f|number:2 }}")
        context = Context({"a": Decimal("54743.48"), "r": Decimal("0.032"), "f": "1.05"})
        assert template.render(context) == f"{amount} {rate} {factor}"


def test_empty_or_unreadable_values_show_nothing_rather_than_fail():
    assert euros(None) == euros("") == euros("n/a") == euros(Decimal("NaN")) == ""
    assert percent(None) == ""
    assert number(None) == ""


def test_rates_keep_up_to_four_decimals():
    with translation.override("fr"):
        assert percent(Decimal("0.01875")) == f"1,875{NBSP}%"
        assert percent(Decimal("0.1")) == f"10,00{NBSP}%"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            f"Cotisation INAMI de 3,20{NBSP}% sur la prime nette légale = 1{NNBSP}290,21{NBSP}€",
        ),
        ("nl", f"RIZIV-bijdrage van 3,20% op de wettelijke nettopremie = €{NBSP}1.290,21"),
        ("en", "INAMI contribution of 3.20% on the net statutory premium = €1,290.21"),
    ],
)
def test_the_engines_lines_are_formatted_by_language(language, expected):
    inami = Message("explain.inami", {"rate": Decimal("0.0320"), "amount": Decimal("1290.21")})
    with translation.override(language):
        assert format_message(inami, translation.gettext, message_value) == expected


def test_message_values_keep_years_codes_and_counts_as_they_are():
    with translation.override("fr"):
        assert message_value("year", 2026) == "2026"
        assert message_value("code", "47.110") == "47.110"
        assert message_value("modifier", Decimal("0.95")) == "0,95"
        assert message_value("ceiling", "56900.00") == f"56{NNBSP}900,00{NBSP}€"
