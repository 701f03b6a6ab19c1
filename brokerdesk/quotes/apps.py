from django.apps import AppConfig


class QuotesConfig(AppConfig):
    name = "brokerdesk.quotes"
    label = "quotes"
