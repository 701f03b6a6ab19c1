"""Golden cases: hand-computed quotes covering every option and edge of the tariff."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from rating import answers_from_dict, explain, format_message, get_tariff, price

CASES = tomllib.loads((Path(__file__).parents[1] / "golden_cases.toml").read_text("utf-8"))["case"]


def _lookup(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def test_it_has_at_least_thirty_distinct_cases():
    names = [case["name"] for case in CASES]
    assert len(names) >= 30
    assert len(set(names)) == len(names)


def test_it_covers_every_option_frequency_and_year():
    tariff = get_tariff(version="TPE-AT-2026.1")
    answers = [case["answers"] for case in CASES]
    options = {option for item in answers for option in item.get("extra_legal_options", [])}
    frequencies = {item.get("payment_frequency", "annual") for item in answers}
    years = {item["insurance_year"] for item in answers}
    assert options == set(tariff.options)
    assert frequencies == set(tariff.payment_frequencies)
    assert years == set(tariff.legal_years)
    assert {"h24", "managers"} <= {key for item in answers for key in item}


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_it_prices_the_golden_case(case):
    quote = price(answers_from_dict(case["answers"]), get_tariff(version="TPE-AT-2026.1"))
    data = quote.to_dict()
    for path, expected in case["expect"].items():
        if path == "referrals":
            assert [item["key"] for item in data["referrals"]] == expected, case["why"]
            continue
        actual = _lookup(data, path)
        if isinstance(expected, str):
            assert Decimal(actual) == Decimal(expected), f"{path}: {case['why']}"
        else:
            assert actual == expected, f"{path}: {case['why']}"
    assert sum(quote.parts()) == quote.total_annual
    # Every explanation and referral renders: its template exists and receives all its values.
    rendered = [format_message(line) for line in (*explain(quote), *quote.referrals)]
    assert all(rendered)
