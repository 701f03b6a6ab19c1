"""``python -m rating price answers.json`` for insurers checking a tariff by hand.

Whatever the file holds, the command prints a breakdown (status 0) or one line naming the file
or the field at fault (status 2), never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rating.__main__ import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "answers.json"
EXAMPLE_DATA = json.loads(EXAMPLE.read_text("utf-8"))


def _run(content: bytes | str, *options: str) -> tuple[int, str, str]:
    """Run the command on a file holding the content: (status, stdout, stderr)."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    out, err = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "answers.json"
        path.write_bytes(raw)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["price", str(path), *options])
    return status, out.getvalue(), err.getvalue()


def _refused(content: bytes | str) -> str:
    """The one line of a refusal."""
    status, out, err = _run(content)
    assert (status, out) == (2, "")
    assert err.endswith("\n") and err.count("\n") == 1, err
    return err.strip()


def test_it_prints_the_breakdown_as_a_table(capsys):
    assert main(["price", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Garantie légale" in out
    assert "Garanties extra-légales" in out
    assert "24h-24h" in out
    assert "2 818.97 €" in out
    assert "3 837.81 €" in out
    assert "Tarif indicatif" not in out  # 2024: its ceiling and INAMI rate are published


def test_it_prints_json(capsys):
    assert main(["price", str(EXAMPLE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total_annual"] == "3837.81"
    assert data["legal"]["net_premium"] == "2818.97"
    assert data["explanations"][0]["key"] == "explain.tariff"
    assert (data["is_referred"], data["indicative"], data["assumed_figures"]) == (False, False, [])


def test_it_marks_a_quote_on_assumed_legal_figures_as_indicative():
    status, out, _err = _run(json.dumps({**EXAMPLE_DATA, "insurance_year": 2026}))
    assert status == 0
    assert "Tarif indicatif — paramètres légaux non confirmés" in out
    assert "Plafond légal 2026 de 56900.00 € : hypothèse" in out
    assert "Cotisation INAMI 2026 de 3.20 % : hypothèse" in out


def test_it_reads_stdin():
    command = [sys.executable, "-m", "rating", "price", "-", "--json"]
    done = subprocess.run(command, input=EXAMPLE.read_bytes(), capture_output=True, check=False)
    assert done.returncode == 0
    assert json.loads(done.stdout)["total_annual"] == "3837.81"


def test_it_reports_bad_answers_without_a_traceback():
    line = _refused('{"activity_code": "47.110", "insurance_year": 1990}')
    assert line.startswith("insurance_year: ")


def test_it_reports_an_unknown_tariff_version(capsys):
    assert main(["price", str(EXAMPLE), "--tariff", "TPE-AT-1999.1"]) == 2
    assert capsys.readouterr().err.startswith("--tariff: unknown tariff version 'TPE-AT-1999.1'")


def test_it_reports_a_missing_file_and_a_directory(tmp_path, capsys):
    assert main(["price", str(tmp_path / "absent.json")]) == 2
    assert capsys.readouterr().err == f"{tmp_path / 'absent.json'}: no such file\n"
    assert main(["price", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith(f"{tmp_path}: cannot read")


@pytest.mark.parametrize(
    ("content", "start"),
    [
        (b"\xff\xfe{}", "not UTF-8 text"),
        ("[" * 100_000 + "]" * 100_000, "invalid JSON: nested too deeply"),
        ('{"activity_code": ', "invalid JSON: "),
        ('{"insurance_year": 1' + "0" * 5000 + "}", "invalid JSON: "),
        ("", "invalid JSON: "),
    ],
)
def test_it_reports_an_unreadable_file_in_one_line(content, start):
    line = _refused(content)
    assert line.split(": ", 1)[1].startswith(start)


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ([EXAMPLE_DATA], "answers"),
        ({**EXAMPLE_DATA, "staff": [1, 2]}, "staff"),
        ({**EXAMPLE_DATA, "insurance_year": 10**26}, "insurance_year"),
        ({**EXAMPLE_DATA, "staff": {"employees": {"wages": [10**26]}}}, "staff.employees.wages.0"),
        ({**EXAMPLE_DATA, "activity_code": "43.410", "nace_version": "2008"}, "activity_code"),
        ({**EXAMPLE_DATA, "activity_code": "47.1"}, "activity_code"),
        ({**EXAMPLE_DATA, "claims": {"previous_insurer": [[[[[[[[["x"]]]]]]]]]}}, "claims"),
        ({**EXAMPLE_DATA, "quote_date": "2001-01-01"}, "quote_date"),
    ],
)
def test_it_names_the_field_of_malformed_answers(answers, field):
    assert _refused(json.dumps(answers)).startswith(f"{field}")


# Junk: any JSON value, with the numbers and nesting that broke the engine before.
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**25, max_value=10**40)
    | st.floats()
    | st.decimals(allow_nan=False).map(str)
    | st.text(max_size=12)
    | st.sampled_from(["47.110", "2026", "employees", "excess_wages", "1e999999", "-1", ""])
)
_JSON = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in the example answers, and a few optional keys it leaves out."""
    paths = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            paths += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            paths += _paths(item, (*prefix, index))
    return paths


PATHS = [
    *_paths(EXAMPLE_DATA),
    ("managers",),
    ("tariff_version",),
    ("staff", "workers", "headcount"),
    ("staff", "workers", "total_wages"),
    ("staff", "workers", "wages_above_ceiling"),
    ("staff", "students"),
    ("claims", "years"),
]
# A valid but different answer can make another field wrong: the activity code is read in the
# NACE-BEL version given.
DEPENDS = {"nace_version": "activity_code"}


def _with(data: Any, path: tuple, junk: Any) -> Any:
    """A copy of the data with the value at path (added if missing) replaced by junk."""
    if not path:
        return junk
    head, rest = path[0], path[1:]
    copy = list(data) if isinstance(data, list) else dict(data)
    inner = copy[head] if isinstance(copy, list) else copy.get(head, {})
    copy[head] = _with(inner, rest, junk)
    return copy


def _check(status: int, out: str, err: str) -> None:
    if status == 0:
        assert out and not err
    else:
        assert (status, out) == (2, "")
        assert err.count("\n") == 1 and err.endswith("\n"), err
        assert re.match(r"\S.*?: \S", err), err  # names the file or the field


JUNK = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@JUNK
@given(st.binary(max_size=200))
def test_it_answers_any_bytes(content):
    _check(*_run(content))


@JUNK
@given(_JSON)
def test_it_answers_any_json(value):
    _check(*_run(json.dumps(value)))


@JUNK
@given(st.sampled_from(PATHS), _JSON)
def test_it_answers_the_example_with_junk_anywhere(path, junk):
    status, out, err = _run(json.dumps(_with(EXAMPLE_DATA, path, junk)))
    _check(status, out, err)
    if status == 2:
        field = err.split(":", 1)[0]
        assert field.split(".")[0] in {path[0], DEPENDS.get(path[0])}, (path, err)
