from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What the operator needs: health check, request logs, error reports, backups."""

    name = "brokerdesk.operations"
    label = "operations"
