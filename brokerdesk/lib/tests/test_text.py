from __future__ import annotations

import pytest

from brokerdesk.lib.text import fold, initials, reference_word


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


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("Sœurs Dupont", "SOEURS-DUPONT"),
        ("Œnologie & Cie", "OENOLOGIE-CIE"),
        ("Æ", "AE"),
        ("Brødrene Ærø", "BRODRENE-AERO"),
        ("Großbäckerei", "GROSSBACKEREI"),
        ("Façades Liégeoises", "FACADES-LIEGEOISES"),
        ("Łódź", "LODZ"),
        ("«»", "CLIENT"),
    ],
)
def test_references_fold_every_latin_letter(name, word):
    assert reference_word(name) == word


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Sœurs", "soeurs"), ("ŒNOLOGIE", "oenologie"), ("Æ", "ae"), ("ø", "o"), ("ß", "ss")],
)
def test_search_folds_every_latin_letter(text, folded):
    assert fold(text) == folded
