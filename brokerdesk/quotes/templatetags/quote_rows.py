"""`{% quote_rows quotes empty_text %}`: the rows of the quotes table (includes/quotes_table.html).

The "Demandes" list, search and the back office show up to 25 quotes a page. Written as a
template, each row cost an include for its status badge (and one more inside it), a `{% url %}`
(a full reverse), two `|date` filters and a dozen variable lookups: most of the page's time
(issue 15). Here a row is one string: the quote's address built from one reverse per table,
dates formatted with the month names looked up once per language, the badge from badges.py.
The HTML is the same as the template wrote, byte for byte (tests compare it).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.templatetags.badges import status_badge

register = template.Library()

# A quote number no real quote has: reversed once, replaced by each row's number.
_SENTINEL = 987654321


@cache
def _months(language: str | None) -> tuple[str, ...]:
    # The `F` of Django's date format, per language (`language` keys the cache).
    return ("", *(str(MONTHS[month]) for month in range(1, 13)))


def when(value: datetime) -> str:
    """`{{ value|date:"j F Y H:i" }}` in the current time zone and language, e.g. 3 mars 2026
    14:05."""
    local = timezone.localtime(value)
    month = _months(get_language())[local.month]
    return f"{local.day} {month} {local.year} {local.hour:02d}:{local.minute:02d}"


@register.simple_tag
def quote_rows(quotes: Iterable[Quote] | None, empty_text: str = "") -> SafeString:
    escape = conditional_escape
    rows = []
    address = reverse("quote", args=[_SENTINEL]).split(str(_SENTINEL))
    referral = f' <span class="badge text-bg-warning">{escape(_("À soumettre"))}</span>'
    indicative = (
        ' <span class="badge text-bg-light border border-info" title="'
        f'{escape(_("Tarif indicatif — paramètres légaux non confirmés"))}">'
        f"{escape(_('Tarif indicatif'))}</span>"
    )
    # What many rows share is written once a table: the badges (a status's label is a lazy
    # translation, and get_status_display() translates every choice to find it), the authors
    # and the products.
    badges = {value: status_badge(value, label) for value, label in Quote.Status.choices}
    authors: dict[int, str] = {}
    products: dict[int, str] = {}
    for q in quotes or ():
        client = escape(q.client_name)
        if q.was_updated:
            updated = _("Mis à jour le %(date)s") % {"date": escape(when(q.updated_at))}
            client = f"{client} · {updated}"
        if q.created_by_id not in authors:
            author = q.created_by
            authors[q.created_by_id] = (
                '<span class="bd-avatar bd-avatar-muted me-1" aria-hidden="true">'
                f"{escape(author.initials)}</span>{escape(author.get_full_name())}"
            )
        if q.product_id not in products:
            products[q.product_id] = escape(q.product.name)
        status = badges[q.status]
        if q.status == Quote.Status.INSURER_ACCEPTED and q.policy_number:
            policy = _("police n° %(number)s") % {"number": escape(q.policy_number)}
            status = f'{status} <span class="small text-muted">{policy}</span>'
        rows.append(
            "\n    <tr>\n"
            f'      <td><a href="{address[0]}{q.pk}{address[1]}" class="fw-semibold">'
            f"{escape(q.reference)}</a>\n"
            f'        <div class="small text-muted">{client}</div></td>\n'
            f'      <td class="small">{when(q.created_at)}</td>\n'
            f"      <td>{authors[q.created_by_id]}</td>\n"
            f"      <td>{products[q.product_id]}</td>\n"
            f"      <td>{status}{referral if q.referred else ''}\n"
            f"{indicative if q.indicative else ''}</td>\n"
            "    </tr>\n  "
        )
    if not rows:
        rows.append(
            '\n    <tr><td colspan="5" class="text-center text-muted py-4">'
            f"{escape(empty_text)}</td></tr>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308 (every value above is escaped)
