from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "brokerdesk.notifications"
    label = "notifications"
