"""The "Exporter" of the Demandes list over 100,000 quotes: time and peak memory.

    .venv/bin/python bench/export.py                  # SQLite: var/bench-export.sqlite3
    .venv/bin/python bench/export.py --count 100000 --reseed
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bd_bench_export python bench/export.py

One broker's group holds --count quotes (inserted in bulk, with step 1.1 answers and a
premium). The CSV is read as the browser would, chunk after chunk, and the XLSX downloaded;
for each it prints the seconds and the bytes, and with --memory the peak of Python memory
(tracemalloc) while it was made: that peak stays flat however many quotes there are.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

if __package__ in (None, ""):  # run as a script: bench/ must not shadow the standard library
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench import server

DEFAULT = f"sqlite:///{server.ROOT / 'var' / 'bench-export.sqlite3'}"
BROKER = "export-broker@bench.be"


def seed(count: int) -> None:
    from django.core.management import call_command

    from brokerdesk.quotes.models import Quote
    from tests.factories import ProductFactory, member

    call_command("migrate", verbosity=0)
    product = ProductFactory()
    broker = member(BROKER, groups=["Export"], first_name="Bench")
    group = broker.membership.current_group or broker.membership.groups.first()
    batch = 5000
    for start in range(0, count, batch):
        Quote.objects.bulk_create(
            Quote(
                office_id=group.office_id,
                group=group,
                created_by=broker,
                product=product,
                number=n + 1,
                reference=f"PV_TPE-KMO_CLIENT-{n:06d}_{n + 1:04d}",
                client_name=f"Client {n:06d}",
                status="priced",
                answers={
                    "activity": {"activity_code": "47.110", "enterprise_number": "0403019261"}
                },
                total_annual=Decimal("1234.56"),
            )
            for n in range(start, min(start + batch, count))
        )


def measure(client, url: str, memory: bool) -> tuple[float, int, int]:
    """Seconds and bytes of one download; with `memory`, also its peak of Python memory
    (tracemalloc slows Python down several times: the seconds are then not comparable)."""
    if memory:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get(url)
    size = sum(len(part) for part in response.streaming_content)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if memory else 0
    if memory:
        tracemalloc.stop()
    return seconds, size, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--memory", action="store_true", help="measure the peak (slower)")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", DEFAULT)
    server.use_database(url)
    server.setup()
    from django.conf import settings
    from django.test import Client

    from brokerdesk.accounts.models import User
    from brokerdesk.quotes.models import Quote

    settings.ALLOWED_HOSTS = ["*"]
    settings.ABUSE_LIMITS = {**settings.ABUSE_LIMITS, "export": {}}
    seeded = False
    try:
        seeded = Quote.objects.count() == args.count and not args.reseed
    except Exception:  # no tables yet
        seeded = False
    if not seeded:
        server.recreate_database(url)
        print(f"seeding {args.count} quotes ...", flush=True)
        seed(args.count)
    client = Client()
    client.force_login(User.objects.get(email=BROKER))
    for kind in ("csv", "xlsx"):
        seconds, size, peak = measure(client, f"/requests/export.{kind}", args.memory)
        memory = f", peak Python memory {peak / 1e6:.1f} MB" if args.memory else ""
        print(f"{kind}: {seconds:.1f} s, {size / 1e6:.1f} MB{memory}")


if __name__ == "__main__":
    main()
