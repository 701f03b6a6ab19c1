from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from brokerdesk.lib.images import reencode_logo
from brokerdesk.sites.models import InsurerSite, SsoIdentity


class InsurerSiteForm(forms.ModelForm):
    oidc_issuer = forms.URLField(
        label=_("Émetteur OpenID Connect"),
        required=False,
        assume_scheme="https",
        help_text=InsurerSite._meta.get_field("oidc_issuer").help_text,
    )
    # Never shown back: left empty, the stored secret is kept.
    oidc_client_secret = forms.CharField(
        label=_("Secret client"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Laissez vide pour garder le secret enregistré."),
    )

    class Meta:
        # The model and the fields come from InsurerSiteAdmin (its fieldsets).
        widgets = {
            "colour": forms.TextInput(attrs={"type": "color"}),
            "accent_colour": forms.TextInput(attrs={"type": "color"}),
        }

    def clean_oidc_client_secret(self) -> str:
        return self.cleaned_data["oidc_client_secret"] or self.instance.oidc_client_secret

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if logo and logo != self.instance.logo:  # a new upload: only its pixels are kept
            return reencode_logo(logo)
        return logo

    def clean_host(self) -> str:
        return self.cleaned_data["host"].strip().lower()


@admin.register(InsurerSite)
class InsurerSiteAdmin(admin.ModelAdmin):
    form = InsurerSiteForm
    list_display = ["display_name", "insurer", "host", "path_prefix", "active", "sso"]
    list_filter = ["active", "insurer"]
    fieldsets = [
        (None, {"fields": ["insurer", "active", "host", "path_prefix"]}),
        (
            _("Image de marque"),
            {
                "fields": [
                    "display_name",
                    "logo",
                    "colour",
                    "accent_colour",
                    "welcome_fr",
                    "welcome_nl",
                    "welcome_en",
                ]
            },
        ),
        (
            _("Connexion unique (OpenID Connect)"),
            {
                "fields": [
                    "oidc_issuer",
                    "oidc_client_id",
                    "oidc_client_secret",
                    "oidc_producer_number_claim",
                ]
            },
        ),
    ]

    @admin.display(boolean=True, description=_("Connexion unique"))
    def sso(self, site: InsurerSite) -> bool:
        return site.sso_enabled


@admin.register(SsoIdentity)
class SsoIdentityAdmin(admin.ModelAdmin):
    list_display = ["user", "site", "producer_number", "last_login_at"]
    list_filter = ["site"]
    search_fields = ["user__email", "producer_number", "subject"]
    readonly_fields = ["site", "user", "subject", "producer_number", "last_login_at"]
