from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "brokerdesk.security"
    verbose_name = _("Sécurité des connexions")
    default_auto_field = "django.db.models.BigAutoField"
