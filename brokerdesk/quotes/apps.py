from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _priced_with(version) -> bool:
    from brokerdesk.quotes.models import Quote

    return Quote.objects.filter(
        product_id=version.product_id, tariff_version=version.version
    ).exists()


def _ensure_search_index(sender, using="default", **kwargs):
    from brokerdesk.quotes.search import ensure_index

    ensure_index(using)


class QuotesConfig(AppConfig):
    name = "brokerdesk.quotes"
    label = "quotes"

    def ready(self) -> None:
        from brokerdesk.tariffs.services import USAGE_CHECKS

        post_migrate.connect(_ensure_search_index, sender=self)
        USAGE_CHECKS.append(_priced_with)
