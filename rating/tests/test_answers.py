"""The answers contract: JSON in, typed Answers out, field-level errors for bad input."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pytest

from rating import (
    AnswersError,
    StaffGroup,
    answers_from_dict,
    format_message,
    get_tariff,
    price,
    round_cents,
)

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "answers.json"
TARIFF = get_tariff(version="TPE-AT-2026.1")


def _answers(**changes):
    data = {
        "activity_code": "47.110",
        "insurance_year": 2026,
        "staff": {"employees": {"wages": ["40000"]}},
    }
    data.update(changes)
    return data


def _error(data) -> AnswersError:
    with pytest.raises(AnswersError) as error:
        price(answers_from_dict(data), TARIFF)
    return error.value


def test_it_reads_the_example_file():
    answers = answers_from_dict(json.loads(EXAMPLE.read_text("utf-8"), parse_float=Decimal))
    assert answers.staff.employees.wages == (
        Decimal("45000.00"),
        Decimal("52000.00"),
        Decimal("60000.00"),
    )
    assert answers.extra_legal_options == ("excess_wages", "temporary_incapacity_100")
    assert answers.h24.categories == ("employees", "workers")
    assert answers.quote_date.isoformat() == "2026-03-01"


def test_it_fills_defaults():
    answers = answers_from_dict({"activity_code": "62.100", "insurance_year": 2026})
    assert answers.nace_version == "2025"
    assert answers.payment_frequency == "annual"
    assert answers.broker_adjustment == 0
    assert answers.h24 is None
    assert not answers.claims.history_known


def test_it_refuses_floats_so_amounts_stay_exact():
    assert _error(_answers(staff={"employees": {"wages": [40000.5]}})).field == (
        "staff.employees.wages.0"
    )
    with pytest.raises(AnswersError):
        StaffGroup(wages=(40000.5,))


@pytest.mark.parametrize(
    ("data", "field", "key"),
    [
        ({"insurance_year": 2026}, "activity_code", "error.required"),
        (_answers(activity_cod="47.110"), "activity_cod", "error.unknown_field"),
        (_answers(staff={"employes": {}}), "staff.employes", "error.unknown_field"),
        (
            _answers(staff={"employees": {"wages": ["-1"]}}),
            "staff.employees.wages.0",
            "error.negative",
        ),
        (
            _answers(staff={"employees": {"wages": ["abc"]}}),
            "staff.employees.wages.0",
            "error.invalid_amount",
        ),
        (_answers(payment_frequency="weekly"), "payment_frequency", "error.choice"),
        (_answers(extra_legal_options=["gold"]), "extra_legal_options.0", "error.choice"),
        (_answers(nace_version="2003"), "nace_version", "error.choice"),
        (_answers(h24={"categories": ["apprentices"]}), "h24.categories.0", "error.choice"),
        (_answers(managers=[{"death_capital": "1000"}]), "managers.0.age", "error.required"),
        (_answers(claims={"fatal": -1}), "claims.fatal", "error.negative"),
        (_answers(quote_date="31/12/2026"), "quote_date", "error.invalid_date"),
        (
            _answers(staff={"employees": {"wages": ["1"], "total_wages": "1"}}),
            "staff.employees.wages",
            "error.wages_and_totals",
        ),
        (
            _answers(staff={"workers": {"headcount": 1, "workers_above_ceiling": 2}}),
            "staff.workers.workers_above_ceiling",
            "error.above_ceiling_count",
        ),
        (_answers(insurance_year=2022), "insurance_year", "error.year_not_in_tariff"),
        (_answers(activity_code="00.000"), "activity_code", "error.unknown_activity"),
        (_answers(broker_adjustment="-0.5"), "broker_adjustment", "error.out_of_range"),
        (
            # 2 people at 100,000 with no one declared above the 56,900 ceiling.
            _answers(staff={"workers": {"headcount": 2, "total_wages": "200000"}}),
            "staff.workers.workers_above_ceiling",
            "error.above_ceiling_wages",
        ),
        (
            # 2 people above the ceiling cannot earn less than twice the ceiling.
            _answers(
                staff={
                    "workers": {"headcount": 3, "total_wages": "90000", "workers_above_ceiling": 2}
                }
            ),
            "staff.workers.total_wages",
            "error.above_ceiling_wages",
        ),
        (
            _answers(
                staff={
                    "workers": {
                        "headcount": 2,
                        "total_wages": "200000",
                        "workers_above_ceiling": 1,
                        "wages_above_ceiling": "60000",
                    }
                }
            ),
            "staff.workers.wages_above_ceiling",
            "error.above_ceiling_wages",
        ),
    ],
)
def test_it_names_the_field_in_error(data, field, key):
    error = _error(data)
    assert (error.field, error.message.key) == (field, key)


def test_it_ignores_the_client_identity():
    data = _answers(client={"name": "Dupuis", "enterprise_number": "BE0403019261"})
    assert price(answers_from_dict(data), TARIFF).total_annual > 0


def _deep(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("data", "field", "key"),
    [
        # A value of the wrong JSON type is named as such, not as missing.
        ([_answers()], "answers", "error.wrong_type"),
        (_answers(staff=[{"wages": ["1"]}]), "staff", "error.wrong_type"),
        (_answers(staff={"employees": [["1"]]}), "staff.employees", "error.wrong_type"),
        (_answers(staff={"employees": {"wages": "40000"}}), "staff.employees.wages", None),
        (_answers(managers={"age": 40}), "managers", "error.wrong_type"),
        (_answers(managers=[[40]]), "managers.0", "error.wrong_type"),
        (_answers(extra_legal_options="h24"), "extra_legal_options", "error.wrong_type"),
        (_answers(h24={"categories": "employees"}), "h24.categories", "error.wrong_type"),
        (_answers(claims=[]), "claims", "error.wrong_type"),
        (_answers(claims={"previous_insurer": ["AG"]}), "claims.previous_insurer", None),
        (_answers(activity_code=47110), "activity_code", "error.wrong_type"),
        (_answers(quote_date=20260301), "quote_date", "error.wrong_type"),
        (_answers(tariff_version=["TPE-AT-2026.1"]), "tariff_version", "error.wrong_type"),
        (_answers(nace_version=2025), "nace_version", "error.choice"),
        (_answers(claims={"history_known": "yes"}), "claims.history_known", "error.choice"),
        # Beyond any small business, and beyond what 28-digit arithmetic rounds to the cent.
        (
            _answers(staff={"workers": {"headcount": 2, "total_wages": 10**26}}),
            "staff.workers.total_wages",
            "error.too_large",
        ),
        (_answers(staff={"workers": {"headcount": 10**26}}), "staff.workers.headcount", None),
        (_answers(staff={"employees": {"wages": ["1e999999"]}}), "staff.employees.wages.0", None),
        (_answers(managers=[{"age": 10**26}]), "managers.0.age", "error.too_large"),
        (
            _answers(managers=[{"age": 40, "daily_allowance": 10**26}]),
            "managers.0.daily_allowance",
            None,
        ),
        (_answers(claims={"fatal": "9" * 5000}), "claims.fatal", "error.too_large"),
        (_answers(broker_adjustment="NaN"), "broker_adjustment", "error.invalid_amount"),
        # Deeply nested junk is reported like any other bad value.
        (
            _answers(managers=[{"age": 40, "death_capital": _deep(500)}]),
            "managers.0.death_capital",
            None,
        ),
        (_answers(h24={"mode": _deep(500)}), "h24.mode", "error.choice"),
        # Wages above the ceiling said to be earned by nobody: the count is asked, not guessed.
        (
            _answers(
                staff={
                    "workers": {
                        "headcount": 2,
                        "total_wages": "100000",
                        "wages_above_ceiling": "60000",
                    }
                }
            ),
            "staff.workers.wages_above_ceiling",
            "error.above_ceiling_without_count",
        ),
        # A tariff chosen by the answers that does not exist names the answer that chose it.
        (_answers(quote_date="2010-01-01"), "quote_date", "error.no_tariff"),
        (_answers(tariff_version="TPE-AT-1999.1"), "tariff_version", "error.unknown_tariff"),
    ],
)
def test_it_refuses_junk_naming_the_field(data, field, key):
    with pytest.raises(AnswersError) as error:
        price(answers_from_dict(data))
    assert error.value.field == field
    if key is not None:
        assert error.value.message.key == key
    text = format_message(error.value.message)
    assert text and "\n" not in text and len(text) < 300


def _referrals(data) -> list[str]:
    quote = price(answers_from_dict(data), TARIFF)
    assert quote.total_annual < 10**15  # priced, and still an amount a person can read
    return [message.key for message in quote.referrals]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_answers(staff={"employees": {"wages": ["40000", "600000"]}}), ["referral.wage_per_head"]),
        (
            _answers(
                staff={
                    "workers": {
                        "headcount": 2,
                        "total_wages": "1200000",
                        "workers_above_ceiling": 2,
                    }
                }
            ),
            ["referral.wage_per_head"],
        ),
        (
            _answers(staff={"workers": {"headcount": 51, "total_wages": "1500000"}}),
            ["referral.headcount"],
        ),
        # Less a year per person than the legal minimum basic wage (issue 14 item 6).
        (
            _answers(staff={"workers": {"headcount": 3, "total_wages": "12000"}}),
            ["referral.wage_below_minimum"],
        ),
        (_answers(staff={"employees": {"wages": ["30000", "1500"]}}), []),  # the average counts
        (_answers(staff={"students": {"headcount": 3, "total_wages": "3000"}}), []),
        (
            _answers(managers=[{"age": 40, "death_capital": "3000000"}]),
            ["referral.insured_capital"],
        ),
        (
            _answers(managers=[{"age": 40, "daily_allowance": "999999999999"}]),
            ["referral.daily_allowance"],
        ),
        (_answers(managers=[{"age": 80, "permanent_capital": "100000"}]), ["referral.manager_age"]),
        (_answers(staff={"employees": {"wages": ["500000"]}}), []),  # at the limit: priced
    ],
)
def test_it_refers_answers_beyond_the_tariffs_limits(data, expected):
    assert _referrals(data) == expected


@pytest.mark.parametrize("uplift", ["1.00", "1.08"])
def test_it_rounds_each_wage_to_the_cent_whatever_the_uplift(uplift):
    tariff = dataclasses.replace(
        TARIFF, payroll_uplift={**TARIFF.payroll_uplift, "employees": Decimal(uplift)}
    )
    wages = [Decimal("30000.004"), Decimal("30000.005")]
    quote = price(answers_from_dict(_answers(staff={"employees": {"wages": wages}})), tariff)
    expected = sum(round_cents(wage * Decimal(uplift)) for wage in wages)
    assert quote.legal.categories[0].capped_payroll == expected
    totals = {"headcount": 2, "total_wages": sum(wages)}
    quote = price(answers_from_dict(_answers(staff={"employees": totals})), tariff)
    assert quote.legal.categories[0].capped_payroll == round_cents(sum(wages) * Decimal(uplift))


def test_it_charges_the_24h_minimum_when_the_premium_rounds_to_nothing():
    # 1.00 € of payroll × 0.25 % = 0.0025 €, 0.00 once rounded: someone is insured all the same.
    data = _answers(
        staff={"employees": {"wages": ["1.00"]}},
        h24={"categories": ["employees"], "mode": "pct_payroll"},
    )
    h24 = price(answers_from_dict(data), TARIFF).h24
    assert (h24.computed, h24.minimum_applied, h24.premium) == (0, True, Decimal("50.00"))
    # Students chosen but nobody employed as a student: nothing insured, nothing charged.
    data = _answers(h24={"categories": ["students"]})
    h24 = price(answers_from_dict(data), TARIFF).h24
    assert (h24.minimum_applied, h24.premium) == (False, 0)


def test_it_charges_the_manager_minimum_when_the_premium_rounds_to_nothing():
    data = _answers(managers=[{"age": 40, "death_capital": "1"}])
    quote = price(answers_from_dict(data), TARIFF)
    assert quote.managers[0].premium == 0
    assert (quote.manager_minimum_applied, quote.manager_premium) == (True, Decimal("25.00"))
    quote = price(answers_from_dict(_answers(managers=[{"age": 40}])), TARIFF)
    assert (quote.manager_minimum_applied, quote.manager_premium) == (False, 0)
