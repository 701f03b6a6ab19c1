from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "brokerdesk.api"
    label = "api"
