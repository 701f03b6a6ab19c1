"""``python -m rating price answers.json`` for insurers checking a tariff by hand."""

from __future__ import annotations

import json
from pathlib import Path

from rating.__main__ import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "answers.json"


def test_it_prints_the_breakdown_as_a_table(capsys):
    assert main(["price", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Garantie légale" in out
    assert "Garanties extra-légales" in out
    assert "24h-24h" in out
    assert "2 818.97 €" in out
    assert "3 837.81 €" in out


def test_it_prints_json(capsys):
    assert main(["price", str(EXAMPLE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total_annual"] == "3837.81"
    assert data["legal"]["net_premium"] == "2818.97"
    assert data["explanations"][0]["key"] == "explain.tariff"
    assert data["is_referred"] is False


def test_it_reports_bad_answers_without_a_traceback(tmp_path, capsys):
    path = tmp_path / "answers.json"
    path.write_text('{"activity_code": "47.110", "insurance_year": 1990}', "utf-8")
    assert main(["price", str(path)]) == 2
    assert "insurance_year" in capsys.readouterr().err


def test_it_reports_an_unknown_tariff_version(capsys):
    assert main(["price", str(EXAMPLE), "--tariff", "TPE-AT-1999.1"]) == 2
    assert "TPE-AT-1999.1" in capsys.readouterr().err
