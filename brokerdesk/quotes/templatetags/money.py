from django import template

from brokerdesk.lib.money import euros

register = template.Library()
register.filter("euros", euros)
