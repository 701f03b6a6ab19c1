"""Which tariff prices a quote: the insurer's activated versions, or the built-in files.

A product whose insurer never uploaded a version is priced with the files in
rating/tariffs/ (the version in force on the date), as before tariffs were managed here.
"""

from __future__ import annotations

from datetime import date

import rating
from brokerdesk.catalogue.models import Product
from brokerdesk.tariffs.models import TariffVersion
from rating.tariff import Tariff, TariffNotFound

# Parsed tariffs by the SHA-256 of their text: a version's text never changes.
_parsed: dict[str, Tariff] = {}


def parsed(version: TariffVersion) -> Tariff:
    if version.sha256 not in _parsed:
        _parsed[version.sha256] = rating.parse_tariff(version.source, version.version)
    return _parsed[version.sha256]


def activated(product: Product):
    return TariffVersion.objects.filter(product=product, effective_from__isnull=False)


def in_force(product: Product, on: date) -> TariffVersion | None:
    return activated(product).filter(effective_from__lte=on).order_by("-effective_from").first()


def tariff_for(product: Product, on: date) -> Tariff:
    """The tariff a quote started on that date is priced with: the latest version in force,
    uploaded or built in (an uploaded one wins on the same date). A quote older than every
    version (imported or seeded data) takes the oldest one rather than none."""
    uploaded = [(v.effective_from, 1, parsed(v)) for v in activated(product)]
    built_in = [(t.effective_from, 0, t) for t in rating.available_tariffs()]
    versions = sorted([*uploaded, *built_in], key=lambda v: v[:2])
    in_force = [v for v in versions if v[0] <= on]
    return (in_force[-1] if in_force else versions[0])[2]


def tariff_named(product: Product, name: str) -> Tariff:
    """The version that priced a quote, by its name: an uploaded one, else a built-in file."""
    version = activated(product).filter(version=name).first()
    if version is not None:
        return parsed(version)
    try:
        return rating.get_tariff(version=name)
    except TariffNotFound:
        return tariff_for(product, date.today())
