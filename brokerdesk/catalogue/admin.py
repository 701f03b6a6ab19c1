from django.contrib import admin

from brokerdesk.catalogue.models import Insurer, Product

admin.site.register(Insurer)
admin.site.register(Product)
