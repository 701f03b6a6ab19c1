from __future__ import annotations

import pytest

from brokerdesk.lib.text import initials


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Pieter Peeters", "PP"),
        ("Sint-Niklaas", "SN"),
        ("Courtage Demo Bruxelles", "CD"),
        ("TPE Tool", "TT"),
        ("« Gent »", "G"),  # words that start with punctuation do not count
        ("", ""),
    ],
)
def test_initials_are_the_first_letters_of_the_first_two_words(name, expected):
    assert initials(name) == expected
