"""Message keys: every key the engine emits has a French template that renders with its values."""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path

from rating import MESSAGES, Message, format_message
from rating.messages import AMOUNT_PARAMS, format_value
from rating.models import CATEGORIES, OPTIONS, PAYMENT_FREQUENCIES

PACKAGE = Path(__file__).resolve().parent.parent


def _string_constants(pattern: str) -> set[str]:
    found = set()
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_text and re.fullmatch(pattern, node.value):
                found.add(node.value)
    return found


def test_it_has_a_template_for_every_key_the_code_uses():
    used = _string_constants(r"(explain|referral|error|line|section)\.[a-z_0-9]+")
    assert used
    assert used <= set(MESSAGES)


def test_it_labels_every_code_shown_to_users():
    codes = {f"category.{c}" for c in CATEGORIES} | {f"option.{o}" for o in OPTIONS}
    codes |= {f"frequency.{f}" for f in PAYMENT_FREQUENCIES}
    assert codes <= set(MESSAGES)


def test_it_renders_codes_through_their_labels_and_rates_as_percentages():
    line = Message("explain.option", {"option": "excess_wages", "premium": Decimal("25.00")})
    assert format_message(line) == "Excédent-loi (salaires au-delà du plafond légal) : 25.00 €"
    inami = Message("explain.inami", {"rate": Decimal("0.0320"), "amount": Decimal("90.21")})
    assert format_message(inami) == (
        "Cotisation INAMI de 3.20 % sur la prime nette légale = 90.21 €"
    )


def test_it_translates_through_the_given_function_and_formats_through_the_other():
    line = Message("explain.option", {"option": "excess_wages", "premium": Decimal("2500.00")})
    dutch = {
        MESSAGES["option.excess_wages"]: "Excedent",
        MESSAGES["explain.option"]: "%(option)s: %(premium)s",
    }

    def flemish(name: str, value: object) -> str:
        return f"€ {value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")

    translated = format_message(line, lambda text: dutch.get(text, text), flemish)
    assert translated == "Excedent: € 2.500,00"


def test_no_template_writes_the_currency_the_formatter_places():
    # "€" after an amount would read "€ 25,00 €" in Dutch, where the sign comes first.
    for key, template in MESSAGES.items():
        assert "€" not in template, key
    for name in re.findall(r"%\((\w+)\)s", " ".join(MESSAGES.values())):
        if name in AMOUNT_PARAMS:
            assert format_value(name, Decimal("1.00")) == "1.00 €"


def test_it_uses_the_manual_wording_for_the_wizard_steps():
    assert MESSAGES["section.legal"] == "Garantie légale"
    assert MESSAGES["section.extra_legal"] == "Garanties extra-légales"
    assert MESSAGES["section.h24"] == "24h-24h"
    assert MESSAGES["section.claims"] == "Historique sinistre"


def test_it_never_imports_django():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(name.split(".")[0] == "django" for name in names), path
