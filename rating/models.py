"""Typed input (the wizard's answers) and output (the priced breakdown) of the rating engine.

Every amount is a Decimal. Inputs check their own shape on construction so that a float or a
negative wage never reaches the engine; rules that need the tariff are checked while pricing.
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

CATEGORIES = ("employees", "workers", "students", "apprentices")
# Categories whose wages form the insured payroll (apprentices are priced per head).
PAYROLL_CATEGORIES = ("employees", "workers", "students")
# Categories that carry their own rate; students pay the rate of the function they perform.
RATED_CATEGORIES = ("employees", "workers")
OPTIONS = (
    "excess_wages",
    "temporary_incapacity_100",
    "guaranteed_wage",
    "medical_costs",
    "missions_abroad",
    "telework_events",
)
PAYMENT_FREQUENCIES = ("annual", "semiannual", "quarterly", "monthly")
H24_MODES = ("pct_payroll", "per_head")
NACE_VERSIONS = ("2025", "2008")
# Legal figures of a tariff year that a price depends on, and so may make it indicative.
PRICED_LEGAL_FIGURES = ("ceiling", "inami_rate")
# Hard bounds on any input: beyond them an amount cannot be an answer about a small business,
# and Decimal arithmetic at 28 digits could no longer round it to the cent. Values below the
# bounds but above the tariff's own limits are priced and referred to an underwriter.
MAX_AMOUNT = Decimal("1e12")
MAX_COUNT = 1_000_000


def shown(value: object) -> str:
    """A short one-line rendering of any answer, safe for huge or deeply nested values."""
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not text:  # not text, or only blanks: show it quoted
        return reprlib.repr(value)
    return text if len(text) <= 40 else f"{text[:39]}…"


def is_rate(name: str) -> bool:
    """Message values named ``rate`` or ``*_rate`` are fractions, shown as percentages."""
    return name == "rate" or name.endswith("_rate")


class AnswersError(ValueError):
    """Invalid wizard answers: names the field and carries a message key for the UI."""

    def __init__(self, field_name: str, key: str, **params: object) -> None:
        self.field = field_name
        self.message = Message(key, params)
        super().__init__(f"{field_name}: {key} {params}" if params else f"{field_name}: {key}")


@dataclass(frozen=True, slots=True)
class Message:
    """A translatable line: a key of rating.messages.MESSAGES and its %(name)s values."""

    key: str
    params: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "params": {k: _plain(v) for k, v in self.params.items()}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Message:
        """Read ``to_dict`` back; rates become Decimals again so they show as percentages."""
        params = {
            name: Decimal(value) if is_rate(name) else value
            for name, value in data["params"].items()
        }
        return cls(data["key"], params)


def _require_decimal(value: object, field_name: str) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise AnswersError(field_name, "error.invalid_amount", value=shown(value))
    if value < 0:
        raise AnswersError(field_name, "error.negative")
    if value > MAX_AMOUNT:
        raise AnswersError(field_name, "error.too_large", max=MAX_AMOUNT)


def _require_count(value: object, field_name: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise AnswersError(field_name, "error.invalid_integer", value=shown(value))
    if value < 0:
        raise AnswersError(field_name, "error.negative")
    if value > MAX_COUNT:
        raise AnswersError(field_name, "error.too_large", max=MAX_COUNT)


def _require_choice(value: object, choices: tuple[str, ...], field_name: str) -> None:
    if not isinstance(value, str) or value not in choices:
        raise AnswersError(
            field_name, "error.choice", value=shown(value), choices=", ".join(choices)
        )


# ---------------------------------------------------------------------------------------------
# Input
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StaffGroup:
    """Staff of one category (step 2.1), either per worker or as totals.

    Per worker: ``wages`` lists each person's gross annual wage.
    Totals: ``headcount`` and ``total_wages``, with ``workers_above_ceiling`` people above the
    legal ceiling and, when known, ``wages_above_ceiling`` (their total gross wages).
    Apprentices are priced per head: ``headcount`` alone is enough.
    ``function`` (students only): the category whose rate they pay, "employees" or "workers".
    """

    wages: tuple[Decimal, ...] = ()
    headcount: int | None = None
    total_wages: Decimal | None = None
    workers_above_ceiling: int = 0
    wages_above_ceiling: Decimal | None = None
    function: str | None = None

    def __post_init__(self) -> None:
        for index, wage in enumerate(self.wages):
            _require_decimal(wage, f"wages.{index}")
        if self.headcount is not None:
            _require_count(self.headcount, "headcount")
        _require_count(self.workers_above_ceiling, "workers_above_ceiling")
        if self.total_wages is not None:
            _require_decimal(self.total_wages, "total_wages")
        if self.wages_above_ceiling is not None:
            _require_decimal(self.wages_above_ceiling, "wages_above_ceiling")
        if self.wages and (
            self.total_wages is not None
            or self.workers_above_ceiling
            or self.wages_above_ceiling is not None
            or (self.headcount is not None and self.headcount != len(self.wages))
        ):
            raise AnswersError("wages", "error.wages_and_totals")
        if self.workers_above_ceiling > self.size:
            raise AnswersError("workers_above_ceiling", "error.above_ceiling_count")
        if self.wages_above_ceiling is not None and (
            self.total_wages is None or self.wages_above_ceiling > self.total_wages
        ):
            raise AnswersError("wages_above_ceiling", "error.above_ceiling_wages")
        # Wages above the ceiling with nobody above it contradict each other; guessing how many
        # people earn them would price a guess, so the broker is asked for the count.
        if self.wages_above_ceiling and not self.workers_above_ceiling:
            raise AnswersError("wages_above_ceiling", "error.above_ceiling_without_count")
        if self.function is not None:
            _require_choice(self.function, RATED_CATEGORIES, "function")

    @property
    def size(self) -> int:
        if self.wages:
            return len(self.wages)
        return self.headcount or 0


@dataclass(frozen=True, slots=True)
class Staff:
    employees: StaffGroup = StaffGroup()
    workers: StaffGroup = StaffGroup()
    students: StaffGroup = StaffGroup()
    apprentices: StaffGroup = StaffGroup()

    @property
    def headcount(self) -> int:
        return self.employees.size + self.workers.size + self.students.size + self.apprentices.size


@dataclass(frozen=True, slots=True)
class H24Choice:
    """24h/24 private-life extension (step 2.3) for all staff of the chosen categories."""

    categories: tuple[str, ...] = ("employees", "workers")
    mode: str | None = None  # None: the tariff's default mode

    def __post_init__(self) -> None:
        for index, category in enumerate(self.categories):
            _require_choice(category, PAYROLL_CATEGORIES, f"h24.categories.{index}")
        if self.mode is not None:
            _require_choice(self.mode, H24_MODES, "h24.mode")


@dataclass(frozen=True, slots=True)
class ManagerCover:
    """24h/24 accident cover for one self-employed manager (not covered by the law)."""

    age: int
    death_capital: Decimal = Decimal(0)
    permanent_capital: Decimal = Decimal(0)
    progressive: bool = False
    daily_allowance: Decimal = Decimal(0)
    no_waiting_period: bool = False
    medical_top_up: bool = False

    def __post_init__(self) -> None:
        _require_count(self.age, "age")
        _require_decimal(self.death_capital, "death_capital")
        _require_decimal(self.permanent_capital, "permanent_capital")
        _require_decimal(self.daily_allowance, "daily_allowance")


@dataclass(frozen=True, slots=True)
class ClaimsHistory:
    """Step 1.3 Historique sinistre: workers' compensation claims of the last years."""

    history_known: bool = False
    years: int = 0
    no_lost_time: int = 0
    temporary_incapacity: int = 0
    permanent_incapacity: int = 0
    fatal: int = 0
    aggravated_risk: bool = False
    cancelled_by_insurer: bool = False
    previous_insurer: str = ""

    def __post_init__(self) -> None:
        for name in ("years", "no_lost_time", "temporary_incapacity", "permanent_incapacity"):
            _require_count(getattr(self, name), f"claims.{name}")
        _require_count(self.fatal, "claims.fatal")

    @property
    def claim_count(self) -> int:
        return (
            self.no_lost_time + self.temporary_incapacity + self.permanent_incapacity + self.fatal
        )


@dataclass(frozen=True, slots=True)
class Answers:
    """Everything the wizard's steps 1.1-2.3 contribute to the price."""

    activity_code: str
    insurance_year: int
    nace_version: str = "2025"
    staff: Staff = Staff()
    extra_legal_options: tuple[str, ...] = ()
    h24: H24Choice | None = None
    managers: tuple[ManagerCover, ...] = ()
    claims: ClaimsHistory = ClaimsHistory()
    payment_frequency: str = "annual"
    broker_adjustment: Decimal = Decimal(0)
    quote_date: date | None = None
    tariff_version: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.activity_code, str):
            raise AnswersError("activity_code", "error.wrong_type", expected="text")
        if not self.activity_code.strip():
            raise AnswersError("activity_code", "error.required")
        _require_count(self.insurance_year, "insurance_year")
        _require_choice(self.nace_version, NACE_VERSIONS, "nace_version")
        for index, option in enumerate(self.extra_legal_options):
            _require_choice(option, OPTIONS, f"extra_legal_options.{index}")
        _require_choice(self.payment_frequency, PAYMENT_FREQUENCIES, "payment_frequency")
        adjustment = self.broker_adjustment
        if not isinstance(adjustment, Decimal) or not adjustment.is_finite():
            raise AnswersError("broker_adjustment", "error.invalid_amount", value=shown(adjustment))
        if self.tariff_version is not None and not isinstance(self.tariff_version, str):
            raise AnswersError("tariff_version", "error.wrong_type", expected="text")


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------
# Not frozen, unlike the input: a price builds about a hundred fields, and setting each through
# object.__setattr__, as frozen dataclasses do, took a fifth of the time of a price. Treat a
# Quote as read-only all the same: it is the record of a price.


@dataclass(slots=True)
class CategoryLine:
    category: str
    headcount: int
    declared_payroll: Decimal
    capped_payroll: Decimal
    above_ceiling: int
    excess_payroll: Decimal  # wages above the ceiling, each up to the excess option's maximum
    rate: Decimal  # legal rate, work + commuting (0 for apprentices)
    per_head: Decimal  # apprentices only
    legal_premium: Decimal  # rounded for display; the policy total uses the exact amounts


@dataclass(slots=True)
class ClaimsModifier:
    """How the claims-history modifier (domain.md §2.8) was reached, for transparency."""

    history_known: bool
    years: int  # years of history used
    weighted_claims: Decimal  # lost-time claims, permanent and fatal ones weighted
    expected_claims: Decimal
    credibility: Decimal
    computed: Decimal  # before the bounds and the claims-free rule
    bounded: bool
    claims_free: bool  # claims-free for the full period: the modifier is at most the tariff's
    modifier: Decimal


@dataclass(slots=True)
class LegalCover:
    categories: tuple[CategoryLine, ...]
    student_function: str  # the category whose rate students pay
    total_capped_payroll: Decimal
    premium_before_factors: Decimal
    size_factor: Decimal
    size_floor_applied: bool
    premium_after_size: Decimal
    claims: ClaimsModifier
    claims_modifier: Decimal
    broker_factor: Decimal
    premium_after_factors: Decimal
    minimum_premium: Decimal
    minimum_applied: bool
    net_premium: Decimal
    inami_rate: Decimal
    inami_contribution: Decimal
    fedris_student_rate: Decimal
    fedris_student_contribution: Decimal


@dataclass(slots=True)
class OptionLine:
    option: str
    mode: str
    base: Decimal  # payroll above the ceiling, net legal premium, or 0
    computed: Decimal
    minimum_applied: bool
    premium: Decimal


@dataclass(slots=True)
class H24CategoryLine:
    category: str
    base: Decimal  # capped payroll (pct_payroll) or headcount (per_head)
    rate: Decimal  # fraction of payroll, or euros per head
    premium: Decimal


@dataclass(slots=True)
class H24Line:
    mode: str
    categories: tuple[H24CategoryLine, ...]
    computed: Decimal
    minimum_applied: bool
    premium: Decimal


@dataclass(slots=True)
class ManagerLine:
    index: int
    death: Decimal
    permanent: Decimal
    daily_allowance: Decimal
    medical_top_up: Decimal
    activity_factor: Decimal
    premium: Decimal


@dataclass(slots=True)
class Quote:
    """The priced breakdown. Its parts add up: see ``parts`` and ``extra_legal_parts``."""

    tariff_version: str
    insurance_year: int
    ceiling: Decimal
    activity_code: str
    nace_version: str
    risk_class: int
    legal: LegalCover
    options: tuple[OptionLine, ...]
    h24: H24Line | None
    managers: tuple[ManagerLine, ...]
    manager_minimum_applied: bool
    manager_premium: Decimal
    extra_legal_net: Decimal
    tax_rate: Decimal  # on the extra-legal covers; the legal cover is exempt
    extra_legal_tax: Decimal
    taxes: Decimal
    policy_fee: Decimal
    payment_frequency: str
    instalments: int
    surcharge_rate: Decimal
    surcharge: Decimal
    total_annual: Decimal
    instalment: Decimal
    last_instalment: Decimal
    commission_legal: Decimal
    commission_extra_legal: Decimal
    fedris_prevention_contribution: Decimal  # billed separately, not in the total
    referrals: tuple[Message, ...]
    # Legal figures of the insurance year that the tariff marks as assumptions, not published
    # figures (names from PRICED_LEGAL_FIGURES): the price is then only indicative.
    assumed_figures: tuple[str, ...] = ()

    @property
    def is_referred(self) -> bool:
        return bool(self.referrals)

    @property
    def indicative(self) -> bool:
        return bool(self.assumed_figures)

    @property
    def commission(self) -> Decimal:
        return self.commission_legal + self.commission_extra_legal

    def parts(self) -> tuple[Decimal, ...]:
        """The amounts whose sum is ``total_annual``."""
        legal = self.legal
        return (
            legal.net_premium,
            legal.inami_contribution,
            legal.fedris_student_contribution,
            self.extra_legal_net,
            self.taxes,
            self.policy_fee,
            self.surcharge,
        )

    def extra_legal_parts(self) -> tuple[Decimal, ...]:
        """The amounts whose sum is ``extra_legal_net``."""
        h24 = self.h24.premium if self.h24 is not None else Decimal("0.00")
        return (*(line.premium for line in self.options), h24, self.manager_premium)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: amounts as strings, messages as {key, params}.

        ``rating.breakdown.quote_from_dict`` reads it back; the derived values added here
        (is_referred, indicative, commission) are for readers of the JSON alone.
        """
        data = _plain(self)
        data["is_referred"] = self.is_referred
        data["indicative"] = self.indicative
        data["commission"] = str(self.commission)
        return data


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value
