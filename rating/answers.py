"""Read the wizard's answers from plain JSON-like data (the contract documented in README.md)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from rating.models import (
    CATEGORIES,
    Answers,
    AnswersError,
    ClaimsHistory,
    H24Choice,
    ManagerCover,
    Staff,
    StaffGroup,
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
        raise AnswersError(path, "error.required")
    for key in value:
        if key not in allowed:
            raise AnswersError(f"{path}.{key}" if path else key, "error.unknown_field")
    return value


def _amount(value: object, path: str) -> Decimal:
    try:
        return to_decimal(value)
    except (TypeError, ValueError):
        raise AnswersError(path, "error.invalid_amount", value=repr(value)) from None


def _integer(value: object, path: str) -> int:
    if isinstance(value, bool):
        raise AnswersError(path, "error.invalid_integer", value=repr(value))
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int):
        return value
    raise AnswersError(path, "error.invalid_integer", value=repr(value))


def _boolean(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise AnswersError(path, "error.choice", value=repr(value), choices="true, false")
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
    wages = data.get("wages", [])
    if not isinstance(wages, list):
        raise AnswersError(f"{path}.wages", "error.invalid_amount", value=repr(wages))
    return _nested(
        path,
        lambda: StaffGroup(
            wages=tuple(_amount(wage, f"{path}.wages.{i}") for i, wage in enumerate(wages)),
            headcount=(
                _integer(data["headcount"], f"{path}.headcount")
                if data.get("headcount") is not None
                else None
            ),
            total_wages=(
                _amount(data["total_wages"], f"{path}.total_wages")
                if data.get("total_wages") is not None
                else None
            ),
            workers_above_ceiling=_integer(
                data.get("workers_above_ceiling", 0), f"{path}.workers_above_ceiling"
            ),
            wages_above_ceiling=(
                _amount(data["wages_above_ceiling"], f"{path}.wages_above_ceiling")
                if data.get("wages_above_ceiling") is not None
                else None
            ),
            function=data.get("function"),
        ),
    )


def answers_from_dict(data: Mapping[str, Any]) -> Answers:
    """Build typed Answers from JSON data; raise AnswersError naming the first bad field."""
    data = _mapping(data, "", _TOP_LEVEL)
    for required in ("activity_code", "insurance_year"):
        if required not in data:
            raise AnswersError(required, "error.required")

    staff_data = _mapping(data.get("staff", {}), "staff", set(CATEGORIES))
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
        h24 = _nested(
            "h24",
            lambda: H24Choice(
                categories=tuple(h24_data.get("categories", ("employees", "workers"))),
                mode=h24_data.get("mode"),
            ),
        )

    managers = []
    for index, item in enumerate(data.get("managers", [])):
        path = f"managers.{index}"
        manager = _mapping(item, path, _MANAGER)
        if "age" not in manager:
            raise AnswersError(f"{path}.age", "error.required")
        managers.append(
            _nested(
                path,
                lambda manager=manager, path=path: ManagerCover(
                    age=_integer(manager["age"], f"{path}.age"),
                    death_capital=_amount(manager.get("death_capital", 0), f"{path}.death_capital"),
                    permanent_capital=_amount(
                        manager.get("permanent_capital", 0), f"{path}.permanent_capital"
                    ),
                    progressive=_boolean(manager.get("progressive", False), f"{path}.progressive"),
                    daily_allowance=_amount(
                        manager.get("daily_allowance", 0), f"{path}.daily_allowance"
                    ),
                    no_waiting_period=_boolean(
                        manager.get("no_waiting_period", False), f"{path}.no_waiting_period"
                    ),
                    medical_top_up=_boolean(
                        manager.get("medical_top_up", False), f"{path}.medical_top_up"
                    ),
                ),
            )
        )

    claims_data = _mapping(data.get("claims", {}), "claims", _CLAIMS)
    claims = ClaimsHistory(
        history_known=_boolean(claims_data.get("history_known", False), "claims.history_known"),
        years=_integer(claims_data.get("years", 0), "claims.years"),
        no_lost_time=_integer(claims_data.get("no_lost_time", 0), "claims.no_lost_time"),
        temporary_incapacity=_integer(
            claims_data.get("temporary_incapacity", 0), "claims.temporary_incapacity"
        ),
        permanent_incapacity=_integer(
            claims_data.get("permanent_incapacity", 0), "claims.permanent_incapacity"
        ),
        fatal=_integer(claims_data.get("fatal", 0), "claims.fatal"),
        aggravated_risk=_boolean(
            claims_data.get("aggravated_risk", False), "claims.aggravated_risk"
        ),
        cancelled_by_insurer=_boolean(
            claims_data.get("cancelled_by_insurer", False), "claims.cancelled_by_insurer"
        ),
        previous_insurer=str(claims_data.get("previous_insurer", "")),
    )

    quote_date = None
    if data.get("quote_date") is not None:
        try:
            quote_date = date.fromisoformat(str(data["quote_date"]))
        except ValueError:
            raise AnswersError(
                "quote_date", "error.invalid_date", value=str(data["quote_date"])
            ) from None

    options = data.get("extra_legal_options", [])
    if not isinstance(options, list):
        raise AnswersError("extra_legal_options", "error.required")
    return Answers(
        activity_code=str(data["activity_code"]),
        nace_version=str(data.get("nace_version", "2025")),
        insurance_year=_integer(data["insurance_year"], "insurance_year"),
        staff=staff,
        extra_legal_options=tuple(options),
        h24=h24,
        managers=tuple(managers),
        claims=claims,
        payment_frequency=data.get("payment_frequency", "annual"),
        broker_adjustment=_amount(data.get("broker_adjustment", "0"), "broker_adjustment"),
        quote_date=quote_date,
        tariff_version=data.get("tariff_version"),
    )
