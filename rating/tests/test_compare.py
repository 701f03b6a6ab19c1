from __future__ import annotations

from decimal import Decimal

from rating.compare import compare, golden_cases
from rating.tariff import TARIFF_DIR, get_tariff, parse_tariff


def changed_tariff(old: str, new: str):
    text = (TARIFF_DIR / "TPE-AT-2026.1.toml").read_text()
    assert old in text
    return parse_tariff(text.replace(old, new, 1).replace('"TPE-AT-2026.1"', '"TPE-AT-2027.1"'))


def test_the_same_tariff_changes_nothing():
    tariff = get_tariff(version="TPE-AT-2026.1")
    results = compare(tariff, tariff, golden_cases())
    assert len(results) == len(golden_cases())
    assert all(r.change == 0 and r.lines == [] for r in results)


def test_a_higher_policy_fee_shows_on_every_priced_case_largest_first():
    before = get_tariff(version="TPE-AT-2026.1")
    after = changed_tariff("policy_fee = 0.00", "policy_fee = 25.00")
    results = compare(before, after, golden_cases())
    priced = [r for r in results if r.before is not None and r.after is not None]
    assert priced and all(r.change >= Decimal("25.00") for r in priced)
    fee = next(change for change in priced[0].lines if change.line == "policy_fee")
    assert (fee.before, fee.after) == (Decimal("0.00"), Decimal("25.00"))
    assert [r.weight for r in results] == sorted((r.weight for r in results), reverse=True)


def test_answers_the_new_version_refuses_come_first():
    before = get_tariff(version="TPE-AT-2026.1")
    after = changed_tariff("[legal_years.2013]", "[legal_years.1999]")
    cases = [("old year", {"activity_code": "62.100", "insurance_year": 2013}), *golden_cases()]
    results = compare(before, after, cases)
    assert results[0].name == "old year"
    assert results[0].before is not None and results[0].after is None
    assert results[0].refused_after.key == "error.year_not_in_tariff"
