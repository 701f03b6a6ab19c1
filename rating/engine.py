"""The pricing engine: wizard answers + tariff version → priced breakdown (domain.md §2.1).

``price`` checks what only the tariff can check, then calls one function per section of the
tariff, in the order the premium is built: claims history, legal cover, extra-legal options,
24h/24, manager, charges. A change to a section of the tariff touches its function alone.

Rounding points (each with rating.money.round_cents, half-up to the cent):
  - a wage after the payroll uplift, and the estimated wages above the ceiling in totals mode;
  - each category's legal premium, for display only: the policy premium is computed from the
    exact category amounts and rounded once, after the size factor, claims modifier and broker
    adjustment;
  - the claims modifier (two decimals);
  - each charge (INAMI, Fedris students), each extra-legal option, each 24h/24 category line,
    each manager, each tax, the instalment surcharge, the instalment and each commission.
Every total is then an exact sum of rounded parts.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from rating.models import (
    OPTIONS,
    PAYROLL_CATEGORIES,
    Answers,
    AnswersError,
    CategoryLine,
    ClaimsModifier,
    H24CategoryLine,
    H24Line,
    LegalCover,
    ManagerCover,
    ManagerLine,
    Message,
    OptionLine,
    Quote,
    Staff,
    StaffGroup,
    shown,
)
from rating.money import ZERO, round_cents
from rating.nace import activity
from rating.tariff import LegalYear, RiskClass, Tariff, TariffNotFound, get_tariff

_ONE = Decimal(1)
_NEUTRAL = Decimal("1.00")  # a factor that changes nothing, written to two decimals
_THOUSAND = Decimal(1000)
_DEFAULT_STUDENT_FUNCTION = "workers"  # the higher rate: unknown student jobs are priced prudently


def price(answers: Answers, tariff: Tariff | None = None) -> Quote:
    """Price the answers with the given tariff, or the version the answers name or date selects."""
    if tariff is None:
        tariff = _tariff(answers)
    year = tariff.legal_years.get(answers.insurance_year)
    if year is None:
        raise AnswersError(
            "insurance_year",
            "error.year_not_in_tariff",
            year=answers.insurance_year,
            version=tariff.version,
        )
    code = activity(answers.activity_code, answers.nace_version).code
    match = tariff.classify(code, answers.nace_version)
    if match is None:
        raise AnswersError(
            "activity_code", "error.activity_not_in_tariff", code=code, version=tariff.version
        )
    risk = tariff.risk_classes[match[0]]
    adjustment = answers.broker_adjustment
    if not tariff.broker_adjustment_min <= adjustment <= tariff.broker_adjustment_max:
        raise AnswersError(
            "broker_adjustment",
            "error.out_of_range",
            min=tariff.broker_adjustment_min,
            max=tariff.broker_adjustment_max,
        )

    student_function = answers.staff.students.function or _DEFAULT_STUDENT_FUNCTION
    claims, fedris_prevention, claims_referrals = _claims(answers, student_function, risk, tariff)
    legal, legal_referrals = _legal_cover(answers, student_function, year, risk, claims, tariff)
    options = _options(answers, legal, tariff)
    h24 = _h24(answers, legal, tariff)
    managers, manager_premium, manager_minimum_applied, manager_referrals = _managers(
        answers, risk, tariff
    )
    extra_legal_net = sum((line.premium for line in options), manager_premium)
    if h24 is not None:
        extra_legal_net += h24.premium
    activity_referrals = (
        [Message("referral.activity_class", {"code": code, "risk_class": risk.number})]
        if risk.refer
        else []
    )
    return Quote(
        tariff_version=tariff.version,
        insurance_year=year.year,
        ceiling=year.ceiling,
        activity_code=code,
        nace_version=answers.nace_version,
        risk_class=risk.number,
        legal=legal,
        options=options,
        h24=h24,
        managers=managers,
        manager_minimum_applied=manager_minimum_applied,
        manager_premium=manager_premium,
        extra_legal_net=extra_legal_net,
        **_charges(answers, legal, extra_legal_net, tariff),
        fedris_prevention_contribution=fedris_prevention,
        referrals=(*activity_referrals, *manager_referrals, *claims_referrals, *legal_referrals),
        assumed_figures=year.priced_assumptions,
    )


def _tariff(answers: Answers) -> Tariff:
    try:
        return get_tariff(answers.quote_date, answers.tariff_version)
    except TariffNotFound:
        if answers.tariff_version is not None:
            raise AnswersError(
                "tariff_version", "error.unknown_tariff", version=shown(answers.tariff_version)
            ) from None
        when = answers.quote_date or date.today()
        raise AnswersError("quote_date", "error.no_tariff", date=when) from None


# ---------------------------------------------------------------------------------------------
# Claims history (step 1.3, domain.md §2.8)
# ---------------------------------------------------------------------------------------------


_UNKNOWN_HISTORY = ClaimsModifier(
    history_known=False,
    years=0,
    weighted_claims=ZERO,
    expected_claims=ZERO,
    credibility=ZERO,
    computed=_NEUTRAL,
    bounded=False,
    claims_free=False,
    modifier=_NEUTRAL,
)


def _claims(
    answers: Answers, student_function: str, risk: RiskClass, tariff: Tariff
) -> tuple[ClaimsModifier, Decimal, list[Message]]:
    """(credibility-weighted modifier, bounded; Fedris prevention contribution; referrals)."""
    claims = answers.claims
    staff = answers.staff
    rules = tariff.claims
    weights = rules.fte_weights
    employees, workers = staff.employees.size, staff.workers.size
    students, apprentices = staff.students.size, staff.apprentices.size
    fte = (
        employees * weights["employees"]
        + workers * weights["workers"]
        + students * weights["students"]
        + apprentices * weights["apprentices"]
    )

    referrals = []
    if claims.fatal and rules.refer_on_fatal:
        referrals.append(Message("referral.fatal_accident", {"years": rules.years}))
    if claims.cancelled_by_insurer and rules.refer_on_cancelled_by_insurer:
        referrals.append(Message("referral.cancelled_by_insurer", {}))
    fedris_prevention = ZERO
    if claims.aggravated_risk:
        if rules.refer_on_aggravated_risk:
            referrals.append(Message("referral.aggravated_risk", {}))
        fedris = tariff.fedris_aggravated_risk
        blocks = int(fte / fedris.block_fte)
        fedris_prevention = round_cents(min(fedris.base + blocks * fedris.per_block, fedris.cap))

    if not claims.history_known or claims.years == 0:
        return _UNKNOWN_HISTORY, fedris_prevention, referrals
    years = min(claims.years, rules.years)
    frequency = risk.claims_frequency
    expected = years * (
        employees * weights["employees"] * frequency["employees"]
        + workers * weights["workers"] * frequency["workers"]
        + students * weights["students"] * frequency[student_function]
        # Apprentices do manual work more often than office work.
        + apprentices * weights["apprentices"] * frequency["workers"]
    )
    claim_weights = rules.weights
    weighted = (
        claims.temporary_incapacity * claim_weights["temporary_incapacity"]
        + claims.permanent_incapacity * claim_weights["permanent_incapacity"]
        + claims.fatal * claim_weights["fatal"]
    )
    credibility = min(_ONE, fte * years / rules.credibility_fte_years)
    ratio = (weighted + 1) / (expected + 1)
    computed = round_cents(1 + credibility * (ratio - 1))
    modifier = min(max(computed, rules.floor), rules.cap)
    claims_free = (
        claims.claim_count == 0 and claims.years >= rules.years and modifier > rules.claims_free_max
    )
    result = ClaimsModifier(
        history_known=True,
        years=years,
        weighted_claims=weighted,
        expected_claims=round_cents(expected),
        credibility=round_cents(credibility),
        computed=computed,
        bounded=modifier != computed,
        claims_free=claims_free,
        modifier=rules.claims_free_max if claims_free else modifier,
    )
    return result, fedris_prevention, referrals


# ---------------------------------------------------------------------------------------------
# Legal cover (step 2.1)
# ---------------------------------------------------------------------------------------------


def _legal_cover(
    answers: Answers,
    student_function: str,
    year: LegalYear,
    risk: RiskClass,
    claims: ClaimsModifier,
    tariff: Tariff,
) -> tuple[LegalCover, list[Message]]:
    """The premium of each category, then of the policy: size factor, claims modifier, broker
    adjustment, minimum and charges; and the referrals of a staff beyond the tariff's limits."""
    lines, referrals = _category_lines(answers.staff, student_function, year, risk, tariff)
    # Exact amounts: the policy premium is rounded once, after every factor.
    exact = [line.capped_payroll * line.rate for line in lines[:3]]
    apprentice_premium = lines[3].headcount * risk.apprentice_per_head
    exact_total = sum(exact, apprentice_premium)
    total_payroll = sum((line.capped_payroll for line in lines), ZERO)
    size_factor, sized, floor_applied = _size(
        tariff, total_payroll, exact_total, apprentice_premium, lines
    )
    broker_factor = _NEUTRAL + answers.broker_adjustment
    after_factors = round_cents(sized * claims.modifier * broker_factor)
    minimum = tariff.minimums.legal
    minimum_applied = after_factors < minimum
    net = minimum if minimum_applied else after_factors
    student_rate = tariff.charges.fedris_student_rate
    legal = LegalCover(
        categories=lines,
        student_function=student_function,
        total_capped_payroll=total_payroll,
        premium_before_factors=round_cents(exact_total),
        size_factor=size_factor,
        size_floor_applied=floor_applied,
        premium_after_size=round_cents(sized),
        claims=claims,
        claims_modifier=claims.modifier,
        broker_factor=broker_factor,
        premium_after_factors=after_factors,
        minimum_premium=minimum,
        minimum_applied=minimum_applied,
        net_premium=net,
        inami_rate=year.inami_rate,
        inami_contribution=round_cents(net * year.inami_rate),
        fedris_student_rate=student_rate,
        # On the students' own premium, before the policy-level factors: the size factor may be
        # floored, and sharing it out would let adding other staff lower this contribution.
        fedris_student_contribution=round_cents(exact[2] * student_rate),
    )
    return legal, referrals


def _category_lines(
    staff: Staff, student_function: str, year: LegalYear, risk: RiskClass, tariff: Tariff
) -> tuple[tuple[CategoryLine, ...], list[Message]]:
    """A line per category (employees, workers, students, apprentices), and the referrals of
    wages and a headcount beyond the tariff's limits."""
    ceiling = year.ceiling
    commute = tariff.commute_rates
    rates = {name: risk.work_rates[name] + commute[name] for name in ("employees", "workers")}
    rates["students"] = rates[student_function]
    max_insured = ceiling * tariff.options["excess_wages"].max_insured_multiple
    limits = tariff.referral
    lines = []
    referrals = []
    for name in PAYROLL_CATEGORIES:
        group = getattr(staff, name)
        headcount, declared, capped, above, excess = _payroll(
            group, name, ceiling, tariff.payroll_uplift[name], max_insured
        )
        wage = _highest_wage(group)
        if wage > limits.max_wage_per_head:
            referrals.append(
                Message(
                    "referral.wage_per_head",
                    {"category": name, "wage": wage, "max_wage": limits.max_wage_per_head},
                )
            )
        minimum = year.min_apprentice_wage
        if name in limits.min_wage_categories and minimum is not None and headcount:
            # Even a part-time job pays more a year: the payroll is more likely mistyped or
            # incomplete than real, and pricing it would sell a cover on a fraction of the risk.
            average = round_cents(declared / headcount)
            if average < minimum:
                # Amounts as text, as a stored breakdown reads them back.
                params = {"category": name, "wage": str(average), "min_wage": str(minimum)}
                referrals.append(Message("referral.wage_below_minimum", params))
        rate = rates[name]
        lines.append(
            CategoryLine(
                category=name,
                headcount=headcount,
                declared_payroll=declared,
                capped_payroll=capped,
                above_ceiling=above,
                excess_payroll=excess,
                rate=rate,
                per_head=ZERO,
                legal_premium=round_cents(capped * rate),
            )
        )
    apprentices = staff.apprentices.size
    lines.append(
        CategoryLine(
            category="apprentices",
            headcount=apprentices,
            declared_payroll=_declared(staff.apprentices),
            capped_payroll=ZERO,
            above_ceiling=0,
            excess_payroll=ZERO,
            rate=ZERO,
            per_head=risk.apprentice_per_head,
            legal_premium=round_cents(apprentices * risk.apprentice_per_head),
        )
    )
    if staff.headcount > limits.max_headcount:
        referrals.append(
            Message(
                "referral.headcount",
                {"headcount": staff.headcount, "max_headcount": limits.max_headcount},
            )
        )
    return tuple(lines), referrals


def _declared(group: StaffGroup) -> Decimal:
    if group.wages:
        return sum(group.wages, ZERO)
    return group.total_wages if group.total_wages is not None else ZERO


def _highest_wage(group: StaffGroup) -> Decimal:
    """The highest wage of a category: each wage when listed, else the average of the totals."""
    if group.wages:
        return max(group.wages)
    if group.total_wages is None or not group.headcount:
        return ZERO
    return round_cents(group.total_wages / group.headcount)


def _payroll(
    group: StaffGroup, name: str, ceiling: Decimal, uplift: Decimal, max_insured: Decimal
) -> tuple[int, Decimal, Decimal, int, Decimal]:
    """(headcount, declared, capped payroll, people above the ceiling, insurable excess)."""
    if group.wages:
        declared = capped = excess = ZERO
        above = 0
        for wage in group.wages:
            declared += wage
            wage = round_cents(wage * uplift)
            if wage > ceiling:
                capped += ceiling
                above += 1
                excess += min(wage, max_insured) - ceiling
            else:
                capped += wage
        return len(group.wages), declared, capped, above, excess

    headcount = group.headcount or 0
    declared = group.total_wages if group.total_wages is not None else ZERO
    total = round_cents(declared * uplift)
    above = group.workers_above_ceiling
    field_prefix = f"staff.{name}"
    if not above:
        if total > headcount * ceiling:
            raise AnswersError(f"{field_prefix}.workers_above_ceiling", "error.above_ceiling_wages")
        return headcount, declared, total, 0, ZERO
    floor_wages = above * ceiling
    others_max = (headcount - above) * ceiling
    if group.wages_above_ceiling is not None:
        high = round_cents(group.wages_above_ceiling * uplift)
        if high < floor_wages or total - high > others_max:
            raise AnswersError(f"{field_prefix}.wages_above_ceiling", "error.above_ceiling_wages")
    else:
        # Assumption: without their total, the people above the ceiling earn an equal share of
        # the payroll, but never less than the ceiling each, and the others never more than it.
        if total < floor_wages:
            raise AnswersError(f"{field_prefix}.total_wages", "error.above_ceiling_wages")
        high = max(round_cents(total * above / headcount), floor_wages, total - others_max)
    capped = total - high + floor_wages
    excess = min(high, above * max_insured) - floor_wages
    return headcount, declared, capped, above, excess


def _size(
    tariff: Tariff,
    payroll: Decimal,
    premium: Decimal,
    apprentice_premium: Decimal,
    lines: tuple[CategoryLine, ...],
) -> tuple[Decimal, Decimal, bool]:
    """(band factor, premium after the size factor, whether a lower band's price was kept).

    Size factors fall in steps as payroll grows, so one more euro of payroll could cut the
    premium at a band edge. The premium is therefore never less than the most a smaller payroll
    (no worker earning more than now) could cost in a lower band: its highest-rated payroll up
    to the band's upper edge.
    """
    bands = tariff.size_bands
    current = 0
    for index, band in enumerate(bands):
        if band.lower <= payroll:
            current = index
    factor = bands[current].factor
    sized = premium * factor
    floor_applied = False
    for index in range(current):
        lower_factor = bands[index].factor
        if lower_factor <= factor:
            continue
        room = bands[index + 1].lower
        best = apprentice_premium
        for line in sorted(lines[:3], key=lambda item: item.rate, reverse=True):
            take = min(line.capped_payroll, room)
            best += take * line.rate
            room -= take
            if room <= 0:
                break
        candidate = best * lower_factor
        if candidate > sized:
            sized = candidate
            floor_applied = True
    return factor, sized, floor_applied


# ---------------------------------------------------------------------------------------------
# Extra-legal options (step 2.2, domain.md §2.5)
# ---------------------------------------------------------------------------------------------


def _options(answers: Answers, legal: LegalCover, tariff: Tariff) -> tuple[OptionLine, ...]:
    options = []
    minimum = tariff.minimums.extra_legal_option
    net = legal.net_premium
    chosen = answers.extra_legal_options
    for code in OPTIONS:
        if code not in chosen:
            continue
        rule = tariff.options[code]
        mode = rule.mode
        if mode == "pct_above_ceiling":
            base = ZERO
            computed = ZERO
            for line in legal.categories[:3]:
                base += line.excess_payroll
                computed += line.excess_payroll * line.rate
            computed = round_cents(computed * rule.factor_on_legal_rate)
            # Nothing above the ceiling: nothing insured, so no minimum to charge.
            charged = base > 0
        elif mode == "pct_of_legal":
            base = net
            computed = round_cents(net * rule.rate)
            charged = True
        elif mode == "flat":
            base = ZERO
            computed = rule.amount
            charged = True
        else:
            base = ZERO
            computed = ZERO
            charged = False
        minimum_applied = charged and computed < minimum
        premium = minimum if minimum_applied else computed
        options.append(OptionLine(code, mode, base, computed, minimum_applied, premium))
    return tuple(options)


# ---------------------------------------------------------------------------------------------
# 24h/24 (step 2.3, domain.md §2.6)
# ---------------------------------------------------------------------------------------------


def _h24(answers: Answers, legal: LegalCover, tariff: Tariff) -> H24Line | None:
    choice = answers.h24
    if choice is None:
        return None
    rules = tariff.h24
    mode = choice.mode or rules.default_mode
    category_lines = []
    computed = ZERO
    insured = 0
    for line in legal.categories[:3]:
        name = line.category
        if name not in choice.categories:
            continue
        insured += line.headcount
        if mode == "pct_payroll":
            base = line.capped_payroll
            rate = rules.pct_payroll[legal.student_function if name == "students" else name]
        else:
            base = Decimal(line.headcount)
            rate = rules.per_head[name]
        premium = round_cents(base * rate)
        computed += premium
        category_lines.append(H24CategoryLine(name, base, rate, premium))
    minimum = tariff.minimums.h24
    # Whoever is insured costs at least the minimum, even when their premium rounds to 0.
    minimum_applied = insured > 0 and computed < minimum
    premium = minimum if minimum_applied else computed
    return H24Line(mode, tuple(category_lines), computed, minimum_applied, premium)


# ---------------------------------------------------------------------------------------------
# Self-employed manager (step 2.2, domain.md §2.7)
# ---------------------------------------------------------------------------------------------


def _managers(
    answers: Answers, risk: RiskClass, tariff: Tariff
) -> tuple[tuple[ManagerLine, ...], Decimal, bool, list[Message]]:
    """(a line per manager, their premium, whether the minimum applied, referrals)."""
    rules = tariff.manager
    factor = risk.manager_factor
    lines = []
    referrals = []
    computed = ZERO
    insured = False
    for index, cover in enumerate(answers.managers, start=1):
        death = cover.death_capital * rules.death_per_mille / _THOUSAND
        permanent = cover.permanent_capital * rules.permanent_per_mille / _THOUSAND
        if cover.progressive:
            permanent *= rules.progressive_multiplier
        daily = cover.daily_allowance * rules.daily_allowance_price
        if cover.no_waiting_period:
            daily *= rules.no_waiting_period_multiplier
        medical = rules.medical_top_up if cover.medical_top_up else ZERO
        premium = round_cents((death + permanent + daily + medical) * factor)
        computed += premium
        insured = insured or bool(
            cover.death_capital or cover.permanent_capital or cover.daily_allowance or medical
        )
        lines.append(
            ManagerLine(
                index=index,
                death=round_cents(death),
                permanent=round_cents(permanent),
                daily_allowance=round_cents(daily),
                medical_top_up=round_cents(medical),
                activity_factor=factor,
                premium=premium,
            )
        )
        referrals += _manager_referrals(index, cover, tariff)
    minimum = tariff.minimums.extra_legal_option
    # Whoever is insured costs at least the minimum, even when their premium rounds to 0.
    minimum_applied = insured and computed < minimum
    return tuple(lines), (minimum if minimum_applied else computed), minimum_applied, referrals


def _manager_referrals(index: int, cover: ManagerCover, tariff: Tariff) -> list[Message]:
    """An age outside the tariff's bounds, or a capital or allowance beyond its limits."""
    rules = tariff.manager
    limits = tariff.referral
    referrals = []
    if not rules.min_age <= cover.age <= rules.max_age:
        params = {"age": cover.age, "min_age": rules.min_age, "max_age": rules.max_age}
        referrals.append(Message("referral.manager_age", {"index": index, **params}))
    capital = max(cover.death_capital, cover.permanent_capital)
    if capital > limits.max_insured_capital:
        params = {"capital": capital, "max_capital": limits.max_insured_capital}
        referrals.append(Message("referral.insured_capital", {"index": index, **params}))
    if cover.daily_allowance > limits.max_daily_allowance:
        params = {"allowance": cover.daily_allowance, "max_allowance": limits.max_daily_allowance}
        referrals.append(Message("referral.daily_allowance", {"index": index, **params}))
    return referrals


# ---------------------------------------------------------------------------------------------
# Charges: taxes, policy fee, payment, commission (domain.md §2.4, §2.9)
# ---------------------------------------------------------------------------------------------


def _charges(
    answers: Answers, legal: LegalCover, extra_legal_net: Decimal, tariff: Tariff
) -> dict[str, Any]:
    """The Quote's fields from the extra-legal tax down to the commissions."""
    charges = tariff.charges
    net = legal.net_premium
    extra_tax = round_cents(extra_legal_net * charges.ipt_extra_legal_rate)
    taxes = round_cents(net * charges.ipt_legal_rate) + extra_tax
    before_surcharge = (
        net
        + legal.inami_contribution
        + legal.fedris_student_contribution
        + extra_legal_net
        + taxes
        + charges.policy_fee
    )
    frequency = tariff.payment_frequencies[answers.payment_frequency]
    surcharge = round_cents(before_surcharge * frequency.surcharge)
    total = before_surcharge + surcharge
    count = frequency.instalments
    instalment = round_cents(total / count)
    return {
        "tax_rate": charges.ipt_extra_legal_rate,
        "extra_legal_tax": extra_tax,
        "taxes": taxes,
        "policy_fee": charges.policy_fee,
        "payment_frequency": frequency.code,
        "instalments": count,
        "surcharge_rate": frequency.surcharge,
        "surcharge": surcharge,
        "total_annual": total,
        "instalment": instalment,
        "last_instalment": total - instalment * (count - 1),
        "commission_legal": round_cents(net * tariff.commission_legal),
        "commission_extra_legal": round_cents(extra_legal_net * tariff.commission_extra_legal),
    }
