"""NACE-BEL code lists and the tariff's activity → risk class map."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rating import Answers, AnswersError, Staff, StaffGroup, format_message, get_tariff, price
from rating.nace import (
    ACTIVITY_LEVELS,
    EVERYDAY_WORDS,
    activity,
    everyday_words,
    nace_code,
    nace_codes,
    nace_label,
    normalize_code,
    risk_class,
    search_activities,
)

TARIFF = get_tariff(version="TPE-AT-2026.1")


@pytest.mark.parametrize("version", ["2025", "2008"])
def test_it_classifies_every_code_of_the_list(version):
    codes = nace_codes(version)
    assert len(codes) > 3000
    unclassified = [item.code for item in codes if TARIFF.classify(item.code, version) is None]
    assert unclassified == []
    classes = {TARIFF.classify(item.code, version)[0] for item in codes}
    assert classes == set(TARIFF.risk_classes)


@pytest.mark.parametrize("version", ["2025", "2008"])
def test_it_maps_only_codes_that_exist(version):
    # A rule for a code that is not in the list would be a typo silently doing nothing.
    nace_map = TARIFF.nace[version]
    existing = {normalize_code(item.code) for item in nace_codes(version)}
    assert set(nace_map.overrides) <= existing
    assert set(nace_map.divisions) == {
        normalize_code(item.code) for item in nace_codes(version) if item.level == "division"
    }
    assert set(nace_map.sections) == {
        item.code for item in nace_codes(version) if item.level == "section"
    }


@pytest.mark.parametrize(
    ("code", "version", "expected"),
    [
        ("62.100", "2025", 1),  # computer programming
        ("71.111", "2025", 2),  # architects
        ("47.110", "2025", 3),  # retail
        ("81.210", "2025", 4),  # cleaning
        ("41.001", "2025", 5),  # construction
        ("43.110", "2025", 6),  # demolition (override)
        ("43.41002", "2025", 6),  # roofing, 7-digit code under the 43.41 override
        ("43.99003", "2025", 6),  # scaffolding (7-digit override)
        ("43.99001", "2025", 5),  # its sibling keeps the division's class
        ("84.300", "2025", 1),  # social security
        ("95.310", "2025", 4),  # car repair, 45.2 in 2008
        ("45.201", "2008", 4),
        ("45.111", "2008", 3),
        ("43.91002", "2008", 6),
        ("A", "2025", 6),
        ("K", "2025", 1),
    ],
)
def test_it_gives_the_expected_class(code, version, expected):
    assert risk_class(code, version, TARIFF) == expected


def test_it_accepts_any_spelling_of_a_code():
    assert risk_class("47110", "2025", TARIFF) == risk_class(" 47.110 ", "2025", TARIFF)
    assert nace_code("47110", "2025").code == "47.110"


def test_it_returns_none_for_a_code_outside_every_rule():
    assert risk_class("00.000", "2025", TARIFF) is None
    assert risk_class("hello", "2025", TARIFF) is None
    assert risk_class("45.201", "2025", TARIFF) is None  # division 45 does not exist in 2025


def test_it_labels_codes_in_each_language():
    assert nace_label("47.110", "2025", "fr").startswith("Commerce de détail")
    assert nace_label("47.110", "2025", "nl")
    assert nace_label("47.110", "2025", "en")
    assert nace_label("99.999", "2025") is None


def test_it_searches_by_words_without_accents_and_by_code():
    by_words = search_activities("batiments residentiels", "2025", "fr")
    assert "41.001" in [item.code for item in by_words]
    by_code = search_activities("47.11", "2025")
    assert by_code
    assert all(item.code.startswith("47.11") for item in by_code)
    assert all(item.level in ("subclass", "detail") for item in by_code)
    assert search_activities("", "2025") == []


def codes(query: str, language: str = "fr") -> list[str]:
    return [item.code for item in search_activities(query, "2025", language)]


def test_the_activities_a_broker_means_come_first():
    # "boulangerie" is in neither 10.712's label nor 10.711's: the everyday words find them.
    assert codes("boulangerie")[:3] == ["10.712", "10.711", "47.241"]
    assert codes("Boulang")[:2] == ["10.712", "10.711"]
    assert codes("coiffeur")[0] == "96.210"
    assert codes("pain")[0] == "47.241"  # a whole word before a word's beginning ("painter")


def test_it_finds_french_and_dutch_words_whatever_the_language():
    assert codes("bakkerij", "fr")[:2] == ["10.712", "10.711"]
    assert codes("boulangerie", "nl")[:2] == ["10.712", "10.711"]
    assert "47.230" in codes("vis en schaal", "fr")  # the Dutch label, in the French interface
    assert codes("kapper", "en")[0] == "96.210"


def test_it_folds_every_latin_letter():
    assert "01.472" in codes("oeufs")  # the label says "œufs"
    assert "78.100" in codes("main-d'oeuvre")


def test_every_everyday_word_names_an_activity_an_employer_registers():
    for code, words in EVERYDAY_WORDS.items():
        assert nace_code(code, "2025").level in ACTIVITY_LEVELS, code
        assert words == words.lower() and words.isascii(), code
        assert everyday_words(code.replace(".", "")) == words
    assert everyday_words("10.712", "2008") == ""


def test_it_refuses_an_unknown_nace_version():
    with pytest.raises(ValueError):
        nace_codes("2003")


def _answers(code: str, version: str) -> Answers:
    return Answers(
        activity_code=code,
        nace_version=version,
        insurance_year=2024,
        staff=Staff(employees=StaffGroup(wages=(Decimal("30000"),))),
    )


@pytest.mark.parametrize("version", ["2025", "2008"])
def test_it_prices_every_activity_in_its_class_and_refuses_every_family(version):
    for item in nace_codes(version):
        if item.level in ACTIVITY_LEVELS:
            quote = price(_answers(item.code, version), TARIFF)
            risk = TARIFF.classify(item.code, version)[0]
            assert quote.risk_class == risk, item.code
            referred = "referral.activity_class" in [m.key for m in quote.referrals]
            assert referred == TARIFF.risk_classes[risk].refer, item.code
        else:
            with pytest.raises(AnswersError) as error:
                price(_answers(item.code, version), TARIFF)
            assert (error.value.field, error.value.message.key) == (
                "activity_code",
                "error.activity_too_vague",
            )


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12) | st.from_regex(r"\d\d\.\d{1,5}", fullmatch=True))
def test_it_refuses_any_string_that_is_not_an_activity(text):
    for version in ("2025", "2008"):
        found = nace_code(text, version) if text.strip() else None
        try:
            quote = price(_answers(text, version), TARIFF)
        except AnswersError as error:
            assert error.field == "activity_code"
            assert found is None or found.level not in ACTIVITY_LEVELS
        else:
            assert found is not None and found.level in ACTIVITY_LEVELS
            assert quote.activity_code == found.code


@pytest.mark.parametrize(
    ("code", "version", "key"),
    [
        ("G", "2025", "error.activity_too_vague"),  # a section
        ("47", "2025", "error.activity_too_vague"),  # a division
        ("47.1", "2025", "error.activity_too_vague"),  # a group
        ("47.11", "2025", "error.activity_too_vague"),  # a class: its subclasses differ
        ("99.999", "2025", "error.unknown_activity"),
        ("12.345", "2008", "error.unknown_activity"),
        ("43.410", "2008", "error.activity_other_version"),  # roofing, a 2025 code
        ("45.201", "2025", "error.activity_other_version"),  # car repair, a 2008 code
    ],
)
def test_it_refuses_an_activity_naming_the_field(code, version, key):
    with pytest.raises(AnswersError) as error:
        activity(code, version)
    assert (error.value.field, error.value.message.key) == ("activity_code", key)
    assert code in format_message(error.value.message)


def test_it_prices_roofing_in_its_own_class_in_each_version():
    # Roofing is 43.410 in NACE-BEL 2025 and 43.910 in 2008: both are referred (class 6).
    assert price(_answers("43410", "2025"), TARIFF).risk_class == 6
    assert price(_answers("43.910", "2008"), TARIFF).risk_class == 6
    assert price(_answers("43410", "2025"), TARIFF).activity_code == "43.410"
