"""bench/floor.py, the floor that bench/http.py measures, is the project with one URL more: the
same middleware in front of a view that answers "hello" to a logged-in user, and the login page
for anyone else, as any page of the project."""

from __future__ import annotations

import pytest
from django.urls import reverse

import bench.floor


@pytest.fixture
def floor(settings):
    settings.ROOT_URLCONF = bench.floor.ROOT_URLCONF
    assert settings.MIDDLEWARE == bench.floor.MIDDLEWARE


@pytest.mark.django_db
def test_the_floor_answers_a_logged_in_user_through_the_projects_middleware(floor, client, bob):
    client.force_login(bob)
    response = client.get("/bench/hello/")
    assert response.status_code == 200 and response.content == b"hello"
    assert response["Cache-Control"] == "private, no-store"  # PrivatePagesMiddleware
    assert reverse("quotes") == "/requests/"  # the project's own URLs are still there


@pytest.mark.django_db
def test_the_floor_sends_anyone_else_to_the_login_page(floor, client):
    response = client.get("/bench/hello/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
