from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "brokerdesk.audit"
    label = "audit"
