from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_search_index(sender, using="default", **kwargs):
    from brokerdesk.quotes.search import ensure_index

    ensure_index(using)


class QuotesConfig(AppConfig):
    name = "brokerdesk.quotes"
    label = "quotes"

    def ready(self) -> None:
        post_migrate.connect(_ensure_search_index, sender=self)
