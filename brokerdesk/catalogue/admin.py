from django.contrib import admin

from brokerdesk.catalogue.models import Insurer, InsurerStaff, Integration, Product

admin.site.register(Insurer)
admin.site.register(Product)


@admin.register(InsurerStaff)
class InsurerStaffAdmin(admin.ModelAdmin):
    list_display = ["user", "insurer"]
    autocomplete_fields = ["user"]


@admin.register(Integration)
class IntegrationAdmin(admin.ModelAdmin):
    list_display = ["group", "product", "producer_number", "status", "requested_at"]
    list_filter = ["status", "product"]
    search_fields = ["producer_number", "group__name", "group__office__name"]
