"""Demo data: the insurer Vivium with its product and its own door (vivium.localhost), and
one broker office with three users."""

from __future__ import annotations

import io
from base64 import b32decode
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image, ImageDraw

from brokerdesk.accounts.models import User
from brokerdesk.catalogue.models import Insurer, InsurerStaff, Integration, Product
from brokerdesk.offices.models import Group, Membership, Office
from brokerdesk.sites.models import InsurerSite

DEMO_PASSWORD = "demo-brokerdesk"
# The demo administrator and back-office user must log in with a second factor: both have this
# authenticator key (README, "Demo logins"), to add to an app or to compute codes in tests.
DEMO_TOTP_SECRET = "BROKERDESKDEMOADMINTOTPSECRET234"
TPE = {
    "name_fr": "TPE Tool",
    "name_nl": "TPE Tool",
    "name_en": "TPE Tool",
    "description_fr": "Accidents du travail pour les très petites entreprises : "
    "tarification guidée et offre en quelques minutes.",
    "description_nl": "Arbeidsongevallen voor zeer kleine ondernemingen: "
    "begeleide tarificatie en offerte in enkele minuten.",
    "description_en": "Workers' compensation for very small businesses: "
    "guided pricing and an offer in minutes.",
    "general_conditions_url": "https://www.vivium.be/fr/conditions-generales/accidents-du-travail",
    "information_sheet_url": "https://www.vivium.be/fr/fiche-info/accidents-du-travail-tpe",
}
OFFICE = {
    "name": "Courtage Demo",
    "enterprise_number": "0403019261",
    "street": "Rue Royale",
    "number": "151",
    "postal_code": "1210",
    "city": "Saint-Josse-ten-Noode",
    "website": "https://courtage-demo.be",
    "phone": "+3222171111",
    "fsma_number": "0123456789",
}
# email, first name, last name, language, is_admin, groups
USERS = [
    (
        "admin@demo.brokerdesk.be",
        "Clémentine",
        "Cazelles",
        "fr",
        True,
        ["Default", "Bruxelles", "Gent"],
    ),
    ("broker.bxl@demo.brokerdesk.be", "Sandrine", "Debotte", "fr", False, ["Bruxelles"]),
    ("broker.gent@demo.brokerdesk.be", "Pieter", "Peeters", "nl", False, ["Gent"]),
]

VIVIUM = {
    "legal_name": "P&V Group",
    "reference_prefix": "PV",
    "address": "Rue Royale 151, 1210 Bruxelles",
    "licence_number": "0058",
    # Vivium's producer numbers have 4 to 6 digits: the manual's own are 7964 and 66799.
    "producer_number_pattern": r"\d{4,6}",
    "producer_number_description_fr": "4 à 6 chiffres",
    "producer_number_description_nl": "4 tot 6 cijfers",
    "producer_number_description_en": "4 to 6 digits",
}
STAFF = ("backoffice@vivium.demo.brokerdesk.be", "Victor", "Vandamme")
# Bruxelles may price the Tool TPE; Gent's request waits for Vivium's decision.
INTEGRATIONS = [("Bruxelles", "66799", "accepted"), ("Gent", "7964", "requested")]
# Vivium's own door under `make run`: browsers resolve every *.localhost name to this machine.
VIVIUM_SITE = {
    "display_name": "VIVIUM",
    "colour": "#00664f",
    "accent_colour": "#005a9c",
    "welcome_fr": "Bienvenue sur le portail courtiers de Vivium.",
    "welcome_nl": "Welkom op het makelaarsportaal van Vivium.",
    "welcome_en": "Welcome to Vivium's broker portal.",
}


class Command(BaseCommand):
    help = "Create the demo insurer, product, office, groups and users (safe to run twice)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--public-demo",
            action="store_true",
            help="Seed even with DEBUG=0: a public demonstration, whose logins are published.",
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        # Its administrator's password and second-factor key are in the README: on a real
        # deployment they would open the portal to anyone who read it.
        if not settings.DEBUG and not options["public_demo"]:
            raise CommandError(
                "seed_demo creates logins whose password is published; with DEBUG=0 it runs "
                "only with --public-demo."
            )
        vivium, _ = Insurer.objects.update_or_create(name="Vivium", defaults=VIVIUM)
        tpe, _ = Product.objects.update_or_create(
            code="TPE-KMO", defaults={"insurer": vivium, **TPE}
        )
        office = Office.objects.filter(enterprise_number=OFFICE["enterprise_number"]).first()
        if office is None:
            office = Office.objects.create(**OFFICE)
        groups = {
            name: Group.objects.get_or_create(office=office, name=name)[0]
            for name in ("Default", "Bruxelles", "Gent")
        }
        for email, first, last, language, is_admin, group_names in USERS:
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                user = User.objects.create_user(
                    email, DEMO_PASSWORD, first_name=first, last_name=last, language=language
                )
            membership, _ = Membership.objects.get_or_create(
                user=user,
                defaults={
                    "office": office,
                    "is_admin": is_admin,
                    "current_group": groups[group_names[0]],
                },
            )
            membership.groups.add(*(groups[name] for name in group_names))

        staff = User.objects.filter(email__iexact=STAFF[0]).first()
        if staff is None:
            staff = User.objects.create_user(
                STAFF[0], DEMO_PASSWORD, first_name=STAFF[1], last_name=STAFF[2], language="fr"
            )
        InsurerStaff.objects.get_or_create(user=staff, defaults={"insurer": vivium})
        admin = User.objects.get(email__iexact=USERS[0][0])
        for user in (admin, staff):
            TOTPDevice.objects.get_or_create(
                user=user,
                confirmed=True,
                defaults={"name": "demo", "key": b32decode(DEMO_TOTP_SECRET).hex()},
            )
        for group_name, number, status in INTEGRATIONS:
            Integration.objects.get_or_create(
                group=groups[group_name],
                product=tpe,
                defaults={
                    "producer_number": number,
                    "status": status,
                    "requested_by": admin,
                    "requested_at": timezone.now(),
                },
            )

        site, _ = InsurerSite.objects.get_or_create(
            host="vivium.localhost", defaults={"insurer": vivium, **VIVIUM_SITE}
        )
        if not site.logo:
            site.logo.save("vivium.png", demo_logo(site.colour))

        self.stdout.write(f"Demo data ready. Logins (password: {DEMO_PASSWORD}):")
        for email, first, last, _lang, is_admin, group_names in USERS:
            role = "administrator" if is_admin else "broker"
            self.stdout.write(
                f"  {email:34} {first} {last}, {role}, groups: {', '.join(group_names)}"
            )
        self.stdout.write(f"  {STAFF[0]:34} {STAFF[1]} {STAFF[2]}, Vivium back-office")
        self.stdout.write(f"Two-factor key (administrator, back-office): {DEMO_TOTP_SECRET}")
        self.stdout.write("Vivium's own door: http://vivium.localhost:8000 (same logins)")


def demo_logo(colour: str) -> ContentFile:
    """A plain square in the insurer's colour with a white V: a stand-in for a real logo."""
    image = Image.new("RGB", (64, 64), colour)
    ImageDraw.Draw(image).polygon([(14, 14), (24, 14), (32, 40), (40, 14), (50, 14), (36, 52),
                                   (28, 52)], fill="white")  # fmt: skip
    out = io.BytesIO()
    image.save(out, format="PNG")
    return ContentFile(out.getvalue())
