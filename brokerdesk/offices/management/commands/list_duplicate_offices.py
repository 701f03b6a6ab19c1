"""Offices that share an enterprise number, for the operator to merge or correct.

Sign-up refuses a number already registered; offices made before that rule may share one.
With --check the command exits with status 1 when there are any (for a deploy script that must
know before a unique constraint is added to the database).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from brokerdesk.lib.belgium import format_enterprise_number
from brokerdesk.offices.selectors import duplicate_offices


class Command(BaseCommand):
    help = "List the offices that share an enterprise number (--check: exit 1 if any)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Exit with status 1 when duplicates exist."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        found = duplicate_offices()
        for number, offices in found.items():
            self.stdout.write(f"{format_enterprise_number(number)}: {len(offices)} offices")
            for office in offices:
                self.stdout.write(
                    f"  #{office.pk} {office.name!r} created {office.created_at:%Y-%m-%d}, "
                    f"{office.member_count} members ({office.admin_count} active admins), "
                    f"{office.quote_count} quotes"
                )
        self.stdout.write(f"{len(found)} enterprise numbers shared by more than one office.")
        if found and options["check"]:
            raise SystemExit(1)
