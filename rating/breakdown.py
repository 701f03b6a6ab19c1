"""Read a stored breakdown (``Quote.to_dict()``) back as the typed Quote it was written from.

The web app stores each priced quote's breakdown as JSON; the result page, the offer PDF and the
API read it through ``quote_from_dict`` rather than picking string keys out of the JSON.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from rating.models import Message, Quote
from rating.tariff import TariffNotFound, get_tariff


def quote_from_dict(data: Mapping[str, Any]) -> Quote:
    """The typed Quote of a stored breakdown, including those stored by earlier versions.

    Breakdowns stored before quotes recorded their assumed legal figures have no
    ``assumed_figures``: they were priced on their tariff version's figures for their insurance
    year, which a version never changes, so those figures' assumptions are read from it. A
    version no longer installed cannot tell: the quote is then not marked indicative.
    """
    quote = _read(Quote, data)
    if "assumed_figures" not in data:
        try:
            year = get_tariff(version=quote.tariff_version).legal_years.get(quote.insurance_year)
        except TariffNotFound:
            year = None
        if year is not None:
            quote = dataclasses.replace(quote, assumed_figures=year.priced_assumptions)
    return quote


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _read(cls: type, data: Mapping[str, Any]) -> Any:
    """A dataclass from its plain form; a missing field takes its default."""
    hints = _hints(cls)
    values = {
        field.name: _value(hints[field.name], data[field.name])
        for field in dataclasses.fields(cls)
        if field.name in data
    }
    return cls(**values)


def _value(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin is types.UnionType:  # X | None
        (hint,) = (arg for arg in typing.get_args(hint) if arg is not type(None))
        return _value(hint, value)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_value(item, element) for element in value)
    if hint is Decimal:
        return Decimal(value)
    if hint is Message:
        return Message.from_dict(value)
    if dataclasses.is_dataclass(hint):
        return _read(hint, value)
    return value
