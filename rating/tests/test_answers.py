"""The answers contract: JSON in, typed Answers out, field-level errors for bad input."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from rating import AnswersError, StaffGroup, answers_from_dict, get_tariff, price

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
