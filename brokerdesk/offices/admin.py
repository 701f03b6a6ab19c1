from django.contrib import admin

from brokerdesk.lib.formfields import HTTPS_URLS
from brokerdesk.offices.models import Group, Membership, Office


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "enterprise_number", "city", "created_at"]
    search_fields = ["name", "enterprise_number"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "office"]
    search_fields = ["name", "office__name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "office", "is_admin", "status"]
    list_filter = ["status", "is_admin"]
