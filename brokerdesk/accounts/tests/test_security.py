from __future__ import annotations

import re

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_pages_have_no_inline_script_for_the_policy_to_block(client, alice):
    client.force_login(alice)
    for name in ("quotes", "products", "users", "account", "profile"):
        html = client.get(reverse(name)).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), name


@pytest.mark.django_db
def test_user_input_is_escaped(client, make_user):
    user = make_user(
        "xss@example.be",
        first_name="<script>alert(1)</script>",
        last_name='"><img src=x onerror=alert(1)>',
    )
    client.force_login(user)
    html = client.get(reverse("profile")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


@pytest.mark.django_db
def test_the_admin_is_not_open_to_brokers(client, alice):
    client.force_login(alice)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url
