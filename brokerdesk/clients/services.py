"""Client workflows: find or create the client of a quote's step 1.1, edit a client.

One client per enterprise number per office: the database constraint decides, so two quotes
saved at once for the same new number end up with the same client.

What a quote's step 1.1 says never rewrites an existing client's record: the client is filled
from the quote only when it is created, and is then edited on its own page (a typo in one
quote must not change what every other quote and offer of that client shows).
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from brokerdesk.accounts.models import User
from brokerdesk.audit.log import record
from brokerdesk.clients.models import Client
from brokerdesk.lib.belgium import normalise_enterprise_number
from brokerdesk.lib.text import fold

# What step 1.1 of a quote gives a new client (answers key -> client field).
FROM_ANSWERS = {
    "client_name": "name",
    "street": "street",
    "number": "number",
    "postal_code": "postal_code",
    "city": "city",
    "activity_code": "activity_code",
}
# What the client page lets one edit.
EDITABLE = ("contact_name", "email", "phone", "language", "street", "number", "postal_code", "city")


class InvalidEnterpriseNumber(ValueError):
    pass


def fields_from_answers(activity: dict[str, Any]) -> dict[str, str]:
    fields = {field: str(activity.get(key) or "") for key, field in FROM_ANSWERS.items()}
    fields["name"] = fields["name"][:200]
    return fields


def _checked_number(number: str) -> str:
    if not number:
        return ""
    checked = normalise_enterprise_number(number)
    if checked is None:
        raise InvalidEnterpriseNumber(number)
    return checked


@transaction.atomic
def create_client(*, office_id: int, fields: dict[str, Any], by: User) -> tuple[Client, bool]:
    """The new client and True; or, for an enterprise number the office already has, that
    client and False (even when another request creates it at the same moment)."""
    fields = dict(fields)
    number = _checked_number(fields.pop("enterprise_number", "") or "")
    # No look-up first: the insert itself asks the database, which holds a concurrent insert
    # of the same number until it commits, then refuses this one; the client is then read.
    try:
        with transaction.atomic():  # a savepoint: the constraint may refuse the row
            client = Client.objects.create(
                office_id=office_id, enterprise_number=number, created_by=by, **fields
            )
    except IntegrityError:
        if not number:
            raise
        return Client.objects.get(office_id=office_id, enterprise_number=number), False
    record("client.created", actor=by, target=client, office=client.office, name=client.name)
    return client, True


def client_of_quote(
    *,
    office_id: int,
    activity: dict[str, Any],
    chosen: Client | None,
    current: Client | None,
    by: User,
) -> Client:
    """The client step 1.1 designates: the office's client of the enterprise number typed
    (created from the step if new); else the client picked in the suggestions, if its name
    was not typed over; else the quote's own client when it has no number either; else a new
    client of the name typed."""
    number = _checked_number(str(activity.get("enterprise_number") or ""))
    if number:
        fields = {**fields_from_answers(activity), "enterprise_number": number}
        return create_client(office_id=office_id, fields=fields, by=by)[0]
    name = str(activity.get("client_name") or "")
    if chosen is not None and chosen.office_id == office_id and fold(chosen.name) == fold(name):
        return chosen  # picked, and not typed over since
    if current is not None and not current.enterprise_number:
        return current  # saved again: the same client, not one more of the same name
    return create_client(office_id=office_id, fields=fields_from_answers(activity), by=by)[0]


@transaction.atomic
def update_client(*, client: Client, data: dict[str, Any], by: User) -> Client:
    client = Client.objects.select_for_update().get(pk=client.pk)
    changed = [name for name in EDITABLE if name in data and getattr(client, name) != data[name]]
    if not changed:
        return client
    for name in changed:
        setattr(client, name, data[name])
    client.save(update_fields=[*changed, "updated_at"])
    record("client.updated", actor=by, target=client, office=client.office, fields=changed)
    return client
