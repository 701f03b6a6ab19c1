from __future__ import annotations

import io
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from brokerdesk.offices.models import Group


def image_bytes(fmt: str = "PNG", size=(40, 40), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 80, 140)).save(out, format=fmt, **save)
    return out.getvalue()


def create(client, **data):
    return client.post(reverse("group_create"), {"name": "Liège", **data})


@pytest.fixture
def admin_client(client, alice):
    client.force_login(alice)
    return client


@pytest.mark.django_db
def test_the_groups_page_lists_groups_with_a_new_group_button(admin_client):
    html = admin_client.get(reverse("groups")).content.decode()
    assert "+ Nouveau groupe" in html and "Antwerpen" in html and "Default" in html


@pytest.mark.django_db
def test_only_the_name_is_required(admin_client, alice):
    html = unescape(admin_client.get(reverse("group_create")).content.decode())
    for text in (
        "Créer un nouveau groupe",
        "À propos",
        "Logo",
        "Nom",
        "Adresse",
        "Rue",
        "Numéro",
        "Code postal",
        "Ville",
        "E-mail",
        "Contact",
        "Numéro d'entreprise",
        "Site Web",
        "Numéro de téléphone",
    ):
        assert text in html
    response = create(admin_client)
    group = Group.objects.get(name="Liège")
    assert response.url == reverse("group", args=[group.pk])
    assert group.office == alice.membership.office


@pytest.mark.django_db
def test_it_applies_the_sign_up_validators_and_keeps_the_input(admin_client):
    response = create(
        admin_client,
        enterprise_number="BE0403019262",
        postal_code="9999",
        phone="12",
        street="Place Saint-Lambert",
    )
    errors = response.context["form"].errors
    assert {"enterprise_number", "postal_code", "phone"} <= set(errors)
    assert "Place Saint-Lambert" in response.content.decode()
    assert not Group.objects.filter(name="Liège").exists()


@pytest.mark.django_db
def test_it_normalises_company_fields(admin_client):
    create(
        admin_client,
        enterprise_number="0403.019.261",
        postal_code="4000",
        phone="04 221 00 00",
        website="liege.example.be",
    )
    group = Group.objects.get(name="Liège")
    assert (group.enterprise_number, group.city, group.phone, group.website) == (
        "0403019261",
        "Liège",
        "+3242210000",
        "https://liege.example.be",
    )


@pytest.mark.django_db
def test_group_names_are_unique_in_the_office_but_not_across_offices(admin_client, charlie):
    response = create(admin_client, name="antwerpen")
    assert "name" in response.context["form"].errors
    Group.objects.create(office=charlie.membership.office, name="Liège")
    assert create(admin_client).status_code == 302


@pytest.mark.django_db
def test_a_logo_is_re_encoded_and_served_to_office_members_only(
    client, admin_client, alice, bob, charlie, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    jpeg = image_bytes("JPEG", exif=b"Exif\x00\x00GPS-secret")
    upload = SimpleUploadedFile("logo.jpg", jpeg, content_type="image/jpeg")
    create(admin_client, logo=upload)
    group = Group.objects.get(name="Liège")
    stored = group.logo.read()
    assert stored.startswith(b"\x89PNG") and b"GPS-secret" not in stored
    assert group.logo.name.endswith(".png") and "logo" not in group.logo.name.split("/")[-1]

    response = admin_client.get(reverse("group_logo", args=[group.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    client.force_login(bob)  # same office, another group
    assert client.get(reverse("group_logo", args=[group.pk])).status_code == 200
    client.force_login(charlie)
    assert client.get(reverse("group_logo", args=[group.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("logo.png", b"<html><script>alert(1)</script></html>"),
        ("logo.gif", image_bytes("GIF")),
    ],
)
@pytest.mark.django_db
def test_it_refuses_files_that_are_not_png_jpeg_or_webp(admin_client, name, content):
    response = create(admin_client, logo=SimpleUploadedFile(name, content))
    assert "logo" in response.context["form"].errors
    assert not Group.objects.filter(name="Liège").exists()


@pytest.mark.django_db
def test_it_refuses_a_logo_over_1_mb(admin_client):
    big = image_bytes("PNG", size=(1200, 1200)) + b"\x00" * (1024 * 1024)
    response = create(admin_client, logo=SimpleUploadedFile("big.png", big))
    assert "1 Mo" in response.context["form"].errors["logo"][0]


@pytest.mark.django_db
def test_editing_keeps_the_logo_when_no_new_file_is_sent(admin_client, alice, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    create(admin_client, logo=SimpleUploadedFile("l.webp", image_bytes("WEBP")))
    group = Group.objects.get(name="Liège")
    logo = group.logo.name
    admin_client.post(reverse("group_edit", args=[group.pk]), {"name": "Liège Centre"})
    group.refresh_from_db()
    assert (group.name, group.logo.name) == ("Liège Centre", logo)


@pytest.mark.django_db
def test_the_group_page_lists_users_and_adds_an_existing_one(admin_client, alice, bob):
    default = Group.objects.get(office=alice.membership.office, name="Default")
    html = admin_client.get(reverse("group", args=[default.pk])).content.decode()
    for text in (
        "+ Ajouter un utilisateur existant",
        "Inviter un nouvel utilisateur",
        "Sélectionnez un utilisateur",
        "bob@example.be",
    ):
        assert text in html
    picker = admin_client.get(
        reverse("group", args=[default.pk]), {"q": "peet"}, headers={"HX-Request": "true"}
    )
    assert "bob@example.be" in picker.content.decode()
    assert "<html" not in picker.content.decode()
    assert (
        "bob@example.be"
        not in admin_client.get(
            reverse("group", args=[default.pk]), {"q": "zzz"}, headers={"HX-Request": "true"}
        ).content.decode()
    )

    admin_client.post(reverse("group_add_member", args=[default.pk]), {"member": bob.membership.pk})
    assert bob.membership.groups.filter(pk=default.pk).exists()


@pytest.mark.django_db
def test_a_member_of_another_office_cannot_be_added(admin_client, alice, charlie):
    default = Group.objects.get(office=alice.membership.office, name="Default")
    response = admin_client.post(
        reverse("group_add_member", args=[default.pk]), {"member": charlie.membership.pk}
    )
    assert response.status_code == 404
    assert not charlie.membership.groups.filter(pk=default.pk).exists()


@pytest.mark.django_db
def test_a_group_can_be_deleted_but_not_the_last_one(admin_client, alice, make_user):
    antwerpen = Group.objects.get(office=alice.membership.office, name="Antwerpen")
    dirk = make_user("dirk@example.be", office=alice.membership.office, groups=["Antwerpen"])
    response = admin_client.post(reverse("group_delete", args=[antwerpen.pk]), follow=True)
    assert "seul groupe de" in unescape(response.content.decode())  # Dirk would have none
    dirk.membership.groups.add(Group.objects.get(office=alice.membership.office, name="Default"))
    assert admin_client.post(reverse("group_delete", args=[antwerpen.pk])).url == reverse("groups")
    assert not Group.objects.filter(pk=antwerpen.pk).exists()

    default = Group.objects.get(office=alice.membership.office, name="Default")
    response = admin_client.post(reverse("group_delete", args=[default.pk]), follow=True)
    assert "dernier groupe" in response.content.decode()
    assert Group.objects.filter(pk=default.pk).exists()


@pytest.mark.django_db
def test_brokers_and_other_offices_cannot_reach_groups(client, alice, bob, charlie):
    group = Group.objects.get(office=alice.membership.office, name="Antwerpen")
    client.force_login(bob)
    assert client.get(reverse("group", args=[group.pk])).status_code == 404
    client.force_login(charlie)
    for name in ("group", "group_edit"):
        assert client.get(reverse(name, args=[group.pk])).status_code == 404
    assert client.post(reverse("group_delete", args=[group.pk])).status_code == 404
    assert Group.objects.filter(pk=group.pk).exists()


@pytest.mark.django_db
def test_a_group_holding_quotes_cannot_be_deleted(admin_client, alice, bob, product):
    from brokerdesk.quotes import services as quotes

    antwerpen = bob.membership.current_group
    quotes.create_quote(
        group=antwerpen,
        product=product,
        created_by=bob,
        answers={"activity": {"client_name": "Dupuis"}},
    )
    response = admin_client.post(reverse("group_delete", args=[antwerpen.pk]), follow=True)
    assert "contient des demandes" in response.content.decode()
    assert Group.objects.filter(pk=antwerpen.pk).exists()


@pytest.mark.django_db
def test_a_name_taken_at_the_same_moment_is_refused_with_the_forms_message(alice):
    # Two submissions of one name: the second passed the form's check before the first saved.
    from brokerdesk.offices.services import GroupNameTaken, save_group

    office = alice.membership.office
    with pytest.raises(GroupNameTaken) as refused:
        save_group(office=office, group=None, data={"name": "Antwerpen"}, by=alice)
    assert "nom différent" in refused.value.message
    assert office.groups.filter(name="Antwerpen").count() == 1


@pytest.mark.django_db
def test_the_service_refuses_a_name_taken_in_another_case(alice):
    # The form compares names whatever their case; so does the service, under the office lock.
    from brokerdesk.offices.services import GroupNameTaken, save_group

    office = alice.membership.office
    with pytest.raises(GroupNameTaken):
        save_group(office=office, group=None, data={"name": " ANTWERPEN "}, by=alice)
    antwerpen = office.groups.get(name="Antwerpen")
    save_group(office=office, group=antwerpen, data={"name": "Antwerpen"}, by=alice)  # itself


@pytest.mark.django_db(transaction=True)
def test_one_group_name_posted_at_once_gives_one_group_and_field_errors(alice):
    # Real threads with their own connections on PostgreSQL; SQLite serialises writers anyway.
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection, connections
    from django.test import Client

    workers = 6 if connection.vendor == "postgresql" else 1

    def post(n: int) -> int:
        client = Client()
        client.force_login(alice)
        try:
            response = client.post(reverse("group_create"), {"name": "Gent"})
            if response.status_code == 200:
                assert "nom différent" in unescape(response.content.decode())
            return response.status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        statuses = list(pool.map(post, range(6)))
    assert statuses.count(302) == 1 and set(statuses) <= {200, 302}
    assert alice.membership.office.groups.filter(name="Gent").count() == 1
