"""Content-Security-Policy violation reports, in both formats browsers send."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest

from brokerdesk.lib.text import clean_text
from brokerdesk.operations.models import CspReport

# A report is a few hundred bytes; anything larger is not a browser's report.
MAX_REPORT_BYTES = 16 * 1024
MAX_REPORTS_PER_POST = 20


class BadReport(ValueError):
    pass


def read_reports(request: HttpRequest) -> list[dict[str, Any]]:
    """The violations of a POST: `application/csp-report` (report-uri) holds one under
    "csp-report"; `application/reports+json` (report-to) a list of typed reports."""
    if int(request.headers.get("Content-Length") or 0) > MAX_REPORT_BYTES:
        raise BadReport("too large")
    try:
        data = json.loads(request.read(MAX_REPORT_BYTES + 1)[:MAX_REPORT_BYTES])
    except (ValueError, RecursionError) as error:
        raise BadReport("not JSON") from error
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        return [data["csp-report"]]
    if isinstance(data, list):
        return [
            r["body"]
            for r in data[:MAX_REPORTS_PER_POST]
            if isinstance(r, dict)
            and r.get("type") == "csp-violation"
            and isinstance(r.get("body"), dict)
        ]
    raise BadReport("not a CSP report")


def store(reports: list[dict[str, Any]], user_agent: str) -> int:
    rows = [
        CspReport(
            document_uri=_text(r, "document-uri", "documentURL"),
            blocked_uri=_text(r, "blocked-uri", "blockedURL"),
            directive=_text(r, "effective-directive", "effectiveDirective", "violated-directive")[
                :100
            ],
            source_file=_text(r, "source-file", "sourceFile"),
            line_number=_line(r.get("line-number", r.get("lineNumber"))),
            user_agent=clean_text(user_agent, max_length=300),
        )
        for r in reports
    ]
    CspReport.objects.bulk_create(rows)
    return len(rows)


def _text(report: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = report.get(key)
        if isinstance(value, str):
            # Query strings may carry personal data: keep the address up to "?".
            return clean_text(value.split("?", 1)[0], max_length=500)
    return ""


def _line(value: Any) -> int | None:
    return value if isinstance(value, int) and 0 <= value < 2**31 else None
