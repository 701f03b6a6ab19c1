"""Tariff files: strict validation on load, version selection by effective date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from rating import TariffError, TariffNotFound
from rating.tariff import (
    TARIFF_DIR,
    available_tariffs,
    get_tariff,
    load_tariff,
    parse_tariff,
    validate_tariff,
)

DEFAULT = TARIFF_DIR / "TPE-AT-2026.1.toml"


def _text() -> str:
    return DEFAULT.read_text("utf-8")


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def test_it_loads_every_shipped_tariff():
    tariffs = available_tariffs()
    assert [tariff.version for tariff in tariffs] == sorted(
        p.stem for p in TARIFF_DIR.glob("*.toml")
    )
    assert "TPE-AT-2026.1" in {tariff.version for tariff in tariffs}


def test_it_reads_every_figure_as_a_decimal():
    tariff = get_tariff(version="TPE-AT-2026.1")
    assert tariff.legal_years[2024].ceiling == Decimal("54743.48")
    assert tariff.legal_years[2024].inami_rate == Decimal("0.0320")
    assert tariff.charges.ipt_extra_legal_rate == Decimal("0.0925")
    assert isinstance(tariff.size_bands[0].factor, Decimal)
    assert tariff.effective_from == date(2026, 1, 1)


def test_it_keeps_a_source_for_every_legal_year():
    tariff = get_tariff(version="TPE-AT-2026.1")
    assert all(year.source for year in tariff.legal_years.values())
    assert tariff.legal_years[2020].assumed == ()
    assert tariff.legal_years[2024].priced_assumptions == ()  # only the apprentice minimum
    assert tariff.legal_years[2026].priced_assumptions == ("ceiling", "inami_rate")


def test_it_rejects_a_typo_naming_the_key():
    text = _replace_once(_text(), "ceiling = 54743.48", "celing = 54743.48")
    with pytest.raises(TariffError) as error:
        parse_tariff(text, "typo.toml")
    message = str(error.value)
    assert "typo.toml" in message
    assert "legal_years.2024.ceiling" in message
    assert "legal_years.2024.celing" in message


def test_it_rejects_an_unknown_key_naming_it():
    text = _replace_once(_text(), "policy_fee = 0.00", "policy_fee = 0.00\npolicy_fees = 5.00")
    with pytest.raises(
        TariffError, match=r"unknown key 'charges\.policy_fees'.*charges\.policy_fee"
    ):
        parse_tariff(text)


def test_it_rejects_a_missing_key_naming_it():
    text = _replace_once(_text(), "ipt_extra_legal_rate = 0.0925\n", "")
    with pytest.raises(TariffError, match=r"missing key 'charges\.ipt_extra_legal_rate'"):
        parse_tariff(text)


def test_it_rejects_a_missing_option():
    text = _replace_once(
        _text(), '[options.missions_abroad]\nmode = "flat"', '[options.other]\nmode = "flat"'
    )
    with pytest.raises(TariffError, match=r"options\.missions_abroad"):
        parse_tariff(text)


def test_it_rejects_a_value_of_the_wrong_type():
    text = _replace_once(_text(), "inami_rate = 0.0320", 'inami_rate = "3.20 %"')
    with pytest.raises(TariffError, match=r"'legal_years\.2024\.inami_rate' must be a number"):
        parse_tariff(text)


def test_it_rejects_an_out_of_range_rate():
    text = _replace_once(_text(), "ipt_extra_legal_rate = 0.0925", "ipt_extra_legal_rate = 9.25")
    with pytest.raises(TariffError, match=r"charges\.ipt_extra_legal_rate.*between"):
        parse_tariff(text)


def test_it_rejects_a_class_map_pointing_to_an_undefined_class():
    text = _replace_once(_text(), '"43.11" = 6', '"43.11" = 7')
    with pytest.raises(TariffError, match="undefined class 7"):
        parse_tariff(text)


def test_it_rejects_a_malformed_override_code():
    text = _replace_once(_text(), '"43.11" = 6', '"4311" = 6')
    with pytest.raises(TariffError, match=r"nace\.2008\.overrides\.4311"):
        parse_tariff(text)


def test_it_rejects_invalid_toml():
    with pytest.raises(TariffError, match="not valid TOML"):
        parse_tariff("[tariff\nversion = 1", "broken.toml")


def test_it_rejects_a_file_named_differently_from_its_version(tmp_path: Path):
    path = tmp_path / "TPE-AT-2099.1.toml"
    path.write_text(_text(), "utf-8")
    with pytest.raises(TariffError, match=r"tariff\.version"):
        load_tariff(path)


def _versions(tmp_path: Path) -> Path:
    later = _replace_once(_text(), 'version = "TPE-AT-2026.1"', 'version = "TPE-AT-2026.2"')
    later = _replace_once(later, "effective_from = 2026-01-01", "effective_from = 2026-07-01")
    (tmp_path / "TPE-AT-2026.1.toml").write_text(_text(), "utf-8")
    (tmp_path / "TPE-AT-2026.2.toml").write_text(later, "utf-8")
    return tmp_path


def test_it_picks_the_version_in_force_on_the_quote_date(tmp_path: Path):
    directory = _versions(tmp_path)
    assert get_tariff(date(2026, 1, 1), directory=directory).version == "TPE-AT-2026.1"
    assert get_tariff(date(2026, 6, 30), directory=directory).version == "TPE-AT-2026.1"
    assert get_tariff(date(2026, 7, 1), directory=directory).version == "TPE-AT-2026.2"
    assert get_tariff(date(2030, 1, 1), directory=directory).version == "TPE-AT-2026.2"


def test_it_uses_a_named_version_whatever_the_date(tmp_path: Path):
    directory = _versions(tmp_path)
    tariff = get_tariff(date(2030, 1, 1), version="TPE-AT-2026.1", directory=directory)
    assert tariff.version == "TPE-AT-2026.1"


def test_it_refuses_a_date_before_every_version_and_an_unknown_name(tmp_path: Path):
    directory = _versions(tmp_path)
    with pytest.raises(TariffNotFound):
        get_tariff(date(2025, 12, 31), directory=directory)
    with pytest.raises(TariffNotFound):
        get_tariff(version="TPE-AT-1999.1", directory=directory)


def test_it_rejects_two_versions_with_the_same_effective_date(tmp_path: Path):
    same = _replace_once(_text(), 'version = "TPE-AT-2026.1"', 'version = "TPE-AT-2026.2"')
    (tmp_path / "TPE-AT-2026.1.toml").write_text(_text(), "utf-8")
    (tmp_path / "TPE-AT-2026.2.toml").write_text(same, "utf-8")
    with pytest.raises(TariffError, match="same effective_from"):
        available_tariffs(tmp_path)


def test_it_loads_each_file_once():
    assert load_tariff(DEFAULT) is load_tariff(DEFAULT)
    assert get_tariff(version="TPE-AT-2026.1") is get_tariff(version="TPE-AT-2026.1")


def test_validation_lists_every_problem_with_its_key_and_line():
    text = _text()
    text = _replace_once(text, "ceiling = 54743.48", "celing = 54743.48")
    text = _replace_once(text, "policy_fee = 0.00", 'policy_fee = "free"')
    text = _replace_once(text, "ipt_extra_legal_rate = 0.0925\n", "")
    tariff, problems = validate_tariff(text, "three.toml")
    assert tariff is None
    found = {p.key: p for p in problems}
    assert set(found) == {
        "legal_years.2024.ceiling",
        "legal_years.2024.celing",
        "charges.policy_fee",
        "charges.ipt_extra_legal_rate",
    }
    lines = text.splitlines()
    assert lines[found["legal_years.2024.celing"].line - 1].startswith("celing")
    assert lines[found["charges.policy_fee"].line - 1].startswith("policy_fee")
    # A missing key is shown at the start of its table.
    assert lines[found["charges.ipt_extra_legal_rate"].line - 1] == "[charges]"


def test_validation_of_a_good_file_finds_nothing():
    tariff, problems = validate_tariff(_text())
    assert problems == [] and tariff.version == "TPE-AT-2026.1"


def test_a_toml_syntax_error_gives_its_line():
    tariff, [problem] = validate_tariff("[tariff]\nversion = 'x'\nbroken =\n")
    assert tariff is None and problem.line == 3 and "not valid TOML" in problem.message
