from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from brokerdesk.catalogue.models import Product


def products(request: HttpRequest) -> HttpResponse:
    catalogue = Product.objects.select_related("insurer")
    return render(request, "catalogue/products.html", {"products": catalogue})
