from django.contrib import admin

from brokerdesk.tariffs.models import TariffVersion


@admin.register(TariffVersion)
class TariffVersionAdmin(admin.ModelAdmin):
    """Read only: versions are uploaded and activated by the insurer in its back-office."""

    list_display = ["product", "version", "effective_from", "uploaded_at", "activated_at"]
    list_filter = ["product"]
    readonly_fields = [f.name for f in TariffVersion._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
