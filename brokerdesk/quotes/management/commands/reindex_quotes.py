from typing import Any

from django.core.management.base import BaseCommand

from brokerdesk.quotes.search import reindex


class Command(BaseCommand):
    help = "Rebuild the search text of every quote whose text is out of date."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{reindex()} quotes reindexed.")
