"""Request and upload sizes are limited in settings (issue 12): too much is refused with a
page in the user's language, before it is read."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from brokerdesk.offices.models import Group
from brokerdesk.offices.tests.test_groups import image_bytes
from brokerdesk.support.models import Ticket

MB = 1024 * 1024


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_the_limits_are_settings():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == MB
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == MB
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 500
    assert settings.LOGO_MAX_BYTES == MB and settings.DOCUMENT_MAX_BYTES == 512 * 1024
    assert settings.ATTACHMENT_MAX_BYTES == 10 * MB  # documents, files joined to messages
    assert settings.MAX_REQUEST_BYTES == 11 * MB


@pytest.mark.django_db
def test_a_60_mb_post_to_the_chat_is_refused_unread(client):
    response = client.generic(
        "POST",
        reverse("help_chat"),
        b"question=x",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(60 * MB),
        HTTP_ACCEPT_LANGUAGE="nl",
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert 'lang="nl"' in response.content.decode()


@pytest.mark.django_db
def test_a_real_60_mb_file_to_the_chat_is_a_413_page(client):
    big = SimpleUploadedFile("big.bin", b"\0" * (60 * MB))
    response = client.post(reverse("help_chat"), {"question": "logo", "file": big})
    assert response.status_code == 413
    assert "Envoi trop volumineux" in response.content.decode()


@pytest.mark.django_db
def test_form_fields_over_the_limit_are_a_413_not_a_500(client):
    body = "question=" + "a" * (MB + 10)
    response = client.generic(
        "POST", reverse("help_escalate"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert not Ticket.objects.exists()
    fields = "&".join(f"f{n}=1" for n in range(600))
    response = client.generic(
        "POST", reverse("help_chat"), fields, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413


@pytest.mark.django_db
def test_a_logo_over_its_limit_gets_a_message_on_the_field(client, alice, settings):
    settings.LOGO_MAX_BYTES = 200 * 1024
    client.force_login(alice)
    page = client.get(reverse("group_create")).content.decode()
    assert "200 Ko maximum" in page
    heavy = image_bytes() + b"\0" * (300 * 1024)
    logo = SimpleUploadedFile("logo.png", heavy, content_type="image/png")
    response = client.post(reverse("group_create"), {"name": "Liège", "logo": logo})
    assert response.status_code == 200
    assert "Le logo ne peut pas dépasser 200 Ko." in response.content.decode()
    assert not Group.objects.filter(name="Liège").exists()
