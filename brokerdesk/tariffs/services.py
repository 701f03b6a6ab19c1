"""Tariff versions: upload (validated), activate on a date, delete an unused one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import rating
from brokerdesk.accounts.models import User
from brokerdesk.audit.log import record
from brokerdesk.catalogue.models import Product
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.tariffs import registry
from brokerdesk.tariffs.models import TariffVersion


class TariffInvalid(RuleBroken):
    message = _("Le fichier de tarif contient des erreurs : rien n'a été enregistré.")

    def __init__(self, problems: list[rating.Problem]) -> None:
        super().__init__()
        self.problems = problems


class VersionTaken(RuleBroken):
    message = _("Ce produit a déjà une version portant ce nom : changez tariff.version.")


class AlreadyActivated(RuleBroken):
    message = _("Cette version est déjà activée.")


class DateInThePast(RuleBroken):
    message = _("La date d'entrée en vigueur ne peut pas être passée.")


class DateTaken(RuleBroken):
    message = _("Une autre version entre en vigueur à cette date.")


class VersionInUse(RuleBroken):
    message = _("Des demandes ont été tarifées avec cette version : elle est conservée.")


# Who uses a version. The quotes app, above this one, adds its check when it loads: a version
# that priced a quote can never be deleted.
USAGE_CHECKS: list[Callable[[TariffVersion], bool]] = []


@transaction.atomic
def upload(*, product: Product, source: str, by: User) -> TariffVersion:
    tariff, problems = rating.validate_tariff(source, "tariff.toml")
    if problems:
        raise TariffInvalid(problems)
    if TariffVersion.objects.filter(product=product, version=tariff.version).exists():
        raise VersionTaken
    version = TariffVersion.objects.create(
        product=product,
        version=tariff.version,
        description=tariff.description[:300],
        source=source,
        uploaded_by=by,
    )
    record("tariff.uploaded", actor=by, target=version, version=version.version)
    return version


@transaction.atomic
def activate(*, version: TariffVersion, effective_from: date, by: User) -> TariffVersion:
    """From that date, new quotes on the product are priced with this version; quotes started
    before keep the version that priced them (and are told a new one exists)."""
    version = TariffVersion.objects.select_for_update().get(pk=version.pk)
    if version.effective_from is not None:
        raise AlreadyActivated
    if effective_from < timezone.localdate():
        raise DateInThePast
    if registry.activated(version.product).filter(effective_from=effective_from).exists():
        raise DateTaken
    version.effective_from = effective_from
    version.activated_by = by
    version.activated_at = timezone.now()
    try:
        with transaction.atomic():
            version.save(update_fields=["effective_from", "activated_by", "activated_at"])
    except IntegrityError as error:  # another activation for that day won the race
        raise DateTaken from error
    record(
        "tariff.activated",
        actor=by,
        target=version,
        version=version.version,
        effective_from=effective_from.isoformat(),
    )
    return version


def is_used(version: TariffVersion) -> bool:
    return any(check(version) for check in USAGE_CHECKS)


@transaction.atomic
def delete(*, version: TariffVersion, by: User) -> None:
    """Only a version that priced nothing may go."""
    version = TariffVersion.objects.select_for_update().get(pk=version.pk)
    if is_used(version):
        raise VersionInUse
    record("tariff.deleted", actor=by, target=version, version=version.version)
    version.delete()
