from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "brokerdesk.catalogue"
    label = "catalogue"
