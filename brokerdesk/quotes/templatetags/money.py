"""{{ amount|euros }}, {{ value|number }} or {{ value|number:2 }}, {{ fraction|percent }}: in the
active language's format (brokerdesk.lib.money)."""

from django import template

from brokerdesk.lib.money import euros, number, percent

register = template.Library()
register.filter("euros", euros)
register.filter("number", number)
register.filter("percent", percent)
