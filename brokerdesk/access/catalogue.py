"""Who the insurer's staff member is; products and the access requests to them."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from brokerdesk.accounts.models import User
from brokerdesk.catalogue.models import InsurerStaff, Integration, Product
from brokerdesk.offices.models import Group


def insurer_staff_for(user: User) -> InsurerStaff | None:
    if not user.is_authenticated:
        return None
    return InsurerStaff.objects.select_related("insurer").filter(user=user).first()


def require_insurer_staff(user: User) -> InsurerStaff:
    staff = insurer_staff_for(user)
    if staff is None:
        raise Http404
    return staff


def catalogue_products() -> QuerySet[Product]:
    """Products are the insurers' public catalogue: every logged-in user may see them."""
    return Product.objects.select_related("insurer")


def get_product_or_404(code: str) -> Product:
    return get_object_or_404(catalogue_products(), code=code)


def group_integrations(group: Group | None) -> dict[int, Integration]:
    """A group's integrations by product id (the group itself comes from the scoping layer)."""
    if group is None:
        return {}
    return {i.product_id: i for i in group.integrations.select_related("product")}


def accepted_products(group: Group | None) -> list[Product]:
    """The products a group may price in."""
    return [i.product for i in group_integrations(group).values() if i.is_accepted]


def insurer_integrations(staff: InsurerStaff) -> QuerySet[Integration]:
    """Access requests on the staff member's own insurer's products, and no others."""
    return Integration.objects.filter(product__insurer=staff.insurer).select_related(
        "product", "group__office", "requested_by", "decided_by"
    )


def get_insurer_integration_or_404(staff: InsurerStaff, integration_id: int) -> Integration:
    return get_object_or_404(insurer_integrations(staff), pk=integration_id)
