"""The test world's building blocks, one factory per thing the tests make (factory_boy).

Offices, groups, users and their memberships, insurers, products and their staff, access
requests and quotes. The personas of conftest.py (Alice, Bob, Charlie...) are made with these;
a test that needs someone else says only what differs.
"""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory, Password

from brokerdesk.accounts.models import User
from brokerdesk.catalogue.models import Insurer, InsurerStaff, Integration, Product
from brokerdesk.offices import services as office_services
from brokerdesk.offices.models import Group, Invitation, Membership, Office
from brokerdesk.quotes import services as quote_services
from brokerdesk.quotes.models import Quote
from brokerdesk.sites.models import InsurerSite

PASSWORD = "zebra-lune-42"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.be")
    first_name = "Alice"
    last_name = "Martin"
    language = "fr"
    password = Password(PASSWORD)


class OfficeFactory(DjangoModelFactory):
    class Meta:
        model = Office

    name = factory.Sequence(lambda n: f"Office {n}")


class GroupFactory(DjangoModelFactory):
    """A group by name in an office; asking twice for the same name gives the same group."""

    class Meta:
        model = Group
        django_get_or_create = ("office", "name")

    office = factory.SubFactory(OfficeFactory)
    name = Group.DEFAULT_NAME


class MembershipFactory(DjangoModelFactory):
    """An active member of the groups given (groups, or names of groups made in the office
    when missing; "Default" if none are given), the first being the current sub-account."""

    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    office = factory.SubFactory(OfficeFactory)

    @factory.post_generation
    def groups(self, create: bool, given: Any, **kwargs: Any) -> None:
        chosen = [
            group if isinstance(group, Group) else GroupFactory(office=self.office, name=group)
            for group in ([Group.DEFAULT_NAME] if given is None else given)
        ]
        self.groups.set(chosen)
        self.current_group = chosen[0] if chosen else None
        self.save(update_fields=["current_group"])


def offices_with_groups(offices: int, groups: int) -> tuple[list[Office], dict]:
    """Offices with groups G0, G1... each; the groups by (office index, group index)."""
    made = OfficeFactory.create_batch(offices)
    return made, {
        (o, g): GroupFactory(office=made[o], name=f"G{g}")
        for o in range(offices)
        for g in range(groups)
    }


def member(email: str, *, office: Office | None = None, groups: Any = None, **fields: Any) -> User:
    """A user of a broker office (a new one unless given): the usual way to make a broker.
    `fields` are the user's (first_name, language...) and the membership's (is_admin...)."""
    user_fields = {k: fields.pop(k) for k in list(fields) if hasattr(User, k)}
    user = UserFactory(email=email, **user_fields)
    office = office or OfficeFactory(name=f"Office of {email}")
    MembershipFactory(user=user, office=office, groups=groups, **fields)
    return user


def invitation(*, by: User, groups: list[Group], email: str = "nina@example.be") -> Invitation:
    """A pending invitation to `by`'s office, sent through the real workflow."""
    return office_services.invite(
        office=by.membership.office,
        invited_by=by,
        first_name="Nina",
        last_name="Claes",
        email=email,
        language="fr",
        role=Membership.Role.INTERMEDIARY,
        is_admin=False,
        groups=groups,
    ).invitation


class InsurerFactory(DjangoModelFactory):
    class Meta:
        model = Insurer
        django_get_or_create = ("name",)

    name = "Vivium"
    legal_name = "P&V Group"
    reference_prefix = factory.LazyAttribute(lambda insurer: insurer.name[:2].upper())
    # Vivium's producer numbers have 4 to 6 digits, as in the user manual (7964, 66799).
    producer_number_pattern = r"\d{4,6}"
    producer_number_description_fr = "4 à 6 chiffres"
    producer_number_description_nl = "4 tot 6 cijfers"
    producer_number_description_en = "4 to 6 digits"


class ProductFactory(DjangoModelFactory):
    """Vivium's Tool TPE unless told otherwise, with Vivium's producer numbers."""

    class Meta:
        model = Product
        django_get_or_create = ("code",)

    insurer = factory.SubFactory(InsurerFactory, reference_prefix="PV")
    code = "TPE-KMO"
    name_fr = name_nl = name_en = "TPE Tool"


class InsurerSiteFactory(DjangoModelFactory):
    """Vivium's own door on vivium.localhost (pass host="" and path_prefix=... for a prefix)."""

    class Meta:
        model = InsurerSite

    insurer = factory.SubFactory(InsurerFactory, reference_prefix="PV")
    host = "vivium.localhost"
    display_name = "VIVIUM"
    colour = "#00664f"
    accent_colour = "#005a9c"


class InsurerStaffFactory(DjangoModelFactory):
    class Meta:
        model = InsurerStaff

    user = factory.SubFactory(UserFactory, first_name="Staff", last_name="Member")
    insurer = factory.SubFactory(InsurerFactory)


class IntegrationFactory(DjangoModelFactory):
    """A group's accepted access to a product."""

    class Meta:
        model = Integration

    group = factory.SubFactory(GroupFactory)
    product = factory.SubFactory(ProductFactory)
    producer_number = factory.Sequence(lambda n: f"{123456 + n}")
    status = Integration.Status.ACCEPTED
    requested_at = factory.LazyFunction(timezone.now)


class QuoteFactory(factory.Factory):
    """A draft made through the real workflow, so references and counters stay right."""

    class Meta:
        model = Quote

    group = factory.SubFactory(GroupFactory)
    product = factory.SubFactory(ProductFactory)
    created_by = factory.SubFactory(UserFactory)
    client_name = "Boulangerie Dupuis"
    activity: dict[str, Any] = {}

    @classmethod
    def _create(cls, model_class: type[Quote], **kwargs: Any) -> Quote:
        activity = {"client_name": kwargs.pop("client_name"), **kwargs.pop("activity")}
        return quote_services.create_quote(answers={"activity": activity}, **kwargs)


def api_token(user: User, scopes: Any = None, **fields: Any) -> str:
    """The secret of a new API token of `user` (every scope the user may have by default)."""
    from brokerdesk.access.tokens import allowed_scopes
    from brokerdesk.accounts.tokens import create_token

    token, secret = create_token(
        user=user, name=fields.pop("name", "BMS"), scopes=scopes or allowed_scopes(user)
    )
    if fields:
        type(token).objects.filter(pk=token.pk).update(**fields)
    return secret
