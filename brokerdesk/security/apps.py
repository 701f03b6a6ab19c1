from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "brokerdesk.security"
    verbose_name = _("Sécurité des connexions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from brokerdesk.security.sessions import on_login

        user_logged_in.connect(on_login, dispatch_uid="brokerdesk.security.on_login")
