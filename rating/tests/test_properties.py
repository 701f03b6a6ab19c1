"""Properties of the engine over generated answers (hypothesis)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from rating import (
    Answers,
    ClaimsHistory,
    H24Choice,
    ManagerCover,
    Message,
    Staff,
    StaffGroup,
    explain,
    get_tariff,
    price,
)
from rating.models import OPTIONS, PAYMENT_FREQUENCIES, PAYROLL_CATEGORIES

TARIFF = get_tariff(version="TPE-AT-2026.1")
# Real codes of every risk class, in both NACE-BEL versions.
CODES = [
    ("62.100", "2025"),
    ("71.111", "2025"),
    ("47.110", "2025"),
    ("56.111", "2025"),
    ("41.001", "2025"),
    ("43.110", "2025"),
    ("45.201", "2008"),
    ("86.101", "2008"),
]
FEW = settings(max_examples=120, deadline=None)

money = st.integers(min_value=0, max_value=15_000_000).map(lambda cents: Decimal(cents) / 100)


@st.composite
def staff_groups(draw: st.DrawFn) -> StaffGroup:
    if draw(st.booleans()):
        return StaffGroup(wages=tuple(draw(st.lists(money, max_size=5))))
    headcount = draw(st.integers(min_value=1, max_value=8))
    above = draw(st.integers(min_value=1, max_value=headcount))
    ceiling = Decimal("56900.00")  # the highest ceiling of the tariff: valid for every year
    total = above * ceiling + draw(money)
    return StaffGroup(headcount=headcount, total_wages=total, workers_above_ceiling=above)


@st.composite
def answers(draw: st.DrawFn) -> Answers:
    code, version = draw(st.sampled_from(CODES))
    students = draw(staff_groups())
    students = dataclasses.replace(
        students, function=draw(st.sampled_from((None, "employees", "workers")))
    )
    years = draw(st.integers(min_value=0, max_value=5))
    claims = ClaimsHistory(
        history_known=draw(st.booleans()),
        years=years,
        no_lost_time=draw(st.integers(0, 3)),
        temporary_incapacity=draw(st.integers(0, 6)),
        permanent_incapacity=draw(st.integers(0, 2)),
        fatal=draw(st.integers(0, 1)),
        aggravated_risk=draw(st.booleans()),
        cancelled_by_insurer=draw(st.booleans()),
    )
    h24 = draw(
        st.none()
        | st.builds(
            H24Choice,
            categories=st.lists(st.sampled_from(PAYROLL_CATEGORIES), unique=True).map(tuple),
            mode=st.sampled_from(("pct_payroll", "per_head")),
        )
    )
    managers = draw(
        st.lists(
            st.builds(
                ManagerCover,
                age=st.integers(16, 75),
                death_capital=money,
                permanent_capital=money,
                progressive=st.booleans(),
                daily_allowance=st.integers(0, 200).map(Decimal),
                no_waiting_period=st.booleans(),
                medical_top_up=st.booleans(),
            ),
            max_size=2,
        )
    )
    return Answers(
        activity_code=code,
        nace_version=version,
        insurance_year=draw(st.sampled_from(sorted(TARIFF.legal_years))),
        staff=Staff(
            employees=draw(staff_groups()),
            workers=draw(staff_groups()),
            students=students,
            apprentices=StaffGroup(headcount=draw(st.integers(0, 4))),
        ),
        extra_legal_options=tuple(draw(st.lists(st.sampled_from(OPTIONS), unique=True))),
        h24=h24,
        managers=tuple(managers),
        claims=claims,
        payment_frequency=draw(st.sampled_from(PAYMENT_FREQUENCIES)),
        broker_adjustment=Decimal(draw(st.integers(-10, 10))) / 100,
    )


def _values(value: Any, with_messages: bool = True) -> list[Any]:
    """Every leaf value of a quote (dataclasses and tuples walked through, messages optionally)."""
    if isinstance(value, Message) and not with_messages:
        return []
    if dataclasses.is_dataclass(value):
        return [
            leaf
            for field in dataclasses.fields(value)
            for leaf in _values(getattr(value, field.name), with_messages)
        ]
    if isinstance(value, tuple | list):
        return [leaf for item in value for leaf in _values(item, with_messages)]
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _values(item, with_messages)]
    return [value]


@FEW
@given(answers())
def test_it_never_returns_a_negative_amount_or_a_float(answers):
    quote = price(answers, TARIFF)
    assert not any(isinstance(leaf, float) for leaf in _values((quote, explain(quote))))
    # Message values may be negative (a broker discount); amounts never are.
    amounts = [leaf for leaf in _values(quote, with_messages=False) if isinstance(leaf, Decimal)]
    assert amounts
    assert all(amount >= 0 for amount in amounts)


@FEW
@given(answers())
def test_it_makes_the_total_the_sum_of_its_parts(answers):
    quote = price(answers, TARIFF)
    assert sum(quote.parts()) == quote.total_annual
    assert sum(quote.extra_legal_parts()) == quote.extra_legal_net
    assert quote.instalment * (quote.instalments - 1) + quote.last_instalment == quote.total_annual
    for amount in (*quote.parts(), quote.total_annual, quote.instalment, quote.last_instalment):
        assert amount == amount.quantize(Decimal("0.01"))


@FEW
@given(answers())
def test_it_keeps_every_factor_within_its_bounds(answers):
    legal = price(answers, TARIFF).legal
    assert TARIFF.claims.floor <= legal.claims_modifier <= TARIFF.claims.cap
    assert legal.size_factor in {band.factor for band in TARIFF.size_bands}
    low, high = TARIFF.broker_adjustment_min, TARIFF.broker_adjustment_max
    assert 1 + low <= legal.broker_factor <= 1 + high
    assert legal.net_premium >= TARIFF.minimums.legal


@FEW
@given(answers(), st.sampled_from(PAYROLL_CATEGORIES), st.integers(0, 10), money)
def test_it_never_costs_less_when_a_wage_rises(answers, category, index, raise_by):
    group = getattr(answers.staff, category)
    assume(group.wages or group.total_wages is not None)
    if group.wages:
        wages = list(group.wages)
        wages[index % len(wages)] += raise_by
        raised = dataclasses.replace(group, wages=tuple(wages))
    else:
        raised = dataclasses.replace(group, total_wages=group.total_wages + raise_by)
    richer = dataclasses.replace(
        answers, staff=dataclasses.replace(answers.staff, **{category: raised})
    )
    before, after = price(answers, TARIFF), price(richer, TARIFF)
    assert after.legal.net_premium >= before.legal.net_premium
    assert after.extra_legal_net >= before.extra_legal_net
    assert after.total_annual >= before.total_annual


@FEW
@given(answers(), st.sampled_from(OPTIONS))
def test_it_never_costs_less_with_an_added_option(answers, option):
    fewer = dataclasses.replace(
        answers, extra_legal_options=tuple(o for o in answers.extra_legal_options if o != option)
    )
    more = dataclasses.replace(fewer, extra_legal_options=(*fewer.extra_legal_options, option))
    assert price(more, TARIFF).total_annual >= price(fewer, TARIFF).total_annual


@FEW
@given(answers(), st.sampled_from(PAYROLL_CATEGORIES))
def test_it_never_costs_less_with_24h_or_a_manager_added(answers, category):
    without = dataclasses.replace(answers, h24=None, managers=())
    with_h24 = dataclasses.replace(without, h24=H24Choice(categories=(category,)))
    with_manager = dataclasses.replace(without, managers=(ManagerCover(age=40),))
    base = price(without, TARIFF).total_annual
    assert price(with_h24, TARIFF).total_annual >= base
    assert price(with_manager, TARIFF).total_annual >= base
    mode = answers.h24.mode if answers.h24 else None
    others = tuple(c for c in (answers.h24.categories if answers.h24 else ()) if c != category)
    narrower = price(dataclasses.replace(answers, h24=H24Choice(others, mode)), TARIFF)
    wider = price(dataclasses.replace(answers, h24=H24Choice((*others, category), mode)), TARIFF)
    assert wider.total_annual >= narrower.total_annual


@FEW
@given(answers())
def test_it_gives_the_same_output_for_the_same_input(answers):
    first = price(answers, TARIFF)
    second = price(dataclasses.replace(answers), TARIFF)
    assert first == second
    assert first.to_dict() == second.to_dict()
