"""Read the wizard's answers from plain JSON-like data (the contract documented in README.md)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from rating.models import (
    CATEGORIES,
    MAX_COUNT,
    RATED_CATEGORIES,
    Answers,
    AnswersError,
    ClaimsHistory,
    H24Choice,
    ManagerCover,
    Staff,
    StaffGroup,
    shown,
)
from rating.money import to_decimal

_TOP_LEVEL = {
    "activity_code",
    "nace_version",
    "insurance_year",
    "quote_date",
    "tariff_version",
    "staff",
    "extra_legal_options",
    "h24",
    "managers",
    "claims",
    "payment_frequency",
    "broker_adjustment",
    "client",  # step 1.1 identity (name, enterprise number, address): not used for pricing
}
_STAFF_GROUP = {
    "wages",
    "headcount",
    "total_wages",
    "workers_above_ceiling",
    "wages_above_ceiling",
    "function",
}
_H24 = {"categories", "mode"}
_MANAGER = {
    "age",
    "death_capital",
    "permanent_capital",
    "progressive",
    "daily_allowance",
    "no_waiting_period",
    "medical_top_up",
}
_CLAIMS = {
    "history_known",
    "years",
    "no_lost_time",
    "temporary_incapacity",
    "permanent_incapacity",
    "fatal",
    "aggravated_risk",
    "cancelled_by_insurer",
    "previous_insurer",
}


def _mapping(value: object, path: str, allowed: set[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise AnswersError(path or "answers", "error.wrong_type", expected="object")
    for key in value:
        if key not in allowed:
            name = shown(key)
            raise AnswersError(f"{path}.{name}" if path else name, "error.unknown_field")
    return value


def _optional(data: Mapping[str, Any], key: str, default: Any) -> Any:
    """The answer under key, or the default when it is missing or null."""
    value = data.get(key)
    return default if value is None else value


def _list(value: object, path: str) -> list[Any] | tuple[Any, ...]:
    if not isinstance(value, list | tuple):
        raise AnswersError(path, "error.wrong_type", expected="list")
    return value


def _text(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise AnswersError(path, "error.wrong_type", expected="text")
    return value


def _amount(value: object, path: str) -> Decimal:
    try:
        return to_decimal(value)
    except (TypeError, ValueError):
        raise AnswersError(path, "error.invalid_amount", value=shown(value)) from None


def _integer(value: object, path: str) -> int:
    if isinstance(value, str) and value.strip().isdecimal():
        try:
            return int(value)
        except ValueError:  # more digits than Python converts: far beyond any bound
            raise AnswersError(path, "error.too_large", max=MAX_COUNT) from None
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnswersError(path, "error.invalid_integer", value=shown(value))
    return value


def _boolean(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise AnswersError(path, "error.choice", value=shown(value), choices="true, false")
    return value


def _nested(path: str, build: Any) -> Any:
    """Run a constructor, prefixing the field of any error with where it sits in the answers."""
    try:
        return build()
    except AnswersError as error:
        if error.field.startswith(path):
            raise
        params = error.message.params
        raise AnswersError(f"{path}.{error.field}", error.message.key, **params) from None


def _staff_group(value: object, path: str) -> StaffGroup:
    data = _mapping(value, path, _STAFF_GROUP)
    wages = _list(_optional(data, "wages", ()), f"{path}.wages")
    headcount = data.get("headcount")
    total_wages = data.get("total_wages")
    wages_above_ceiling = data.get("wages_above_ceiling")
    return _nested(
        path,
        lambda: StaffGroup(
            wages=tuple(_amount(wage, f"{path}.wages.{i}") for i, wage in enumerate(wages)),
            headcount=None if headcount is None else _integer(headcount, f"{path}.headcount"),
            total_wages=(
                None if total_wages is None else _amount(total_wages, f"{path}.total_wages")
            ),
            workers_above_ceiling=_integer(
                _optional(data, "workers_above_ceiling", 0), f"{path}.workers_above_ceiling"
            ),
            wages_above_ceiling=(
                None
                if wages_above_ceiling is None
                else _amount(wages_above_ceiling, f"{path}.wages_above_ceiling")
            ),
            function=data.get("function"),
        ),
    )


def _manager(value: object, path: str) -> ManagerCover:
    manager = _mapping(value, path, _MANAGER)
    if "age" not in manager:
        raise AnswersError(f"{path}.age", "error.required")

    def amount(key: str) -> Decimal:
        return _amount(_optional(manager, key, 0), f"{path}.{key}")

    def flag(key: str) -> bool:
        return _boolean(_optional(manager, key, False), f"{path}.{key}")

    return _nested(
        path,
        lambda: ManagerCover(
            age=_integer(manager["age"], f"{path}.age"),
            death_capital=amount("death_capital"),
            permanent_capital=amount("permanent_capital"),
            progressive=flag("progressive"),
            daily_allowance=amount("daily_allowance"),
            no_waiting_period=flag("no_waiting_period"),
            medical_top_up=flag("medical_top_up"),
        ),
    )


def _claims(value: object) -> ClaimsHistory:
    claims = _mapping(value, "claims", _CLAIMS)

    def count(key: str) -> int:
        return _integer(_optional(claims, key, 0), f"claims.{key}")

    def flag(key: str) -> bool:
        return _boolean(_optional(claims, key, False), f"claims.{key}")

    return ClaimsHistory(
        history_known=flag("history_known"),
        years=count("years"),
        no_lost_time=count("no_lost_time"),
        temporary_incapacity=count("temporary_incapacity"),
        permanent_incapacity=count("permanent_incapacity"),
        fatal=count("fatal"),
        aggravated_risk=flag("aggravated_risk"),
        cancelled_by_insurer=flag("cancelled_by_insurer"),
        previous_insurer=_text(
            _optional(claims, "previous_insurer", ""), "claims.previous_insurer"
        ),
    )


def answers_from_dict(data: Mapping[str, Any]) -> Answers:
    """Build typed Answers from JSON data; raise AnswersError naming the first bad field.

    Any JSON-like value is answered with Answers or AnswersError, never another exception.
    """
    data = _mapping(data, "", _TOP_LEVEL)
    for required in ("activity_code", "insurance_year"):
        if required not in data:
            raise AnswersError(required, "error.required")

    staff_data = _mapping(_optional(data, "staff", {}), "staff", set(CATEGORIES))
    staff = Staff(
        **{
            name: _staff_group(staff_data[name], f"staff.{name}")
            for name in CATEGORIES
            if name in staff_data
        }
    )

    h24 = None
    if data.get("h24") is not None:
        h24_data = _mapping(data["h24"], "h24", _H24)
        categories = _list(_optional(h24_data, "categories", RATED_CATEGORIES), "h24.categories")
        h24 = _nested("h24", lambda: H24Choice(tuple(categories), h24_data.get("mode")))

    managers = _list(_optional(data, "managers", ()), "managers")
    quote_date = None
    if data.get("quote_date") is not None:
        text = _text(data["quote_date"], "quote_date")
        try:
            quote_date = date.fromisoformat(text)
        except ValueError:
            raise AnswersError("quote_date", "error.invalid_date", value=shown(text)) from None

    options = _list(_optional(data, "extra_legal_options", ()), "extra_legal_options")
    return Answers(
        activity_code=data["activity_code"],
        nace_version=_optional(data, "nace_version", "2025"),
        insurance_year=_integer(data["insurance_year"], "insurance_year"),
        staff=staff,
        extra_legal_options=tuple(options),
        h24=h24,
        managers=tuple(_manager(item, f"managers.{i}") for i, item in enumerate(managers)),
        claims=_claims(_optional(data, "claims", {})),
        payment_frequency=_optional(data, "payment_frequency", "annual"),
        broker_adjustment=_amount(_optional(data, "broker_adjustment", "0"), "broker_adjustment"),
        quote_date=quote_date,
        tariff_version=data.get("tariff_version"),
    )
