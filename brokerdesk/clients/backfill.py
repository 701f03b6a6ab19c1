"""Attach the quotes made before clients existed to clients (data migration 0002).

One client per (office, enterprise number) when the quote's step 1.1 has one, else one per
(office, client name folded to plain lower-case words). It works on the historical models the
migration passes (`apps`), in batches, and may run again: only quotes without a client are
read, and the clients it made before are found again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from brokerdesk.lib.text import fold

BATCH_SIZE = 2000
ENTERPRISE_NUMBER = re.compile(r"\d{10}")
# Step 1.1's answers -> the client's fields.
FIELDS = {
    "street": 200,
    "number": 20,
    "postal_code": 4,
    "city": 100,
    "activity_code": 10,
}


def normalised_name(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(name or "")).split())


def _key(office_id: int, activity: dict[str, Any], client_name: str) -> tuple[int, str, str]:
    number = activity.get("enterprise_number")
    if isinstance(number, str) and ENTERPRISE_NUMBER.fullmatch(number):
        return (office_id, "number", number)
    return (office_id, "name", normalised_name(client_name))


def attach_quotes(apps: Any, schema_editor: Any = None) -> int:
    """Returns how many quotes were attached."""
    Quote = apps.get_model("quotes", "Quote")
    Client = apps.get_model("clients", "Client")
    known: dict[tuple[int, str, str], int] = {}
    offices_read: set[int] = set()
    attached = 0
    last_pk = 0
    while True:
        batch = list(
            Quote.objects.filter(client__isnull=True, pk__gt=last_pk)
            .order_by("pk")
            .values("pk", "office_id", "created_by_id", "client_name", "answers")[:BATCH_SIZE]
        )
        if not batch:
            return attached
        last_pk = batch[-1]["pk"]
        by_client: dict[int, list[int]] = defaultdict(list)
        for row in batch:
            office_id = row["office_id"]
            if office_id not in offices_read:  # the office's clients made before
                offices_read.add(office_id)
                for client in Client.objects.filter(office_id=office_id).only(
                    "pk", "name", "enterprise_number"
                ):
                    if client.enterprise_number:
                        known[(office_id, "number", client.enterprise_number)] = client.pk
                    else:
                        known.setdefault(
                            (office_id, "name", normalised_name(client.name)), client.pk
                        )
            activity = (row["answers"] or {}).get("activity") or {}
            if not isinstance(activity, dict):
                activity = {}
            key = _key(office_id, activity, row["client_name"])
            if key not in known:
                known[key] = _new_client(Client, row, activity, key).pk
            by_client[known[key]].append(row["pk"])
        for client_id, quote_ids in by_client.items():
            Quote.objects.filter(pk__in=quote_ids).update(client_id=client_id)
            attached += len(quote_ids)


def _new_client(Client: Any, row: dict[str, Any], activity: dict[str, Any], key: tuple) -> Any:
    values = {field: str(activity.get(field) or "")[:limit] for field, limit in FIELDS.items()}
    return Client.objects.create(
        office_id=row["office_id"],
        enterprise_number=key[2] if key[1] == "number" else "",
        name=(row["client_name"] or str(activity.get("client_name") or ""))[:200] or "?",
        created_by_id=row["created_by_id"],
        **values,
    )
