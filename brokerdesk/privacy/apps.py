from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "brokerdesk.privacy"
    verbose_name = "Données personnelles"
