from django.apps import AppConfig
from django.db.models.signals import post_save


def _quote_saved(sender, instance, **kwargs):
    from brokerdesk.offers.services import supersede_if_edited

    supersede_if_edited(instance)


class OffersConfig(AppConfig):
    name = "brokerdesk.offers"
    label = "offers"

    def ready(self) -> None:
        from brokerdesk.quotes.models import Quote

        # Any change of an issued quote (a step saved, a new tariff) goes through its save():
        # the offer it had stops being served there, whichever workflow made the change.
        post_save.connect(_quote_saved, sender=Quote, dispatch_uid="offers_quote_saved")
