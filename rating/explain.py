"""Explanation lines of a priced quote: the calculation step by step, as message keys + values.

They are derived from the breakdown alone, so pricing stays pure arithmetic and a stored quote
can be explained again later in any language. One function per section of the tariff, as in
rating.engine, in the order the premium is built.
"""

from __future__ import annotations

from rating.models import ClaimsModifier, Message, Quote


def explain(quote: Quote) -> tuple[Message, ...]:
    """The calculation of a quote step by step, as translatable lines."""
    return (
        *_context(quote),
        *_legal_cover(quote),
        *_options(quote),
        *_h24(quote),
        *_managers(quote),
        *_charges(quote),
    )


def _context(quote: Quote) -> list[Message]:
    """The tariff, the legal figures it assumes rather than knows, and the activity."""
    tariff = Message(
        "explain.tariff",
        {"version": quote.tariff_version, "year": quote.insurance_year, "ceiling": quote.ceiling},
    )
    activity = Message(
        "explain.activity",
        {
            "code": quote.activity_code,
            "nace_version": quote.nace_version,
            "risk_class": quote.risk_class,
        },
    )
    return [tariff, *assumptions(quote), activity]


def assumptions(quote: Quote) -> list[Message]:
    """One line per legal figure of the quote that its tariff assumes (an indicative price)."""
    year = quote.insurance_year
    lines = {
        "ceiling": Message("explain.assumed_ceiling", {"year": year, "ceiling": quote.ceiling}),
        "inami_rate": Message(
            "explain.assumed_inami_rate", {"year": year, "inami_rate": quote.legal.inami_rate}
        ),
    }
    return [lines[name] for name in quote.assumed_figures]


def _legal_cover(quote: Quote) -> list[Message]:
    legal = quote.legal
    lines = []
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
    lines += _claims(legal.claims, quote)
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
    return lines


def _claims(claims: ClaimsModifier, quote: Quote) -> list[Message]:
    """The claims modifier, and the Fedris prevention contribution billed apart."""
    lines = []
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
    if quote.fedris_prevention_contribution:
        lines.append(
            Message("explain.fedris_prevention", {"amount": quote.fedris_prevention_contribution})
        )
    return lines


def _options(quote: Quote) -> list[Message]:
    lines = []
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
    return lines


def _h24(quote: Quote) -> list[Message]:
    if quote.h24 is None:
        return []
    if quote.h24.minimum_applied:
        return [Message("explain.h24_minimum", {"minimum": quote.h24.premium})]
    return [Message("explain.h24", {"mode": quote.h24.mode, "premium": quote.h24.premium})]


def _managers(quote: Quote) -> list[Message]:
    lines = [
        Message(
            "explain.manager",
            {"index": manager.index, "factor": manager.activity_factor, "premium": manager.premium},
        )
        for manager in quote.managers
    ]
    if quote.manager_minimum_applied:
        lines.append(Message("explain.manager_minimum", {"minimum": quote.manager_premium}))
    return lines


def _charges(quote: Quote) -> list[Message]:
    lines = []
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
    return lines
