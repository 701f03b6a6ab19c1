from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsurerSitesConfig(AppConfig):
    # "sites" alone is django.contrib.sites' label.
    name = "brokerdesk.sites"
    label = "insurer_sites"
    verbose_name = _("Sites des compagnies")

    def ready(self) -> None:
        from brokerdesk.sites import checks, registry  # noqa: F401  (checks register themselves)

        registry.connect_signals()
