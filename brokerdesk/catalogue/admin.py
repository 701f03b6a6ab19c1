from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from brokerdesk.catalogue.models import Insurer, InsurerStaff, Integration, Product
from brokerdesk.lib.formfields import HTTPS_URLS

PRODUCER_NUMBER_FORMAT = (
    _("Numéros de producteur"),
    {
        "fields": [
            "producer_number_pattern",
            "producer_number_description_fr",
            "producer_number_description_nl",
            "producer_number_description_en",
        ]
    },
)


@admin.register(Insurer)
class InsurerAdmin(admin.ModelAdmin):
    list_display = ["name", "reference_prefix", "producer_number_pattern"]
    fieldsets = [
        (None, {"fields": ["name", "legal_name", "reference_prefix", "address", "licence_number"]}),
        PRODUCER_NUMBER_FORMAT,
    ]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name_fr", "code", "insurer", "producer_number_pattern"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "insurer",
                    "code",
                    ("name_fr", "name_nl", "name_en"),
                    "description_fr",
                    "description_nl",
                    "description_en",
                    "general_conditions_url",
                    "information_sheet_url",
                ]
            },
        ),
        (
            _("Numéros de producteur propres au produit (vide : le format de la compagnie)"),
            PRODUCER_NUMBER_FORMAT[1],
        ),
    ]


@admin.register(InsurerStaff)
class InsurerStaffAdmin(admin.ModelAdmin):
    list_display = ["user", "insurer"]
    autocomplete_fields = ["user"]


@admin.register(Integration)
class IntegrationAdmin(admin.ModelAdmin):
    list_display = ["group", "product", "producer_number", "status", "requested_at"]
    list_filter = ["status", "product"]
    search_fields = ["producer_number", "group__name", "group__office__name"]
