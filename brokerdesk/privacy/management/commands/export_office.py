"""The operator's export of an office (everything it holds, as JSON), before it leaves."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from brokerdesk.offices.models import Office
from brokerdesk.privacy import services


class Command(BaseCommand):
    help = "Write an office's data as JSON: its groups, members, quotes and audit log."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("office_id", type=int)
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args: object, office_id: int, output: str | None, **options: object) -> None:
        office = Office.objects.filter(pk=office_id).first()
        if office is None:
            raise CommandError(f"No office with id {office_id}.")
        text = json.dumps(services.office_data(office), indent=2, ensure_ascii=False)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text)
        else:
            self.stdout.write(text)
