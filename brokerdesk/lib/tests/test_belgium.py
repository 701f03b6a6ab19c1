from __future__ import annotations

import pytest

from brokerdesk.lib.belgium import (
    format_enterprise_number,
    format_phone,
    municipality,
    normalise_enterprise_number,
    parse_phone,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("BE0403019261", "0403019261"),
        ("0403.019.261", "0403019261"),
        ("BE 0403 019 261", "0403019261"),
        ("be0403019261", "0403019261"),
        ("1000000021", "1000000021"),
    ],
)
def test_it_normalises_valid_enterprise_numbers(typed, stored):
    assert normalise_enterprise_number(typed) == stored
    assert format_enterprise_number(stored) == f"BE{stored}"


@pytest.mark.parametrize("typed", ["BE0403019262", "BE2403019261", "12345", "", "BE04030192610"])
def test_it_rejects_enterprise_numbers_failing_mod_97(typed):
    assert normalise_enterprise_number(typed) is None


def test_it_names_municipalities_in_french_or_dutch():
    assert municipality("1000", "fr") == "Bruxelles"
    assert municipality("1000", "nl") == "Brussel"
    assert municipality("1000", "en") == "Bruxelles"
    assert municipality("9999", "fr") is None


@pytest.mark.parametrize(
    ("typed", "e164", "shown"),
    [
        ("0470 12 34 56", "+32470123456", "0470 12 34 56"),
        ("+32 2 217 11 11", "+3222171111", "02 217 11 11"),
        ("0033 1 42 68 53 00", "+33142685300", "+33 1 42 68 53 00"),
        # The manual's example: a possible Belgian mobile number, in a range not allocated yet.
        ("0412 34 56 78", "+32412345678", "0412 34 56 78"),
        ("+32 (0)412/34.56.78", "+32412345678", "0412 34 56 78"),
    ],
)
def test_it_stores_phones_in_e164_and_shows_them_nationally(typed, e164, shown):
    assert parse_phone(typed) == e164
    assert format_phone(e164) == shown


@pytest.mark.parametrize("typed", ["12", "abc", "0470", "0470 12 34 56 78", "+33 1 23"])
def test_it_rejects_invalid_phones(typed):
    assert parse_phone(typed) is None
