"""The operator erases an office entirely: its people, quotes, groups and audit log."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from brokerdesk.offices.models import Office
from brokerdesk.privacy import services


class Command(BaseCommand):
    help = "Delete an office and everything in it. Export it first (export_office)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("office_id", type=int)
        parser.add_argument(
            "--confirm", required=True, help="the office's enterprise number, as a safeguard"
        )

    def handle(self, *args: object, office_id: int, confirm: str, **options: object) -> None:
        office = Office.objects.filter(pk=office_id).first()
        if office is None:
            raise CommandError(f"No office with id {office_id}.")
        if confirm != office.enterprise_number:
            raise CommandError("--confirm must be the office's enterprise number.")
        counts = services.erase_office(office)
        self.stdout.write(", ".join(f"{n} {what}" for what, n in counts.items()) + " deleted.")
