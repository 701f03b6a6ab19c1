"""What a first visit downloads: each main page's HTML, CSS and scripts, gzipped (issue 15).

The login page is a broker's first contact, often over a phone's connection: at most 60 KB
on a first load; any page at most 100 KB. Sizes are counted as the server sends them: the page
gzipped by GZipMiddleware, each stylesheet, script and icon as gzip at level 9 (whitenoise's
precompressed copies). Bootstrap's CSS is the one `make assets` reduces with PurgeCSS.
"""

from __future__ import annotations

import gzip
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

LOGIN_LIMIT = 60 * 1024
PAGE_LIMIT = 100 * 1024
ASSET = re.compile(r'<(?:link rel="(?:stylesheet|icon)"|script)[^>]* (?:href|src)="([^"]+)"')


def weight(client, url: str) -> dict[str, int]:
    """The gzipped bytes of a page and of every stylesheet, script and icon it loads."""
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200, url
    assert response["Content-Encoding"] == "gzip", url
    html = gzip.decompress(response.content).decode()
    sizes = {url: len(response.content)}
    for asset in ASSET.findall(html):
        assert asset.startswith(settings.STATIC_URL), asset  # ours, never a CDN
        path = finders.find(asset.removeprefix(settings.STATIC_URL).split("?")[0])
        assert path, asset
        with open(path, "rb") as file:
            sizes[asset] = len(gzip.compress(file.read(), compresslevel=9))
    return sizes


@pytest.mark.django_db
def test_the_login_page_weighs_at_most_60_kb_on_a_first_load(client):
    sizes = weight(client, reverse("login"))
    assert any("bootstrap.min.css" in asset for asset in sizes)
    assert sum(sizes.values()) <= LOGIN_LIMIT, sizes


@pytest.mark.django_db
def test_the_main_pages_weigh_at_most_100_kb(client, bob, fill):
    client.force_login(bob)
    pk = fill(client)
    for url in (
        reverse("quotes"),
        reverse("quotes") + "?status=priced&period=365",
        reverse("quote_step", args=[pk, "legal"]),
        reverse("quote", args=[pk]),
        reverse("search") + "?q=boulangerie",
        reverse("products"),
        reverse("users"),
        reverse("profile"),
    ):
        sizes = weight(client, url)
        assert sum(sizes.values()) <= PAGE_LIMIT, sizes


def test_bootstrap_css_is_the_reduced_one():
    """`make assets` runs PurgeCSS; the whole of Bootstrap is 30 KB gzipped on its own."""
    with open(finders.find("vendor/bootstrap.min.css"), "rb") as file:
        css = file.read()
    assert len(gzip.compress(css, compresslevel=9)) < 20 * 1024
    assert b".modal-backdrop" in css and b".collapsing" in css  # set by Bootstrap's script
