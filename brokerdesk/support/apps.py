from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "brokerdesk.support"
    label = "support"
