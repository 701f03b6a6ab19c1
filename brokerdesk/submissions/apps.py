from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "brokerdesk.submissions"
    label = "submissions"
