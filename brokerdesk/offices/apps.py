from django.apps import AppConfig


class OfficesConfig(AppConfig):
    name = "brokerdesk.offices"
    label = "offices"
