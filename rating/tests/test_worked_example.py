"""domain.md §2.10: the worked example (2024 ceiling, class 3 retail), reproduced to the cent."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from rating import Answers, ClaimsHistory, H24Choice, Staff, StaffGroup, get_tariff, price


def _example_answers() -> Answers:
    # The example's claims modifier is 1.00 ("1 claim in 3 years, within expectation"). The §2.8
    # formula with this tariff's frequencies gives 1.04 for one lost-time claim (Z = 15/150,
    # expected 0.39, ratio 2/1.39) and 0.97 for one claim without lost time, so the modifier is
    # pinned at 1.00 by giving no claims history, the §2.8 rule for that case.
    return Answers(
        activity_code="47.110",  # retail, class 3
        nace_version="2025",
        insurance_year=2024,
        staff=Staff(
            employees=StaffGroup(wages=(Decimal("45000"), Decimal("52000"), Decimal("60000"))),
            workers=StaffGroup(wages=(Decimal("38000"), Decimal("41000"))),
        ),
        extra_legal_options=("excess_wages", "temporary_incapacity_100"),
        h24=H24Choice(categories=("employees", "workers"), mode="pct_payroll"),
        claims=ClaimsHistory(history_known=False),
    )


def test_it_reproduces_every_figure_the_example_computes():
    quote = price(_example_answers(), get_tariff(version="TPE-AT-2026.1"))
    employees, workers, _students, _apprentices = quote.legal.categories

    assert quote.ceiling == Decimal("54743.48")
    assert quote.risk_class == 3
    assert employees.capped_payroll == Decimal("151743.48")
    assert workers.capped_payroll == Decimal("79000.00")
    assert employees.legal_premium == Decimal("606.97")
    assert workers.legal_premium == Decimal("2212.00")
    assert quote.legal.size_factor == Decimal("1.00")
    assert quote.legal.claims_modifier == Decimal("1.00")
    assert quote.legal.net_premium == Decimal("2818.97")
    assert quote.legal.inami_contribution == Decimal("90.21")

    excess, incapacity = quote.options
    assert employees.excess_payroll == Decimal("5256.52")
    assert excess.computed == Decimal("14.72")  # 5,256.52 × 0.40 % × 0.70
    assert incapacity.premium == Decimal("169.14")  # 6 % × 2,818.97
    assert quote.h24.premium == Decimal("655.86")  # 151,743.48 × 0.25 % + 79,000 × 0.35 %


def test_it_applies_the_option_minimum_the_example_ignores():
    # §2.4 sets a €25 minimum per extra-legal option; the example charges the excess option
    # €14.72. With the minimum: extra-legal net 25.00 + 169.14 + 655.86 = 850.00 (not 839.72),
    # tax 9.25 % = 78.625 → 78.63 half-up (not 77.67), total 2,818.97 + 90.21 + 850.00 + 78.63
    # = 3,837.81 (not 3,826.57).
    quote = price(_example_answers(), get_tariff(version="TPE-AT-2026.1"))

    assert quote.options[0].minimum_applied
    assert quote.options[0].premium == Decimal("25.00")
    assert quote.extra_legal_net == Decimal("850.00")
    assert quote.taxes == Decimal("78.63")
    assert quote.total_annual == Decimal("3837.81")


def test_it_matches_the_example_total_without_the_option_minimum():
    # The example's own figures, with its omission made explicit: no option minimum.
    tariff = get_tariff(version="TPE-AT-2026.1")
    without_minimum = dataclasses.replace(
        tariff,
        minimums=dataclasses.replace(tariff.minimums, extra_legal_option=Decimal(0)),
    )
    quote = price(_example_answers(), without_minimum)

    assert quote.extra_legal_net == Decimal("839.72")
    assert quote.taxes == Decimal("77.67")
    assert quote.total_annual == Decimal("3826.57")
