"""Two tariff versions side by side: the same answers priced by each, line by line.

An insurer checks a new version against the one in force before activating it: the golden
cases (rating/golden_cases.toml, the hand-checked examples) and a sample of real quotes go
through both, and the largest changes come first.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rating.answers import answers_from_dict
from rating.engine import price
from rating.models import AnswersError, Message, Quote
from rating.tariff import Tariff

GOLDEN_CASES = Path(__file__).resolve().parent / "golden_cases.toml"
# The lines of a premium an insurer compares, in the order of the breakdown.
LINES = (
    "legal.net_premium",
    "legal.inami_contribution",
    "legal.fedris_student_contribution",
    "options",
    "h24.premium",
    "manager_premium",
    "extra_legal_tax",
    "policy_fee",
    "surcharge",
    "total_annual",
)


@dataclass(frozen=True)
class LineChange:
    line: str  # a name of LINES, or "option.<code>" for an extra-legal option
    before: Decimal
    after: Decimal

    @property
    def change(self) -> Decimal:
        return self.after - self.before


@dataclass
class CaseComparison:
    name: str
    before: Decimal | None = None  # total_annual; None when that version refuses the answers
    after: Decimal | None = None
    refused_before: Message | None = None
    refused_after: Message | None = None
    lines: list[LineChange] = field(default_factory=list)

    @property
    def change(self) -> Decimal:
        if self.before is None or self.after is None:
            return Decimal(0)
        return self.after - self.before

    @property
    def weight(self) -> Decimal:
        """How much this case moved: a refusal on one side counts as the largest change."""
        if (self.before is None) != (self.after is None):
            return Decimal("Infinity")
        return abs(self.change)


def golden_cases() -> list[tuple[str, dict[str, Any]]]:
    cases = tomllib.loads(GOLDEN_CASES.read_text("utf-8"))["case"]
    return [(case["name"], case["answers"]) for case in cases]


def amounts(quote: Quote) -> dict[str, Decimal]:
    data = quote.to_dict()
    found: dict[str, Decimal] = {}
    for line in LINES:
        if line == "options":
            for option in data["options"]:
                found[f"option.{option['option']}"] = Decimal(option["premium"])
            continue
        value: Any = data
        for part in line.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        if value is not None:
            found[line] = Decimal(value)
    return found


def compare(
    before: Tariff, after: Tariff, cases: Iterable[tuple[str, Mapping[str, Any]]]
) -> list[CaseComparison]:
    """Every case priced by both versions, the cases that changed most first."""
    results = []
    for name, data in cases:
        result = CaseComparison(name)
        priced = {}
        for side, tariff in (("before", before), ("after", after)):
            try:
                priced[side] = price(answers_from_dict(data), tariff)
            except AnswersError as error:
                setattr(result, f"refused_{side}", error.message)
                continue
            setattr(result, side, priced[side].total_annual)
        if len(priced) == 2:
            old, new = amounts(priced["before"]), amounts(priced["after"])
            result.lines = [
                LineChange(line, old.get(line, Decimal(0)), new.get(line, Decimal(0)))
                for line in dict.fromkeys([*old, *new])
                if old.get(line, Decimal(0)) != new.get(line, Decimal(0))
            ]
            result.lines.sort(key=lambda change: abs(change.change), reverse=True)
        results.append(result)
    results.sort(key=lambda result: result.weight, reverse=True)
    return results
