from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "brokerdesk.accounts"
    label = "accounts"
