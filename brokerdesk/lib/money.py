"""Amounts as people read them: "3 847,92 €" in French, "€ 3.847,92" style left to the locale."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format


def euros(amount: Decimal | str | None) -> str:
    if amount in (None, ""):
        return ""
    value = Decimal(str(amount))
    return f"{number_format(value, 2, use_l10n=True, force_grouping=True)}\u00a0€"
