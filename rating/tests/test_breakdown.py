"""A stored breakdown reads back as the typed Quote it was written from, old ones included."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings

from rating import (
    Message,
    answers_from_dict,
    explain,
    format_message,
    get_tariff,
    price,
    quote_from_dict,
)
from rating.tests.test_properties import answers

TARIFF = get_tariff(version="TPE-AT-2026.1")
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "answers.json"
# Written by the engine of November 2026, before quotes recorded their assumed legal figures.
STORED = Path(__file__).resolve().parent / "stored_breakdown_2026-11.json"


@settings(max_examples=150, deadline=None)
@given(answers())
def test_it_reads_back_what_it_wrote(answers):
    quote = price(answers, TARIFF)
    stored = json.loads(json.dumps(quote.to_dict()))
    assert quote_from_dict(stored) == quote


def test_it_reads_a_breakdown_stored_by_the_previous_engine():
    data = json.loads(EXAMPLE.read_text("utf-8"), parse_float=Decimal)
    data["insurance_year"] = 2026
    data["staff"]["students"] = {"headcount": 2, "total_wages": "6000.00", "function": "employees"}
    data["managers"] = [{"age": 70, "death_capital": "100000"}]
    data["claims"] = {"history_known": True, "years": 3, "temporary_incapacity": 1}
    data["payment_frequency"] = "quarterly"
    stored = json.loads(STORED.read_text("utf-8"))
    assert "assumed_figures" not in stored and "explanations" in stored

    quote = quote_from_dict(stored)

    assert quote == price(answers_from_dict(data), TARIFF)
    # Its tariff version still says which of 2026's figures were assumed when it was priced.
    assert quote.indicative and quote.assumed_figures == ("ceiling", "inami_rate")
    assert quote.referrals[0].params == {"index": 1, "age": 70, "min_age": 18, "max_age": 65}
    assert explain(quote)[1].key == "explain.assumed_ceiling"


def test_it_does_not_guess_for_a_tariff_version_no_longer_installed():
    stored = json.loads(STORED.read_text("utf-8"))
    stored["tariff_version"] = "TPE-AT-2019.1"
    assert not quote_from_dict(stored).indicative


def test_it_keeps_what_a_new_breakdown_says_about_assumptions():
    stored = json.loads(STORED.read_text("utf-8"))
    stored["assumed_figures"] = []
    assert not quote_from_dict(stored).indicative


def test_it_reads_rates_in_stored_messages_back_as_percentages():
    line = Message("explain.inami", {"rate": Decimal("0.0320"), "amount": Decimal("90.21")})
    stored = json.loads(json.dumps(line.to_dict()))
    assert format_message(Message.from_dict(stored)) == format_message(line)
    assert "3.20 %" in format_message(line)
