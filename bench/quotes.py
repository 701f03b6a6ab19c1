"""Benchmark: the "Demandes" list and search with many quotes, for a broker and an administrator.

    python bench/quotes.py --count 100000                      # SQLite: var/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/brokerdesk_bench \\
        python bench/quotes.py --count 1000000                 # PostgreSQL

Seeds the quotes once (50 offices, 200 groups; re-run with --reseed to start again), then
prints p50 and p95 of the list page and of search through the real views, and the same search
done naively (icontains over the answers) as a baseline. Goals on a 2-core machine with
1,000,000 quotes on PostgreSQL: list p95 <= 50 ms, search p95 <= 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brokerdesk.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
# Timing runs through the test client: the host it uses must be allowed.
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from brokerdesk.accounts.models import User  # noqa: E402
from brokerdesk.catalogue.models import Insurer, Product  # noqa: E402
from brokerdesk.lib.text import fold  # noqa: E402
from brokerdesk.offices.models import Group, Membership, Office  # noqa: E402
from brokerdesk.quotes.models import Quote  # noqa: E402
from brokerdesk.quotes.search import naive_search, search  # noqa: E402

OFFICES, GROUPS_PER_OFFICE = 50, 4
NAMES = [
    "Dupuis",
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Lambert",
    "Dubois",
    "Lefèvre",
    "Martin",
    "Müller",
]
TRADES = [
    "Boulangerie",
    "Boucherie",
    "Garage",
    "Café",
    "Bakkerij",
    "Schrijnwerkerij",
    "Coiffure",
    "Menuiserie",
    "Pharmacie",
    "Fleuriste",
    "Électricité",
    "Plomberie",
]
CITIES = [
    ("1000", "Bruxelles"),
    ("2000", "Antwerpen"),
    ("4000", "Liège"),
    ("9000", "Gent"),
    ("5000", "Namur"),
    ("3000", "Leuven"),
    ("7000", "Mons"),
    ("8000", "Brugge"),
]
CODES = ["47.110", "10.712", "45.201", "56.101", "96.021", "43.320", "47.730", "43.210"]
SEARCHES = ["dupuis", "boulang", "liege", "bakkerij gent", "0403", "mueller", "wout", "47.11"]


def seed(count: int) -> None:
    rng = random.Random(42)
    insurer, _ = Insurer.objects.get_or_create(name="Vivium", defaults={"reference_prefix": "PV"})
    product, _ = Product.objects.get_or_create(
        code="TPE-KMO",
        defaults={
            "insurer": insurer,
            "name_fr": "TPE Tool",
            "name_nl": "TPE Tool",
            "name_en": "TPE Tool",
        },
    )
    groups, users = [], []
    for o in range(OFFICES):
        office = Office.objects.create(name=f"Bench office {o}")
        office_groups = [
            Group.objects.create(office=office, name=f"G{g}") for g in range(GROUPS_PER_OFFICE)
        ]
        for g, group in enumerate(office_groups):
            user = User.objects.create(
                email=f"broker{o}-{g}@bench.be",
                first_name="Broker",
                last_name=f"{o}-{g}",
                is_active=True,
            )
            membership = Membership.objects.create(
                user=user, office=office, is_admin=(g == 0), current_group=group
            )
            membership.groups.add(group)
            groups.append(group)
            users.append(user)
    pg = connection.vendor == "postgresql"
    if pg:  # building the trigram index once at the end is much faster than row by row
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS quotes_quote_search_trgm")
    numbers: dict[int, int] = {}
    batch = []
    for n in range(count):
        index = rng.randrange(len(groups))
        group, user = groups[index], users[index]
        numbers[group.office_id] = numbers.get(group.office_id, 0) + 1
        number = numbers[group.office_id]
        client = f"{rng.choice(TRADES)} {rng.choice(NAMES)}"
        postal, city = rng.choice(CITIES)
        answers = {
            "activity": {
                "client_name": client,
                "activity_code": rng.choice(CODES),
                "enterprise_number": f"0{rng.randrange(10**8, 10**9)}",
                "street": "Rue Haute",
                "number": str(rng.randrange(1, 300)),
                "postal_code": postal,
                "city": city,
            },
            "legal": {
                "workers_headcount": rng.randrange(1, 9),
                "workers_wages": str(rng.randrange(20000, 400000)),
            },
        }
        reference = f"PV_TPE-KMO_{fold(client).upper().replace(' ', '-')}_{number:04d}"
        text = fold(
            " ".join(
                [
                    reference,
                    client,
                    user.first_name,
                    user.last_name,
                    user.email,
                    *[str(v) for step in answers.values() for v in step.values()],
                ]
            )
        )
        batch.append(
            Quote(
                office_id=group.office_id,
                group=group,
                created_by=user,
                product=product,
                number=number,
                reference=reference,
                client_name=client,
                answers=answers,
                search_text=text,
            )
        )
        if len(batch) == 5000:
            Quote.objects.bulk_create(batch)
            batch = []
            print(f"  {n + 1} quotes", end="\r", flush=True)
    Quote.objects.bulk_create(batch)
    if pg:
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE INDEX quotes_quote_search_trgm ON quotes_quote "
                "USING gin (search_text gin_trgm_ops)"
            )
            cursor.execute("ANALYZE quotes_quote")
    print(f"  {count} quotes seeded")


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"p50 {statistics.median(ordered) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def timed(call, rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    existing = Quote.objects.count()
    if args.reseed or existing != args.count:
        print(f"Seeding {args.count} quotes on {connection.vendor} ...")
        with transaction.atomic():
            Quote.objects.all().delete()
            Membership.objects.all().delete()
            Group.objects.all().delete()
            Office.objects.all().delete()
            User.objects.filter(email__endswith="@bench.be").delete()
        # Batches commit one by one: PostgreSQL cannot build an index in a transaction that
        # still has foreign-key checks pending.
        seed(args.count)

    broker = Membership.objects.filter(is_admin=False, user__email__endswith="@bench.be").first()
    admin = Membership.objects.filter(is_admin=True, user__email__endswith="@bench.be").first()
    print(
        f"{Quote.objects.count()} quotes on {connection.vendor}, "
        f"{Office.objects.count()} offices, {Group.objects.count()} groups"
    )
    for label, membership in (("broker", broker), ("administrator", admin)):
        client = Client()
        client.force_login(membership.user)
        client.get("/requests/")  # warm up
        listing = timed(lambda c=client: c.get("/requests/"), args.rounds)
        print(f"{label:14} list page         {percentiles(listing)}")
        queries = iter(SEARCHES * args.rounds)
        found = timed(lambda c=client, q=queries: c.get("/search/", {"q": next(q)}), args.rounds)
        print(f"{label:14} search page       {percentiles(found)}")
    visible = Quote.objects.filter(office=admin.office)
    terms = iter(SEARCHES * args.rounds)
    indexed = timed(lambda: list(search(visible, next(terms))[:50]), args.rounds)
    terms = iter(SEARCHES * args.rounds)
    naive = timed(lambda: list(naive_search(visible, next(terms))[:50]), args.rounds)
    print(f"{'administrator':14} search query     {percentiles(indexed)}")
    print(f"{'administrator':14} naive icontains  {percentiles(naive)}   (baseline)")


if __name__ == "__main__":
    main()
