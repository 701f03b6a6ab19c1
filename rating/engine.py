"""The pricing engine: wizard answers + tariff version → priced breakdown (domain.md §2.1).

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

from decimal import Decimal

from rating.models import (
    OPTIONS,
    PAYROLL_CATEGORIES,
    Answers,
    AnswersError,
    CategoryLine,
    ClaimsHistory,
    ClaimsModifier,
    H24CategoryLine,
    H24Line,
    LegalCover,
    ManagerLine,
    Message,
    OptionLine,
    Quote,
    StaffGroup,
)
from rating.money import ZERO, round_cents
from rating.tariff import RiskClass, Tariff, get_tariff

_ONE = Decimal(1)
_NEUTRAL = Decimal("1.00")  # a factor that changes nothing, written to two decimals
_THOUSAND = Decimal(1000)
_DEFAULT_STUDENT_FUNCTION = "workers"  # the higher rate: unknown student jobs are priced prudently


def price(answers: Answers, tariff: Tariff | None = None) -> Quote:
    """Price the answers with the given tariff, or the version the answers name or date selects."""
    if tariff is None:
        tariff = get_tariff(answers.quote_date, answers.tariff_version)
    year = tariff.legal_years.get(answers.insurance_year)
    if year is None:
        raise AnswersError(
            "insurance_year",
            "error.year_not_in_tariff",
            year=answers.insurance_year,
            version=tariff.version,
        )
    match = tariff.classify(answers.activity_code, answers.nace_version)
    if match is None:
        raise AnswersError(
            "activity_code",
            "error.unknown_activity",
            code=answers.activity_code,
            nace_version=answers.nace_version,
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
    ceiling = year.ceiling
    staff = answers.staff
    referrals = []
    if risk.refer:
        referrals.append(
            Message(
                "referral.activity_class",
                {"code": answers.activity_code, "risk_class": risk.number},
            )
        )

    # Legal cover (step 2.1): capped payroll and premium per category.
    commute = tariff.commute_rates
    rates = {name: risk.work_rates[name] + commute[name] for name in ("employees", "workers")}
    student_function = staff.students.function or _DEFAULT_STUDENT_FUNCTION
    rates["students"] = rates[student_function]
    max_insured = ceiling * tariff.options["excess_wages"].max_insured_multiple
    uplift = tariff.payroll_uplift

    lines = []
    exact = {}
    total_payroll = ZERO
    for name in PAYROLL_CATEGORIES:
        headcount, declared, capped, above, excess = _payroll(
            getattr(staff, name), name, ceiling, uplift[name], max_insured
        )
        rate = rates[name]
        premium = capped * rate
        exact[name] = premium
        total_payroll += capped
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
                legal_premium=round_cents(premium),
            )
        )
    apprentices = staff.apprentices.size
    apprentice_premium = apprentices * risk.apprentice_per_head
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
            legal_premium=round_cents(apprentice_premium),
        )
    )
    headcounts = {line.category: line.headcount for line in lines}
    fte_weights = tariff.claims.fte_weights
    fte = sum((count * fte_weights[name] for name, count in headcounts.items()), ZERO)

    exact_total = exact["employees"] + exact["workers"] + exact["students"] + apprentice_premium
    size_factor, sized, floor_applied = _size(
        tariff, total_payroll, exact_total, apprentice_premium, lines
    )
    claims = _claims_modifier(answers.claims, headcounts, fte, student_function, risk, tariff)
    broker_factor = _NEUTRAL + adjustment
    after_factors = round_cents(sized * claims.modifier * broker_factor)
    minimum = tariff.minimums.legal
    minimum_applied = after_factors < minimum
    net = minimum if minimum_applied else after_factors
    inami = round_cents(net * year.inami_rate)
    student_rate = tariff.charges.fedris_student_rate
    # On the students' own premium, before the policy-level factors: the size factor may be
    # floored, and sharing it out would let adding other staff lower this contribution.
    fedris_students = round_cents(exact["students"] * student_rate)
    legal = LegalCover(
        categories=tuple(lines),
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
        inami_contribution=inami,
        fedris_student_rate=student_rate,
        fedris_student_contribution=fedris_students,
    )

    # Extra-legal options (step 2.2).
    options = []
    option_minimum = tariff.minimums.extra_legal_option
    chosen = answers.extra_legal_options
    for code in OPTIONS:
        if code not in chosen:
            continue
        rule = tariff.options[code]
        mode = rule.mode
        if mode == "pct_above_ceiling":
            base = ZERO
            computed = ZERO
            for line in lines[:3]:
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
        option_minimum_applied = charged and computed < option_minimum
        premium = option_minimum if option_minimum_applied else computed
        options.append(OptionLine(code, mode, base, computed, option_minimum_applied, premium))

    h24 = _h24(answers, tariff, lines, student_function)
    managers, manager_premium, manager_minimum_applied = _managers(answers, tariff, risk, referrals)

    extra_legal_net = sum((line.premium for line in options), ZERO) + manager_premium
    if h24 is not None:
        extra_legal_net += h24.premium
    charges = tariff.charges
    extra_tax = round_cents(extra_legal_net * charges.ipt_extra_legal_rate)
    taxes = round_cents(net * charges.ipt_legal_rate) + extra_tax
    policy_fee = charges.policy_fee
    before_surcharge = net + inami + fedris_students + extra_legal_net + taxes + policy_fee

    frequency = tariff.payment_frequencies[answers.payment_frequency]
    surcharge = round_cents(before_surcharge * frequency.surcharge)
    total = before_surcharge + surcharge
    count = frequency.instalments
    instalment = round_cents(total / count)

    fedris_prevention = _claims_referrals(answers.claims, fte, tariff, referrals)
    headcount = sum(headcounts.values())
    if headcount > tariff.max_headcount:
        referrals.append(
            Message(
                "referral.headcount",
                {"headcount": headcount, "max_headcount": tariff.max_headcount},
            )
        )

    return Quote(
        tariff_version=tariff.version,
        insurance_year=year.year,
        ceiling=ceiling,
        activity_code=answers.activity_code,
        nace_version=answers.nace_version,
        risk_class=risk.number,
        legal=legal,
        options=tuple(options),
        h24=h24,
        managers=managers,
        manager_minimum_applied=manager_minimum_applied,
        manager_premium=manager_premium,
        extra_legal_net=extra_legal_net,
        tax_rate=charges.ipt_extra_legal_rate,
        extra_legal_tax=extra_tax,
        taxes=taxes,
        policy_fee=policy_fee,
        payment_frequency=frequency.code,
        instalments=count,
        surcharge_rate=frequency.surcharge,
        surcharge=surcharge,
        total_annual=total,
        instalment=instalment,
        last_instalment=total - instalment * (count - 1),
        commission_legal=round_cents(net * tariff.commission_legal),
        commission_extra_legal=round_cents(extra_legal_net * tariff.commission_extra_legal),
        fedris_prevention_contribution=fedris_prevention,
        referrals=tuple(referrals),
    )


def _declared(group: StaffGroup) -> Decimal:
    if group.wages:
        return sum(group.wages, ZERO)
    return group.total_wages if group.total_wages is not None else ZERO


def _payroll(
    group: StaffGroup, name: str, ceiling: Decimal, uplift: Decimal, max_insured: Decimal
) -> tuple[int, Decimal, Decimal, int, Decimal]:
    """(headcount, declared, capped payroll, people above the ceiling, insurable excess)."""
    if group.wages:
        declared = capped = excess = ZERO
        above = 0
        for wage in group.wages:
            declared += wage
            if uplift != _ONE:
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
    total = declared if uplift == _ONE else round_cents(declared * uplift)
    above = group.workers_above_ceiling
    field_prefix = f"staff.{name}"
    if not above:
        if total > headcount * ceiling:
            raise AnswersError(f"{field_prefix}.workers_above_ceiling", "error.above_ceiling_wages")
        return headcount, declared, total, 0, ZERO
    floor_wages = above * ceiling
    others_max = (headcount - above) * ceiling
    if group.wages_above_ceiling is not None:
        high = group.wages_above_ceiling
        if uplift != _ONE:
            high = round_cents(high * uplift)
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
    lines: list[CategoryLine],
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


def _claims_modifier(
    claims: ClaimsHistory,
    headcounts: dict[str, int],
    fte: Decimal,
    student_function: str,
    risk: RiskClass,
    tariff: Tariff,
) -> ClaimsModifier:
    """Credibility-weighted claims modifier of domain.md §2.8, bounded."""
    rules = tariff.claims
    if not claims.history_known or claims.years == 0:
        return _UNKNOWN_HISTORY
    years = min(claims.years, rules.years)
    weights = rules.fte_weights
    frequency = risk.claims_frequency
    expected = years * (
        headcounts["employees"] * weights["employees"] * frequency["employees"]
        + headcounts["workers"] * weights["workers"] * frequency["workers"]
        + headcounts["students"] * weights["students"] * frequency[student_function]
        # Apprentices do manual work more often than office work.
        + headcounts["apprentices"] * weights["apprentices"] * frequency["workers"]
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
    return ClaimsModifier(
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


def _claims_referrals(
    claims: ClaimsHistory, fte: Decimal, tariff: Tariff, referrals: list[Message]
) -> Decimal:
    """Add the hard referral rules of domain.md §2.8; return the Fedris prevention contribution."""
    rules = tariff.claims
    if claims.fatal and rules.refer_on_fatal:
        referrals.append(Message("referral.fatal_accident", {"years": rules.years}))
    if claims.cancelled_by_insurer and rules.refer_on_cancelled_by_insurer:
        referrals.append(Message("referral.cancelled_by_insurer", {}))
    if not claims.aggravated_risk:
        return ZERO
    if rules.refer_on_aggravated_risk:
        referrals.append(Message("referral.aggravated_risk", {}))
    fedris = tariff.fedris_aggravated_risk
    blocks = int(fte / fedris.block_fte)
    return round_cents(min(fedris.base + blocks * fedris.per_block, fedris.cap))


def _h24(
    answers: Answers, tariff: Tariff, lines: list[CategoryLine], student_function: str
) -> H24Line | None:
    choice = answers.h24
    if choice is None:
        return None
    rules = tariff.h24
    mode = choice.mode or rules.default_mode
    category_lines = []
    computed = ZERO
    for line in lines[:3]:
        name = line.category
        if name not in choice.categories:
            continue
        if mode == "pct_payroll":
            base = line.capped_payroll
            rate = rules.pct_payroll[student_function if name == "students" else name]
        else:
            base = Decimal(line.headcount)
            rate = rules.per_head[name]
        premium = round_cents(base * rate)
        computed += premium
        category_lines.append(H24CategoryLine(name, base, rate, premium))
    minimum = tariff.minimums.h24
    minimum_applied = ZERO < computed < minimum
    premium = minimum if minimum_applied else computed
    return H24Line(mode, tuple(category_lines), computed, minimum_applied, premium)


def _managers(
    answers: Answers, tariff: Tariff, risk: RiskClass, referrals: list[Message]
) -> tuple[tuple[ManagerLine, ...], Decimal, bool]:
    rules = tariff.manager
    factor = risk.manager_factor
    lines = []
    computed = ZERO
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
        if not rules.min_age <= cover.age <= rules.max_age:
            referrals.append(
                Message(
                    "referral.manager_age",
                    {
                        "index": index,
                        "age": cover.age,
                        "min_age": rules.min_age,
                        "max_age": rules.max_age,
                    },
                )
            )
    minimum = tariff.minimums.extra_legal_option
    minimum_applied = ZERO < computed < minimum
    return tuple(lines), (minimum if minimum_applied else computed), minimum_applied
