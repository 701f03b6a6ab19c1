"""The import ladder (README, "Layout") and the pure rating engine, as contracts that fail the
suite: see [tool.importlinter] in pyproject.toml."""

from __future__ import annotations

from pathlib import Path

from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_imports_only_go_down_the_ladder():
    # The report of a broken contract (which import climbs, at which line) is printed above.
    assert (
        lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
        == EXIT_STATUS_SUCCESS
    )
