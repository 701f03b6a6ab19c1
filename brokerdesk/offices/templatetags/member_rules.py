"""{% if member|invitation_pending %}: the member rules of offices/rules.py, for the tables
that list many members (the member page gets its answers from the view)."""

from django import template

from brokerdesk.offices import rules

register = template.Library()
register.filter("invitation_pending", rules.is_pending_invitation)
