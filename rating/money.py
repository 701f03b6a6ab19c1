"""Money helpers: the engine's single rounding rule and strict conversion to Decimal."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def round_cents(value: Decimal) -> Decimal:
    """Round to the cent, half away from zero: the only rounding the engine does."""
    return value.quantize(CENT, ROUND_HALF_UP)


def to_decimal(value: object) -> Decimal:
    """Convert a str, int or Decimal to Decimal; refuse floats so binary fractions never leak in."""
    if isinstance(value, bool | float):
        raise TypeError(f"expected a decimal amount as a string, got {value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip().replace(" ", ""))
        except InvalidOperation:
            raise ValueError(f"not a decimal amount: {value!r}") from None
    else:
        raise TypeError(f"expected a decimal amount, got {value!r}")
    if not result.is_finite():
        raise ValueError(f"not a finite amount: {value!r}")
    return result
