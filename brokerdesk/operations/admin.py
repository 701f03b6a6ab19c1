from django.contrib import admin

from brokerdesk.operations.models import CspReport


@admin.register(CspReport)
class CspReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "directive", "blocked_uri", "document_uri"]
    list_filter = ["directive"]
    readonly_fields = [f.name for f in CspReport._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
