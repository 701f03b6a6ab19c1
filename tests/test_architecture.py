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


def test_every_form_holds_input_to_the_same_rules():
    """Input hygiene lives in one place (lib/text.py, applied by SafeInputForm): a form that
    skipped it would let NUL, control characters or unbounded text reach the database."""
    import importlib
    import pkgutil

    from django import forms

    import brokerdesk
    from brokerdesk.lib.formfields import SafeInputForm

    for module in pkgutil.walk_packages(brokerdesk.__path__, "brokerdesk."):
        if module.name.endswith((".forms", ".views", ".formfields")):
            importlib.import_module(module.name)

    def subclasses(cls: type) -> list[type]:
        return [cls, *(s for sub in cls.__subclasses__() for s in subclasses(sub))]

    ours = [
        form
        for form in subclasses(forms.BaseForm)
        if form.__module__.startswith("brokerdesk.") and not form.__module__.endswith(".admin")
    ]
    assert len(ours) > 20
    assert [form for form in ours if not issubclass(form, SafeInputForm)] == []
