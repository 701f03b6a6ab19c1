"""Command line: ``python -m rating price answers.json [--json] [--tariff VERSION]``.

Prints the priced breakdown as a table (French reference labels) so that an insurer can check a
tariff by hand, or as JSON. Whatever the file holds, the answer is a breakdown (status 0) or one
line naming the file or the field at fault (status 2), never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from rating.answers import answers_from_dict
from rating.engine import price
from rating.explain import explain
from rating.messages import MESSAGES, format_message, format_value
from rating.models import AnswersError, Quote
from rating.tariff import TariffError, TariffNotFound, get_tariff

_WIDTH = 72


def _label(key: str) -> str:
    return MESSAGES[key]


def _amount(value: Decimal) -> str:
    return f"{value:,.2f} €".replace(",", " ")


def _row(label: str, value: str) -> str:
    return f"  {label:<{_WIDTH - 20}}{value:>18}"


def render_table(quote: Quote) -> str:
    legal = quote.legal
    rows = [
        f"Tarif {quote.tariff_version} · année {quote.insurance_year} · plafond "
        f"{_amount(quote.ceiling)} · NACE-BEL {quote.nace_version} {quote.activity_code} · "
        f"classe {quote.risk_class}",
        *([f"! {_label('line.indicative')}"] if quote.indicative else []),
        "",
        _label("section.legal"),
    ]
    for line in legal.categories:
        if not line.headcount:
            continue
        name = _label(f"category.{line.category}")
        if line.category == "apprentices":
            detail = f"{line.headcount} × {_amount(line.per_head)}"
        else:
            detail = f"{_amount(line.capped_payroll)} × {format_value('rate', line.rate)}"
        rows.append(_row(f"{name} ({line.headcount}) {detail}", _amount(line.legal_premium)))
    rows += [
        _row(_label("line.legal_before_factors"), _amount(legal.premium_before_factors)),
        _row(_label("line.size_factor"), f"× {legal.size_factor}"),
        _row(_label("line.claims_modifier"), f"× {legal.claims_modifier}"),
        _row(_label("line.broker_factor"), f"× {legal.broker_factor}"),
        _row(_label("line.legal_after_factors"), _amount(legal.premium_after_factors)),
        _row(
            _label("line.minimum_applied"),
            _label("line.yes") if legal.minimum_applied else _label("line.no"),
        ),
        _row(_label("line.legal_net"), _amount(legal.net_premium)),
        _row(
            f"{_label('line.inami')} {format_value('rate', legal.inami_rate)}",
            _amount(legal.inami_contribution),
        ),
    ]
    if legal.fedris_student_contribution:
        rows.append(
            _row(_label("line.fedris_students"), _amount(legal.fedris_student_contribution))
        )
    if quote.options:
        rows += ["", _label("section.extra_legal")]
        for option in quote.options:
            minimum = " (minimum)" if option.minimum_applied else ""
            rows.append(
                _row(f"{_label(f'option.{option.option}')}{minimum}", _amount(option.premium))
            )
    if quote.h24 is not None:
        rows += ["", f"{_label('section.h24')} {_label(f'h24_mode.{quote.h24.mode}')}"]
        for line in quote.h24.categories:
            rows.append(_row(_label(f"category.{line.category}"), _amount(line.premium)))
        minimum = " (minimum)" if quote.h24.minimum_applied else ""
        rows.append(_row(f"{_label('line.premium')}{minimum}", _amount(quote.h24.premium)))
    if quote.managers:
        rows += ["", _label("section.manager")]
        for manager in quote.managers:
            rows.append(
                _row(f"#{manager.index} × {manager.activity_factor}", _amount(manager.premium))
            )
        minimum = " (minimum)" if quote.manager_minimum_applied else ""
        rows.append(_row(f"{_label('line.premium')}{minimum}", _amount(quote.manager_premium)))
    rows += [
        "",
        _label("section.total"),
        _row(_label("line.legal_net"), _amount(legal.net_premium)),
        _row(
            _label("line.legal_charges"),
            _amount(legal.inami_contribution + legal.fedris_student_contribution),
        ),
        _row(_label("line.extra_legal_net"), _amount(quote.extra_legal_net)),
        _row(
            f"{_label('line.taxes')} {format_value('rate', quote.tax_rate)}", _amount(quote.taxes)
        ),
        _row(_label("line.policy_fee"), _amount(quote.policy_fee)),
        _row(
            f"{_label('line.surcharge')} ({_label(f'frequency.{quote.payment_frequency}')})",
            _amount(quote.surcharge),
        ),
        _row(_label("line.total_annual"), _amount(quote.total_annual)),
        _row(f"{_label('line.instalment')} (× {quote.instalments})", _amount(quote.instalment)),
    ]
    if quote.last_instalment != quote.instalment:
        rows.append(_row("  dernière échéance", _amount(quote.last_instalment)))
    rows += [
        "",
        _label("section.commission"),
        _row(_label("line.commission_legal"), _amount(quote.commission_legal)),
        _row(_label("line.commission_extra_legal"), _amount(quote.commission_extra_legal)),
    ]
    if quote.fedris_prevention_contribution:
        rows.append(
            _row(_label("line.fedris_prevention"), _amount(quote.fedris_prevention_contribution))
        )
    if quote.referrals:
        rows += ["", _label("section.referrals")]
        rows += [f"  ! {format_message(message)}" for message in quote.referrals]
    rows += ["", _label("section.explanations")]
    rows += [f"  - {format_message(message)}" for message in explain(quote)]
    return "\n".join(rows)


class Unreadable(Exception):
    """The answers file cannot be read as JSON; the message says why, in one line."""


def read_answers(name: str) -> Any:
    """The JSON value in a file, or on stdin for '-'. Amounts written as JSON numbers are read
    as Decimals, never through a float."""
    try:
        raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except FileNotFoundError:
        raise Unreadable("no such file") from None
    except (OSError, ValueError) as error:  # a directory, no permission, a NUL in the name
        raise Unreadable(f"cannot read: {getattr(error, 'strerror', None) or error}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Unreadable(f"not UTF-8 text (byte {error.start})") from None
    try:
        return json.loads(text, parse_float=Decimal)
    except RecursionError:
        raise Unreadable("invalid JSON: nested too deeply") from None
    except ValueError as error:  # bad syntax, or an integer of more digits than Python reads
        raise Unreadable(f"invalid JSON: {error}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m rating", description="Tool TPE rating engine (workers' compensation)."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    price_parser = commands.add_parser("price", help="price a JSON file of wizard answers")
    price_parser.add_argument("answers", help="answers JSON file ('-' for stdin)")
    price_parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    price_parser.add_argument("--tariff", help="tariff version (default: by quote date)")
    args = parser.parse_args(argv)

    try:
        tariff = get_tariff(version=args.tariff) if args.tariff else None
        quote = price(answers_from_dict(read_answers(args.answers)), tariff)
    except Unreadable as error:
        print(f"{args.answers}: {error}", file=sys.stderr)
        return 2
    except AnswersError as error:
        print(f"{error.field}: {format_message(error.message)}", file=sys.stderr)
        return 2
    except TariffNotFound as error:
        print(f"--tariff: {error}", file=sys.stderr)
        return 2
    except TariffError as error:
        print(str(error), file=sys.stderr)
        return 2
    if args.json:
        data = {**quote.to_dict(), "explanations": [line.to_dict() for line in explain(quote)]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_table(quote))
    return 0


if __name__ == "__main__":
    sys.exit(main())
