from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "brokerdesk.backoffice"
    label = "backoffice"
