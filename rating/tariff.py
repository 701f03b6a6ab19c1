"""Tariff versions: load a TOML file, validate every key, pick the version for a quote date.

A tariff file is data an insurer edits by hand, so loading is strict: an unknown key (a typo) or a
missing key is rejected with a message naming it, before any price is computed.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from rating.models import (
    OPTIONS,
    PAYMENT_FREQUENCIES,
    PAYROLL_CATEGORIES,
    PRICED_LEGAL_FIGURES,
    RATED_CATEGORIES,
)

TARIFF_DIR = Path(__file__).resolve().parent / "tariffs"
OPTION_MODES = ("pct_above_ceiling", "pct_of_legal", "flat", "included")
H24_MODES = ("pct_payroll", "per_head")
LEGAL_FIGURES = (*PRICED_LEGAL_FIGURES, "min_apprentice_wage")


class TariffError(ValueError):
    """A tariff file is malformed; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a tariff file: where (dotted key, line when it can be found) and what."""

    key: str
    message: str
    line: int | None = None


class TariffNotFound(LookupError):
    """No tariff version matches the requested name or date."""


@dataclass(frozen=True, slots=True)
class LegalYear:
    year: int
    ceiling: Decimal
    min_apprentice_wage: Decimal | None
    inami_rate: Decimal
    assumed: tuple[str, ...]  # the figures of this row that are assumptions, not published
    priced_assumptions: tuple[str, ...]  # those a price depends on: its quotes are indicative
    source: str


@dataclass(frozen=True, slots=True)
class RiskClass:
    number: int
    work_rates: dict[str, Decimal]
    apprentice_per_head: Decimal
    manager_factor: Decimal
    claims_frequency: dict[str, Decimal]
    refer: bool


@dataclass(frozen=True, slots=True)
class SizeBand:
    lower: Decimal
    factor: Decimal


@dataclass(frozen=True, slots=True)
class OptionRule:
    code: str
    mode: str
    rate: Decimal = Decimal(0)
    factor_on_legal_rate: Decimal = Decimal(0)
    max_insured_multiple: Decimal = Decimal(0)
    amount: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class H24Rules:
    default_mode: str
    pct_payroll: dict[str, Decimal]
    per_head: dict[str, Decimal]


@dataclass(frozen=True, slots=True)
class ManagerRules:
    death_per_mille: Decimal
    permanent_per_mille: Decimal
    progressive_multiplier: Decimal
    daily_allowance_price: Decimal
    no_waiting_period_multiplier: Decimal
    medical_top_up: Decimal
    min_age: int
    max_age: int


@dataclass(frozen=True, slots=True)
class ClaimsRules:
    years: int
    floor: Decimal
    cap: Decimal
    credibility_fte_years: Decimal
    claims_free_max: Decimal
    weights: dict[str, Decimal]
    fte_weights: dict[str, Decimal]
    refer_on_fatal: bool
    refer_on_aggravated_risk: bool
    refer_on_cancelled_by_insurer: bool


@dataclass(frozen=True, slots=True)
class FedrisAggravatedRisk:
    base: Decimal
    per_block: Decimal
    block_fte: Decimal
    cap: Decimal


@dataclass(frozen=True, slots=True)
class PaymentFrequency:
    code: str
    instalments: int
    surcharge: Decimal


@dataclass(frozen=True, slots=True)
class NaceMap:
    """Activity code → risk class for one NACE-BEL version."""

    version: str
    sections: dict[str, int]
    divisions: dict[str, int]
    overrides: dict[str, int]  # keyed by digits without the dot: "4311", "4399906"

    def classify(self, code: str) -> tuple[int, str] | None:
        """Return (risk class, rule that matched) or None when no rule covers the code."""
        digits = code.strip().replace(".", "").replace(" ", "").upper()
        if len(digits) == 1 and digits.isalpha():
            risk = self.sections.get(digits)
            return None if risk is None else (risk, f"section {digits}")
        if not (2 <= len(digits) <= 7 and digits.isdigit()):
            return None
        overrides = self.overrides
        for length in range(len(digits), 2, -1):
            risk = overrides.get(digits[:length])
            if risk is not None:
                return risk, f"override {digits[:length]}"
        risk = self.divisions.get(digits[:2])
        return None if risk is None else (risk, f"division {digits[:2]}")


@dataclass(frozen=True, slots=True)
class Minimums:
    legal: Decimal
    extra_legal_option: Decimal
    h24: Decimal


@dataclass(frozen=True, slots=True)
class ReferralLimits:
    """Sanity limits: answers beyond them are priced but go to an underwriter."""

    max_headcount: int
    max_wage_per_head: Decimal
    max_insured_capital: Decimal
    max_daily_allowance: Decimal
    # Categories whose average wage below the year's legal minimum basic wage
    # (legal_years.<year>.min_apprentice_wage) is implausible: optional, none by default.
    min_wage_categories: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Charges:
    fedris_student_rate: Decimal
    ipt_legal_rate: Decimal
    ipt_extra_legal_rate: Decimal
    policy_fee: Decimal


@dataclass(frozen=True, slots=True)
class Tariff:
    version: str
    effective_from: date
    description: str
    legal_years: dict[int, LegalYear]
    risk_classes: dict[int, RiskClass]
    commute_rates: dict[str, Decimal]
    payroll_uplift: dict[str, Decimal]
    size_bands: tuple[SizeBand, ...]
    minimums: Minimums
    options: dict[str, OptionRule]
    h24: H24Rules
    manager: ManagerRules
    claims: ClaimsRules
    fedris_aggravated_risk: FedrisAggravatedRisk
    charges: Charges
    commission_legal: Decimal
    commission_extra_legal: Decimal
    broker_adjustment_min: Decimal
    broker_adjustment_max: Decimal
    payment_frequencies: dict[str, PaymentFrequency]
    referral: ReferralLimits
    nace: dict[str, NaceMap]

    def classify(self, code: str, nace_version: str) -> tuple[int, str] | None:
        nace_map = self.nace.get(nace_version)
        return None if nace_map is None else nace_map.classify(code)


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------


_MISSING = object()


class _Table:
    """A TOML table being read: every key must be read once, and nothing else may be present.

    Every problem is written to `problems` and reading goes on with a harmless default, so
    one upload lists all its mistakes; `parse_tariff` then reports the first of them.
    """

    def __init__(
        self, data: object, path: str, source: str, problems: list[Problem] | None = None
    ) -> None:
        self.problems: list[Problem] = [] if problems is None else problems
        self.path = path
        self.source = source
        self.read: set[str] = set()
        # A table that is not one was reported by its parent; its keys are not reported again.
        self.silent = not isinstance(data, dict)
        if self.silent and problems is None:
            raise TariffError(f"{source}: '{path}' must be a table")
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}

    def _where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def report(self, key: str, message: str) -> None:
        if not self.silent:
            self.problems.append(Problem(key, message))

    def fail(self, key: str, problem: str) -> None:
        self.report(self._where(key), f"key '{self._where(key)}' {problem}")

    def _bad(self, key: str, problem: str, default: Any) -> Any:
        self.fail(key, problem)
        return default

    def raw(self, key: str) -> Any:
        if key not in self.data:
            unread = [k for k in self.data if k not in self.read]
            hint = difflib.get_close_matches(key, unread, n=1)
            found = f" (found '{self._where(hint[0])}': a typo?)" if hint else ""
            self.report(self._where(key), f"missing key '{self._where(key)}'{found}")
            return _MISSING
        self.read.add(key)
        return self.data[key]

    def has(self, key: str) -> bool:
        return key in self.data

    def decimal(self, key: str, low: Decimal | None = None, high: Decimal | None = None) -> Decimal:
        value = self.raw(key)
        default = low if low is not None else _ZERO
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            return self._bad(key, f"must be a number, got {value!r}", default)
        value = Decimal(value)
        if (low is not None and value < low) or (high is not None and value > high):
            return self._bad(key, f"must be between {low} and {high}, got {value}", default)
        return value

    def integer(self, key: str, low: int = 0) -> int:
        value = self.raw(key)
        if value is _MISSING:
            return low
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            return self._bad(key, f"must be an integer of at least {low}, got {value!r}", low)
        return value

    def string(self, key: str, choices: tuple[str, ...] | None = None) -> str:
        value = self.raw(key)
        default = choices[0] if choices else ""
        if value is _MISSING:
            return default
        if not isinstance(value, str) or (choices is not None and value not in choices):
            expected = f"one of {', '.join(choices)}" if choices else "a string"
            return self._bad(key, f"must be {expected}, got {value!r}", default)
        return value

    def choices(self, key: str, choices: tuple[str, ...]) -> tuple[str, ...]:
        """A list of distinct strings, each one of the choices."""
        values = self.raw(key)
        if values is _MISSING:
            return ()
        if (
            not isinstance(values, list)
            or any(value not in choices for value in values)
            or len(set(values)) != len(values)
        ):
            message = f"must be a list of distinct names among {', '.join(choices)}"
            return self._bad(key, message, ())
        return tuple(values)

    def boolean(self, key: str) -> bool:
        value = self.raw(key)
        if value is _MISSING:
            return False
        if not isinstance(value, bool):
            return self._bad(key, f"must be true or false, got {value!r}", False)
        return value

    def date(self, key: str) -> date:
        value = self.raw(key)
        if value is _MISSING:
            return date.min
        if not isinstance(value, date):
            return self._bad(key, f"must be a date such as 2026-01-01, got {value!r}", date.min)
        return value

    def table(self, key: str) -> _Table:
        value = self.raw(key)
        if value is not _MISSING and not isinstance(value, dict):
            self._bad(key, "must be a table", None)
        child = _Table(value, self._where(key), self.source, self.problems)
        child.silent = child.silent or self.silent
        return child

    def rates(self, key: str, names: tuple[str, ...], high: Decimal | None = None) -> dict:
        """A table of exactly the given keys, each a non-negative number."""
        table = self.table(key)
        values = {name: table.decimal(name, Decimal(0), high) for name in names}
        table.done()
        return values

    def done(self) -> None:
        for key in self.data:
            if key not in self.read:
                hint = difflib.get_close_matches(key, [k for k in self.read], n=1)
                suggestion = f" (did you mean '{self._where(hint[0])}'?)" if hint else ""
                self.report(self._where(key), f"unknown key '{self._where(key)}'{suggestion}")


_ONE = Decimal(1)
_ZERO = Decimal(0)


def parse_tariff(text: str, source: str = "<tariff>") -> Tariff:
    """Build a Tariff from TOML text; raise TariffError naming the first bad key."""
    tariff, problems = validate_tariff(text, source)
    if problems:
        raise TariffError(f"{source}: {problems[0].message}")
    assert tariff is not None
    return tariff


def validate_tariff(text: str, source: str = "<tariff>") -> tuple[Tariff | None, list[Problem]]:
    """Read a tariff file and list every problem in it, each with its key and, when it can be
    found, its line; the Tariff only when there is none."""
    try:
        # parse_float=Decimal keeps every figure exact: a rate such as 0.0925 never becomes a float.
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"at line (\d+)", str(error))
        return None, [Problem("", f"not valid TOML: {error}", int(line.group(1)) if line else None)]
    problems: list[Problem] = []
    tariff = _read_tariff(_Table(data, "", source, problems), source)
    located = [Problem(p.key, p.message, _line_of(text, p.key)) for p in problems]
    return (None if problems else tariff), located


def _line_of(text: str, key: str) -> int | None:
    """The line where a dotted key is set, or else where its table (or its parent) starts,
    found in the text itself."""
    if not key:
        return None
    parts = re.sub(r"\[\d+\]", "", key).split(".")
    table, name = ".".join(parts[:-1]), parts[-1]
    current = ""
    headers: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.fullmatch(r"\[\[?\s*([^\]]+?)\s*\]\]?", stripped)
        if header:
            current = header.group(1).replace('"', "")
            headers.setdefault(current, number)
            continue
        assignment = re.match(r'"?([^"=\s]+)"?\s*=', stripped)
        if assignment and current == table and assignment.group(1) == name:
            return number
    return headers.get(key) or headers.get(table)


def _read_tariff(root: _Table, source: str) -> Tariff:

    head = root.table("tariff")
    version = head.string("version")
    if version and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,49}", version):
        # The version names files and downloads: plain characters only.
        head.fail("version", "must be letters, digits, '.', '_' or '-' (at most 50)")
    effective_from = head.date("effective_from")
    description = head.string("description")
    head.done()

    legal_years = _legal_years(root.table("legal_years"))
    risk_classes = _risk_classes(root.table("risk_classes"))
    commute_rates = root.rates("commute_rates", RATED_CATEGORIES, _ONE)
    payroll_uplift = root.rates("payroll_uplift", ("employees", "workers", "students"))
    size_bands = _size_bands(root, source)

    table = root.table("minimum_premiums")
    minimums = Minimums(
        legal=table.decimal("legal", _ZERO),
        extra_legal_option=table.decimal("extra_legal_option", _ZERO),
        h24=table.decimal("h24", _ZERO),
    )
    table.done()

    options = _options(root.table("options"))

    table = root.table("h24")
    h24 = H24Rules(
        default_mode=table.string("default_mode", H24_MODES),
        pct_payroll=table.rates("pct_payroll", RATED_CATEGORIES, _ONE),
        per_head=table.rates("per_head", ("employees", "workers", "students")),
    )
    table.done()

    table = root.table("manager")
    manager = ManagerRules(
        death_per_mille=table.decimal("death_per_mille", _ZERO),
        permanent_per_mille=table.decimal("permanent_per_mille", _ZERO),
        progressive_multiplier=table.decimal("progressive_multiplier", _ONE),
        daily_allowance_price=table.decimal("daily_allowance_price", _ZERO),
        no_waiting_period_multiplier=table.decimal("no_waiting_period_multiplier", _ONE),
        medical_top_up=table.decimal("medical_top_up", _ZERO),
        min_age=table.integer("min_age"),
        max_age=table.integer("max_age"),
    )
    table.done()

    table = root.table("claims")
    floor = table.decimal("floor", _ZERO, _ONE)
    claims = ClaimsRules(
        years=table.integer("years", 1),
        floor=floor,
        cap=table.decimal("cap", _ONE),
        credibility_fte_years=table.decimal("credibility_fte_years", _ONE),
        claims_free_max=table.decimal("claims_free_max", floor, _ONE),
        weights=table.rates("weights", ("temporary_incapacity", "permanent_incapacity", "fatal")),
        fte_weights=table.rates("fte_weights", ("employees", "workers", "students", "apprentices")),
        refer_on_fatal=table.boolean("refer_on_fatal"),
        refer_on_aggravated_risk=table.boolean("refer_on_aggravated_risk"),
        refer_on_cancelled_by_insurer=table.boolean("refer_on_cancelled_by_insurer"),
    )
    table.done()

    table = root.table("fedris_aggravated_risk")
    fedris = FedrisAggravatedRisk(
        base=table.decimal("base", _ZERO),
        per_block=table.decimal("per_block", _ZERO),
        block_fte=table.decimal("block_fte", _ONE),
        cap=table.decimal("cap", _ZERO),
    )
    table.done()

    table = root.table("charges")
    charges = Charges(
        fedris_student_rate=table.decimal("fedris_student_rate", _ZERO, _ONE),
        ipt_legal_rate=table.decimal("ipt_legal_rate", _ZERO, _ONE),
        ipt_extra_legal_rate=table.decimal("ipt_extra_legal_rate", _ZERO, _ONE),
        policy_fee=table.decimal("policy_fee", _ZERO),
    )
    table.done()

    table = root.table("commission")
    commission_legal = table.decimal("legal", _ZERO, _ONE)
    commission_extra_legal = table.decimal("extra_legal", _ZERO, _ONE)
    table.done()

    table = root.table("broker_adjustment")
    adjustment_min = table.decimal("min", -_ONE, _ZERO)
    adjustment_max = table.decimal("max", _ZERO, _ONE)
    table.done()

    frequencies_table = root.table("payment_frequencies")
    frequencies = {}
    for code in PAYMENT_FREQUENCIES:
        table = frequencies_table.table(code)
        frequencies[code] = PaymentFrequency(
            code=code,
            instalments=table.integer("instalments", 1),
            surcharge=table.decimal("surcharge", _ZERO, _ONE),
        )
        table.done()
    frequencies_table.done()

    table = root.table("referral")
    referral = ReferralLimits(
        max_headcount=table.integer("max_headcount", 1),
        max_wage_per_head=table.decimal("max_wage_per_head", _ONE),
        max_insured_capital=table.decimal("max_insured_capital", _ONE),
        max_daily_allowance=table.decimal("max_daily_allowance", _ONE),
        min_wage_categories=(
            table.choices("min_wage_categories", PAYROLL_CATEGORIES)
            if table.has("min_wage_categories")
            else ()
        ),
    )
    table.done()

    nace_table = root.table("nace")
    nace = {version: _nace_map(nace_table.table(version), version) for version in ("2008", "2025")}
    nace_table.done()
    root.done()

    for nace_map in nace.values():
        for risk in (
            *nace_map.sections.values(),
            *nace_map.divisions.values(),
            *nace_map.overrides.values(),
        ):
            if risk not in risk_classes:
                root.report(
                    f"nace.{nace_map.version}",
                    f"nace.{nace_map.version} uses undefined class {risk}",
                )

    return Tariff(
        version=version,
        effective_from=effective_from,
        description=description,
        legal_years=legal_years,
        risk_classes=risk_classes,
        commute_rates=commute_rates,
        payroll_uplift=payroll_uplift,
        size_bands=size_bands,
        minimums=minimums,
        options=options,
        h24=h24,
        manager=manager,
        claims=claims,
        fedris_aggravated_risk=fedris,
        charges=charges,
        commission_legal=commission_legal,
        commission_extra_legal=commission_extra_legal,
        broker_adjustment_min=adjustment_min,
        broker_adjustment_max=adjustment_max,
        payment_frequencies=frequencies,
        referral=referral,
        nace=nace,
    )


def _legal_years(table: _Table) -> dict[int, LegalYear]:
    years = {}
    for key in list(table.data):
        if not (key.isdigit() and len(key) == 4):
            table.fail(key, "must be a year such as 2026")
            table.read.add(key)
            continue
        row = table.table(key)
        has_apprentice_wage = row.has("min_apprentice_wage")
        assumed = row.choices(
            "assumed", LEGAL_FIGURES if has_apprentice_wage else PRICED_LEGAL_FIGURES
        )
        years[int(key)] = LegalYear(
            year=int(key),
            ceiling=row.decimal("ceiling", _ONE),
            min_apprentice_wage=(
                row.decimal("min_apprentice_wage", _ZERO) if has_apprentice_wage else None
            ),
            inami_rate=row.decimal("inami_rate", _ZERO, _ONE),
            assumed=assumed,
            priced_assumptions=tuple(name for name in PRICED_LEGAL_FIGURES if name in assumed),
            source=row.string("source"),
        )
        row.done()
    if not years:
        table.fail("<year>", "needs at least one year")
    table.done()
    return years


def _risk_classes(table: _Table) -> dict[int, RiskClass]:
    classes = {}
    for key in list(table.data):
        if not key.isdigit():
            table.fail(key, "must be a class number such as 3")
            table.read.add(key)
            continue
        row = table.table(key)
        classes[int(key)] = RiskClass(
            number=int(key),
            work_rates=row.rates("work_rates", RATED_CATEGORIES, _ONE),
            apprentice_per_head=row.decimal("apprentice_per_head", _ZERO),
            manager_factor=row.decimal("manager_factor", _ZERO),
            claims_frequency=row.rates("claims_frequency", RATED_CATEGORIES, _ONE),
            refer=row.boolean("refer"),
        )
        row.done()
    table.done()
    return classes


def _size_bands(root: _Table, source: str) -> tuple[SizeBand, ...]:
    rows = root.raw("size_factors")
    if rows is _MISSING:
        return (SizeBand(_ZERO, _ONE),)
    if not isinstance(rows, list) or not rows:
        root.fail("size_factors", "must be a list of [[size_factors]] bands")
        return (SizeBand(_ZERO, _ONE),)
    bands = []
    for index, data in enumerate(rows):
        row = _Table(data, f"size_factors[{index}]", source, root.problems)
        bands.append(
            SizeBand(lower=row.decimal("from", _ZERO), factor=row.decimal("factor", _ZERO))
        )
        row.done()
    if bands[0].lower != 0 or any(a.lower >= b.lower for a, b in itertools.pairwise(bands)):
        root.fail("size_factors", "must start at 0 and increase")
    return tuple(bands)


def _options(table: _Table) -> dict[str, OptionRule]:
    options = {}
    for code in OPTIONS:
        row = table.table(code)
        # Only the excess option insures wages above the ceiling; the others price on the policy.
        modes = ("pct_above_ceiling",) if code == "excess_wages" else OPTION_MODES[1:]
        mode = row.string("mode", modes)
        if mode == "pct_above_ceiling":
            rule = OptionRule(
                code,
                mode,
                factor_on_legal_rate=row.decimal("factor_on_legal_rate", _ZERO),
                max_insured_multiple=row.decimal("max_insured_multiple", _ONE),
            )
        elif mode == "pct_of_legal":
            rule = OptionRule(code, mode, rate=row.decimal("rate", _ZERO, _ONE))
        elif mode == "flat":
            rule = OptionRule(code, mode, amount=row.decimal("amount", _ZERO))
        else:
            rule = OptionRule(code, mode)
        row.done()
        options[code] = rule
    table.done()
    return options


def _nace_map(table: _Table, version: str) -> NaceMap:
    def classes(name: str, check_key: Any) -> dict[str, int]:
        sub = table.table(name)
        result = {}
        for key in list(sub.data):
            if not check_key(key):
                sub.fail(key, "is not a valid code for this table")
                sub.read.add(key)
                continue
            value = sub.integer(key, 1)
            result[key.replace(".", "")] = value
        sub.done()
        return result

    sections = classes("sections", lambda key: len(key) == 1 and key.isupper())
    divisions = classes("divisions", lambda key: len(key) == 2 and key.isdigit())
    overrides = classes(
        "overrides", lambda key: 3 <= len(key.replace(".", "")) <= 7 and key[2:3] == "."
    )
    table.done()
    return NaceMap(version=version, sections=sections, divisions=divisions, overrides=overrides)


# ---------------------------------------------------------------------------------------------
# Versions
# ---------------------------------------------------------------------------------------------


@functools.cache
def load_tariff(path: Path) -> Tariff:
    """Load and validate one tariff file (cached: each file is read once per process)."""
    tariff = parse_tariff(path.read_text(encoding="utf-8"), source=path.name)
    if path.stem != tariff.version:
        raise TariffError(f"{path.name}: key 'tariff.version' must match the file name")
    return tariff


@functools.cache
def available_tariffs(directory: Path = TARIFF_DIR) -> tuple[Tariff, ...]:
    """Every tariff version in a directory, oldest effective date first."""
    tariffs = sorted(
        (load_tariff(path) for path in sorted(directory.glob("*.toml"))),
        key=lambda tariff: tariff.effective_from,
    )
    for older, newer in itertools.pairwise(tariffs):
        if older.effective_from == newer.effective_from:
            raise TariffError(
                f"{older.version} and {newer.version} have the same effective_from date"
            )
    return tuple(tariffs)


def get_tariff(
    quote_date: date | None = None, version: str | None = None, directory: Path = TARIFF_DIR
) -> Tariff:
    """The named version, or else the latest version in force on the quote date (default today)."""
    tariffs = available_tariffs(directory)
    if version is not None:
        for tariff in tariffs:
            if tariff.version == version:
                return tariff
        raise TariffNotFound(f"unknown tariff version {version!r}")
    when = quote_date or date.today()
    in_force = [tariff for tariff in tariffs if tariff.effective_from <= when]
    if not in_force:
        raise TariffNotFound(f"no tariff in force on {when.isoformat()}")
    return in_force[-1]
