from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "brokerdesk.documents"
    label = "documents"
