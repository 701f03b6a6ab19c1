"""The "Exporter" of the "Demandes" list: its filtered rows as CSV or XLSX.

An office may hold a hundred thousand quotes: rows are read in chunks from the database
(.values_list(...).iterator()) and written as they come, never held in a list. The CSV
streams straight to the browser; the XLSX is written by openpyxl's write-only workbook into a
temporary file (a zip must be finished before it is sent), then sent from that file.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from django.db.models import QuerySet
from django.db.models.fields.json import KT
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from brokerdesk.lib.belgium import format_enterprise_number
from brokerdesk.quotes.models import Quote

CHUNK_SIZE = 2000
# About ten seconds of openpyxl on one core (bench/export.py: 10,000 rows in 3 s).
XLSX_MAX_ROWS = 30_000


def _columns() -> list[str]:
    return [
        _("Référence"),
        _("Client"),
        _("Numéro d'entreprise"),
        _("Activité (NACE)"),
        _("Créé le"),
        _("Intermédiaire"),
        _("Produit"),
        _("Statut"),
        _("Prime annuelle"),
    ]


def _fields() -> tuple[str | KT, ...]:
    language = (get_language() or "fr")[:2]
    return (
        "reference",
        "client_name",
        "client__name",
        "client__enterprise_number",
        # As text (->>): read as JSON, SQLite would give "47.110" back as a number.
        KT("answers__activity__enterprise_number"),
        "client__activity_code",
        KT("answers__activity__activity_code"),
        "created_at",
        "created_by__first_name",
        "created_by__last_name",
        "created_by__erased_at",
        f"product__name_{language}",
        "product__name_fr",
        "status",
        "total_annual",
    )


def rows(quotes: QuerySet[Quote]) -> Iterator[list[Any]]:
    """The export's rows, read from the database CHUNK_SIZE at a time."""
    statuses = {value: str(label) for value, label in Quote.Status.choices}  # translated once
    former = _("Ancien collaborateur")
    values = quotes.values_list(*_fields()).iterator(chunk_size=CHUNK_SIZE)
    for (
        reference,
        client_name,
        client_record_name,
        client_number,
        typed_number,
        client_code,
        typed_code,
        created_at,
        first_name,
        last_name,
        erased_at,
        product_name,
        product_name_fr,
        status,
        total,
    ) in values:
        yield [
            reference,
            client_record_name or client_name,
            format_enterprise_number(client_number or _text(typed_number)),
            client_code or _text(typed_code),
            timezone.localtime(created_at).replace(tzinfo=None, microsecond=0),
            former if erased_at else f"{first_name} {last_name}".strip(),
            product_name or product_name_fr,
            statuses.get(status, status),
            total,
        ]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


class _Echo:
    """A file-like object whose write() returns the line csv wrote, to stream it."""

    def write(self, value: str) -> str:
        return value


def csv_lines(quotes: QuerySet[Quote]) -> Iterator[str]:
    """The CSV, line by line (with a BOM, so that spreadsheet programs read it as UTF-8)."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(_columns())
    for row in rows(quotes):
        created = row[4].strftime("%Y-%m-%d %H:%M")
        total = "" if row[8] is None else str(row[8])
        yield writer.writerow([_cell(value) for value in [*row[:4], created, *row[5:8], total]])


def _cell(value: Any) -> Any:
    # A text starting with = + - @ would be run as a formula by the spreadsheet program
    # (a client named "=HYPERLINK(...)"): it is kept as text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def xlsx_file(quotes: QuerySet[Quote]) -> IO[bytes]:
    """The workbook in a temporary file, rewound; it is deleted once closed."""
    from openpyxl import Workbook  # only the export needs it: keep it out of start-up

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Demandes"))
    sheet.append(_columns())
    for row in rows(quotes):
        sheet.append([_cell(value) for value in row])
    output = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it once sent)
    workbook.save(output)
    output.seek(0)
    return output
