"""Tariff versions: an insurer's staff reach their own insurer's products' versions only."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from brokerdesk.catalogue.models import InsurerStaff, Product
from brokerdesk.tariffs.models import TariffVersion


def insurer_products(staff: InsurerStaff) -> QuerySet[Product]:
    return Product.objects.filter(insurer=staff.insurer)


def insurer_tariff_versions(staff: InsurerStaff) -> QuerySet[TariffVersion]:
    return TariffVersion.objects.filter(product__insurer=staff.insurer).select_related(
        "product", "uploaded_by", "activated_by"
    )


def get_tariff_version_or_404(staff: InsurerStaff, pk: int) -> TariffVersion:
    return get_object_or_404(insurer_tariff_versions(staff), pk=pk)
