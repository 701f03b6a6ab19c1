from django.apps import AppConfig


class TariffsConfig(AppConfig):
    """Tariff versions an insurer uploads, compares and activates for its products."""

    name = "brokerdesk.tariffs"
    label = "tariffs"
