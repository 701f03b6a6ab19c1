from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from brokerdesk.operations import databases


class Command(BaseCommand):
    help = "Load a backup made by `backup` into the configured database, which must be empty."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            databases.restore(path)
        except databases.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {path}.")
