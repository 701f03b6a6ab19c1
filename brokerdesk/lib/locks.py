"""Locks on a name rather than a row, for a rule about a row that does not exist yet.

"No second office with this enterprise number" has no row to lock before the first is made:
two sign-ups at once would both find none. A transaction-scoped advisory lock on the number
serialises them on PostgreSQL; SQLite serialises every write transaction anyway.
"""

from __future__ import annotations

import hashlib

from django.db import connection


def lock_name(name: str) -> None:
    """Hold a lock on `name` until the current transaction ends (call it inside one)."""
    if connection.vendor != "postgresql":
        return
    digest = hashlib.sha256(name.encode()).digest()
    key = int.from_bytes(digest[:8], "big", signed=True)  # PostgreSQL's bigint key
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
