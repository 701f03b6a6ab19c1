"""Explanation lines of a priced quote: the calculation step by step, as message keys + values.

They are derived from the breakdown alone, so pricing stays pure arithmetic and a stored quote
can be explained again later in any language.
"""

from __future__ import annotations

from rating.models import Message, Quote


def explain(quote: Quote) -> tuple[Message, ...]:
    legal = quote.legal
    lines = [
        Message(
            "explain.tariff",
            {
                "version": quote.tariff_version,
                "year": quote.insurance_year,
                "ceiling": quote.ceiling,
            },
        ),
        Message(
            "explain.activity",
            {
                "code": quote.activity_code,
                "nace_version": quote.nace_version,
                "risk_class": quote.risk_class,
            },
        ),
    ]
    for line in legal.categories:
        if not line.headcount:
            continue
        if line.category == "apprentices":
            lines.append(
                Message(
                    "explain.apprentices",
                    {
                        "category": line.category,
                        "headcount": line.headcount,
                        "per_head": line.per_head,
                        "premium": line.legal_premium,
                    },
                )
            )
            continue
        lines.append(
            Message(
                "explain.category",
                {
                    "category": line.category,
                    "headcount": line.headcount,
                    "capped_payroll": line.capped_payroll,
                    "rate": line.rate,
                    "premium": line.legal_premium,
                },
            )
        )
        if line.above_ceiling:
            lines.append(
                Message(
                    "explain.above_ceiling",
                    {
                        "category": line.category,
                        "count": line.above_ceiling,
                        "ceiling": quote.ceiling,
                    },
                )
            )
        if line.category == "students":
            lines.append(Message("explain.student_function", {"function": legal.student_function}))

    lines.append(
        Message(
            "explain.size_factor",
            {"factor": legal.size_factor, "payroll": legal.total_capped_payroll},
        )
    )
    if legal.size_floor_applied:
        lines.append(Message("explain.size_floor", {"amount": legal.premium_after_size}))

    claims = legal.claims
    if not claims.history_known:
        lines.append(Message("explain.claims_unknown", {"modifier": claims.modifier}))
    else:
        lines.append(
            Message(
                "explain.claims_modifier",
                {
                    "claims": claims.weighted_claims,
                    "expected": claims.expected_claims,
                    "years": claims.years,
                    "credibility": claims.credibility,
                    "modifier": claims.computed,
                },
            )
        )
        if claims.bounded and not claims.claims_free:
            lines.append(Message("explain.claims_bound", {"modifier": claims.modifier}))
        if claims.claims_free:
            lines.append(
                Message("explain.claims_free", {"years": claims.years, "modifier": claims.modifier})
            )
    adjustment = legal.broker_factor - 1
    if adjustment:
        lines.append(Message("explain.broker_adjustment", {"adjustment_rate": adjustment}))
    if legal.minimum_applied:
        lines.append(Message("explain.legal_minimum", {"minimum": legal.minimum_premium}))
    lines.append(
        Message("explain.inami", {"rate": legal.inami_rate, "amount": legal.inami_contribution})
    )
    if legal.fedris_student_contribution:
        lines.append(
            Message(
                "explain.fedris_students",
                {
                    "rate": legal.fedris_student_rate,
                    "base": legal.categories[2].legal_premium,
                    "amount": legal.fedris_student_contribution,
                },
            )
        )

    for option in quote.options:
        if option.mode == "pct_above_ceiling" and not option.base:
            lines.append(Message("explain.option_no_base", {"option": option.option}))
        elif option.minimum_applied:
            lines.append(
                Message(
                    "explain.option_minimum", {"option": option.option, "minimum": option.premium}
                )
            )
        else:
            lines.append(
                Message("explain.option", {"option": option.option, "premium": option.premium})
            )
    if quote.h24 is not None:
        if quote.h24.minimum_applied:
            lines.append(Message("explain.h24_minimum", {"minimum": quote.h24.premium}))
        else:
            lines.append(
                Message("explain.h24", {"mode": quote.h24.mode, "premium": quote.h24.premium})
            )
    for manager in quote.managers:
        lines.append(
            Message(
                "explain.manager",
                {
                    "index": manager.index,
                    "factor": manager.activity_factor,
                    "premium": manager.premium,
                },
            )
        )
    if quote.manager_minimum_applied:
        lines.append(Message("explain.manager_minimum", {"minimum": quote.manager_premium}))
    if quote.extra_legal_net:
        lines.append(
            Message(
                "explain.tax",
                {
                    "rate": quote.tax_rate,
                    "base": quote.extra_legal_net,
                    "amount": quote.extra_legal_tax,
                },
            )
        )
    if quote.surcharge:
        lines.append(
            Message(
                "explain.surcharge",
                {
                    "frequency": quote.payment_frequency,
                    "rate": quote.surcharge_rate,
                    "amount": quote.surcharge,
                },
            )
        )
    if quote.fedris_prevention_contribution:
        lines.append(
            Message("explain.fedris_prevention", {"amount": quote.fedris_prevention_contribution})
        )
    return tuple(lines)
