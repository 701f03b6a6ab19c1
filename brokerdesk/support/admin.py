from django.contrib import admin

from brokerdesk.support.models import Ticket


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ["pk", "created_at", "email", "office", "group", "status"]
    list_filter = ["status", "language"]
    search_fields = ["email", "message", "office", "quote_reference"]
    readonly_fields = [
        "key",
        "created_at",
        "user",
        "email",
        "language",
        "message",
        "conversation",
        "office",
        "group",
        "page",
        "quote_reference",
    ]
