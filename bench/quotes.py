"""Seed many quotes through the project's own code, and time search against a naive baseline.

    python bench/quotes.py --count 20000                       # SQLite: var/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bd_bench_1m \\
        python bench/quotes.py --count 1000000                 # PostgreSQL

The seed makes 50 offices of 4 groups (one user each, the first an administrator) and one big
office holding --big-office of the quotes (a fifth by default: 200,000 of 1,000,000). Every quote
gets complete wizard answers; its reference, price breakdown and search text come from the
project's functions (services.reference_for, the services' repricing, Quote.searchable_text),
so search looks through what production indexes. Only the insert is done in bulk. The database
is seeded once and reseeded when --count or --big-office change (or with --reseed).

Then this prints p50 and p95 of search over the visible quotes of a broker and of the big
office's administrator, and of a naive icontains over the same quotes, in this process (the
pages themselves are measured under gunicorn by bench/http.py).
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: bench/ must not shadow the standard library
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench import server

OFFICES, GROUPS_PER_OFFICE = 50, 4
BIG = OFFICES  # the index of the big office, after the others
DOMAIN = "bench.be"
# Names the seed once complete; the version changes with the seed, so older seeds are redone.
SEED_NAME = "Bench big office ({big} of {count} quotes, seed 2)"
PRODUCT = "TPE-KMO"

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
STREETS = ["Rue Haute", "Grote Markt", "Chaussée de Louvain", "Kerkstraat", "Place Saint-Lambert"]
# NACE-BEL 2025 subclasses that the tariff prices (bakeries, shops, cafés, building, offices).
CODES = [
    "47.110",
    "10.712",
    "43.320",
    "47.730",
    "62.100",
    "86.210",
    "49.410",
    "56.111",
    "43.211",
    "47.711",
    "69.201",
]
INSURERS = ["", "Ethias", "AG Insurance", "AXA", "Baloise", "Federale"]
OPTIONS = ["excess_wages", "temporary_incapacity_100", "guaranteed_wage", "medical_costs"]
CATEGORIES = ["employees", "workers", "students", "apprentices"]
SEARCHES = ["dupuis", "boulang", "liege", "bakkerij gent", "0403", "mueller", "wout", "47.11"]
PROFILES = 1000  # distinct risks (activity, staff, covers, claims): priced once each


def email(office: int, group: int) -> str:
    return f"broker{office}-{group}@{DOMAIN}"


def broker_emails(count: int) -> list[str]:
    """Distinct brokers (not administrators) of distinct offices first, for the load test."""
    brokers = [email(o, g) for g in range(1, GROUPS_PER_OFFICE) for o in range(OFFICES)]
    if count > len(brokers):
        raise SystemExit(f"the seed has {len(brokers)} brokers, not {count}")
    return brokers[:count]


def broker_email() -> str:
    """The broker whose session the page benchmarks use: one group of an ordinary office."""
    return email(0, 1)


def big_admin_email() -> str:
    return email(BIG, 0)


# The answers, as the wizard's forms store them


def enterprise_number(rng: random.Random) -> str:
    """A valid one (mod 97): 0, seven digits, two check digits."""
    base = rng.randrange(2 * 10**6, 10**7)
    return f"0{base:07d}{97 - base % 97:02d}"


def risk_profile(rng: random.Random) -> dict[str, Any]:
    """What decides the price: activity, covers, claims, staff, options."""
    from rating.nace import nace_code

    code = rng.choice(CODES)
    covers = {
        "extra_legal": rng.random() < 0.5,
        "h24": rng.random() < 0.3,
        "manager": rng.random() < 0.1,
    }
    known = rng.random() < 0.6
    claims = {
        "history_known": known,
        "years": 3 if known else 0,
        "no_lost_time": rng.choice([0, 0, 0, 1, 2]) if known else 0,
        "temporary_incapacity": rng.choice([0, 0, 0, 1]) if known else 0,
        "permanent_incapacity": 0,
        "fatal": 0,
        "previous_insurer": rng.choice(INSURERS),
        "cancelled_by_insurer": False,
        "aggravated_risk": False,
    }
    legal: dict[str, Any] = {"students_function": "workers"}
    staffed = rng.sample(CATEGORIES[:2], rng.randint(1, 2)) + (
        ["students"] if rng.random() < 0.2 else []
    )
    for category in CATEGORIES:
        count = rng.randint(1, 8) if category in staffed else None
        legal[f"{category}_headcount"] = count
        # Average wages under the legal ceiling: the tariff refuses more without the
        # number of people above it.
        legal[f"{category}_wages"] = (
            str(count * rng.randrange(18_000, 45_000, 500)) if count else None
        )
        legal[f"{category}_above"] = 0 if count else None
    answers: dict[str, Any] = {
        "activity": {
            "activity": f"{code} {nace_code(code).labels['fr']}",
            "insurance_year": 2026,
            "activity_code": code,
        },
        "covers": covers,
        "claims": claims,
        "legal": legal,
    }
    if covers["extra_legal"] or covers["manager"]:
        extra: dict[str, Any] = {
            "options": rng.sample(OPTIONS, rng.randint(0, 2)) if covers["extra_legal"] else []
        }
        if covers["manager"]:
            extra |= {
                "manager_age": rng.randint(25, 64),
                "manager_death_capital": "100000",
                "manager_permanent_capital": None,
                "manager_daily_allowance": None,
            }
        answers["extra"] = extra
    if covers["h24"]:
        answers["h24"] = {"categories": ["employees"], "mode": "pct_payroll"}
    if rng.random() < 0.3:
        answers["payment"] = {"payment_frequency": rng.choice(["quarterly", "monthly"])}
    return answers


def answers_for(rng: random.Random, profile: dict[str, Any]) -> dict[str, Any]:
    """A profile with a client of its own: the step 1.1 fields in the form's order."""
    client = f"{rng.choice(TRADES)} {rng.choice(NAMES)}"
    postal, city = rng.choice(CITIES)
    activity = {
        "client_name": client,
        "activity": profile["activity"]["activity"],
        "enterprise_number": enterprise_number(rng) if rng.random() < 0.8 else "",
        "street": rng.choice(STREETS),
        "number": str(rng.randrange(1, 300)),
        "postal_code": postal,
        "city": city,
        "insurance_year": profile["activity"]["insurance_year"],
        "activity_code": profile["activity"]["activity_code"],
    }
    return {**profile, "activity": activity}


def form_posts(rng: random.Random) -> list[tuple[str, dict[str, Any]]]:
    """The wizard's steps as a broker fills them in the browser: (step, posted fields)."""
    postal, _city = rng.choice(CITIES)
    staff = rng.randint(1, 6)
    return [
        (
            "activity",
            {
                "client_name": f"{rng.choice(TRADES)} {rng.choice(NAMES)}",
                "activity": rng.choice(CODES),
                "enterprise_number": f"BE{enterprise_number(rng)}",
                "street": rng.choice(STREETS),
                "number": str(rng.randrange(1, 300)),
                "postal_code": postal,
                "city": "",
                "insurance_year": "2026",
            },
        ),
        ("covers", {"extra_legal": "on", "h24": "on"}),
        (
            "claims",
            {
                "history_known": "yes",
                "years": "3",
                "no_lost_time": "1",
                "temporary_incapacity": "0",
                "permanent_incapacity": "0",
                "fatal": "0",
                "previous_insurer": rng.choice(INSURERS),
                "cancelled_by_insurer": "no",
                "aggravated_risk": "no",
            },
        ),
        (
            "legal",
            {
                "students_function": "workers",
                "employees_headcount": str(staff),
                "employees_wages": str(staff * rng.randrange(25_000, 55_000, 500)),
                "employees_above": "0",
                "workers_headcount": "2",
                "workers_wages": "79000",
                "workers_above": "0",
            },
        ),
        ("extra", {"options": rng.sample(OPTIONS, 2)}),
        ("h24", {"categories": ["employees", "workers"], "mode": "pct_payroll"}),
    ]


# Seeding


@contextlib.contextmanager
def dates_as_given() -> Iterator[None]:
    """Let bulk_create keep the creation and update dates the seed spreads over three years."""
    from brokerdesk.quotes.models import Quote

    fields = [Quote._meta.get_field(name) for name in ("created_at", "updated_at")]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, (now, now_add) in zip(fields, saved, strict=True):
            field.auto_now, field.auto_now_add = now, now_add


@contextlib.contextmanager
def rating_memoised() -> Iterator[None]:
    """The rating engine called once per distinct input (its contract): the same results,
    without pricing a million times the thousand profiles the quotes share."""
    from brokerdesk.quotes import pricing

    compute = pricing.compute
    results: dict[str, Any] = {}

    def memoised(answers: dict[str, Any], tariff: Any = None) -> Any:
        key = json.dumps(pricing.contract(answers), sort_keys=True)
        key += tariff.version if tariff else ""
        if key not in results:
            results[key] = compute(answers, tariff)
        return results[key]

    tariff_of = pricing.tariff_of
    tariffs: dict[tuple, Any] = {}

    def tariff_memoised(quote: Any) -> Any:
        # Which version prices a quote depends on these alone: no query per quote.
        key = (quote.product_id, quote.tariff_version, quote.created_at.date())
        if key not in tariffs:
            tariffs[key] = tariff_of(quote)
        return tariffs[key]

    pricing.compute, pricing.tariff_of = memoised, tariff_memoised
    try:
        yield
    finally:
        pricing.compute, pricing.tariff_of = compute, tariff_of


def insert(quotes: list[Any]) -> None:
    """bulk_create, or on PostgreSQL a COPY of the same values as Django prepares them for the
    database (several times faster than the INSERT of arrays that bulk_create sends there)."""
    from django.db import connection

    from brokerdesk.quotes.models import Quote

    if connection.vendor != "postgresql":
        Quote.objects.bulk_create(quotes)
        return
    import psycopg
    from django.db import InterfaceError, OperationalError

    fields = [f for f in Quote._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    rows = [[f.get_db_prep_save(getattr(q, f.attname), connection) for f in fields] for q in quotes]
    for attempt in range(20):
        try:
            with (
                connection.cursor() as cursor,
                cursor.copy(f"COPY quotes_quote ({columns}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
            return
        except (psycopg.OperationalError, OperationalError, InterfaceError) as error:
            # Fault tests of colleagues restart PostgreSQL on this machine: a COPY cut short
            # committed nothing, so wait for the database and copy the batch again.
            if connection.in_atomic_block or attempt == 19:
                raise
            print(f"  {type(error).__name__}: copying the batch again", flush=True)
            connection.close()
            time.sleep(3)


def is_seeded(count: int, big: int) -> bool:
    from brokerdesk.offices.models import Office

    return Office.objects.filter(name=SEED_NAME.format(big=big, count=count)).exists()


def seed(count: int, big: int) -> None:
    """Offices, groups, users with the bench password, accepted integrations, and the quotes."""
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone, translation

    from brokerdesk.accounts.models import User
    from brokerdesk.catalogue.models import Integration, Product
    from brokerdesk.offices.models import Group, Membership, Office
    from brokerdesk.quotes import services
    from brokerdesk.quotes.models import OfficeCounter, Quote
    from brokerdesk.quotes.search import FTS_TABLE, ensure_index

    started = time.monotonic()
    rng = random.Random(42)
    call_command("seed_demo", "--public-demo", stdout=io.StringIO())  # the insurer and product
    product = Product.objects.select_related("insurer").get(code=PRODUCT)
    password = make_password(server.PASSWORD)  # hashed once: argon2 is slow on purpose
    groups: list[Any] = []
    with transaction.atomic():
        for o in range(OFFICES + 1):
            office = Office.objects.create(
                name=f"Bench office {o}" if o < BIG else "Bench big office (seeding)"
            )
            office_groups = [
                Group.objects.create(office=office, name=f"G{g}") for g in range(GROUPS_PER_OFFICE)
            ]
            for g, group in enumerate(office_groups):
                user = User.objects.create(
                    email=email(o, g),
                    first_name=rng.choice(["Anne", "Bart", "Chloé", "Dirk", "Élise", "Frank"]),
                    last_name=f"{rng.choice(NAMES)} {o}-{g}",
                    password=password,
                    language="fr",
                )
                membership = Membership.objects.create(
                    user=user, office=office, is_admin=(g == 0), current_group=group
                )
                membership.groups.add(*(office_groups if g == 0 else [group]))
                Integration.objects.create(
                    group=group,
                    product=product,
                    producer_number=f"{o:03d}{g:03d}",
                    status=Integration.Status.ACCEPTED,
                    requested_by=user,
                    requested_at=timezone.now(),
                )
                group.user = user  # who makes the group's quotes
                groups.append(group)
    big_office = office

    # Indexes built once at the end are much faster than row by row; ensure_index() (the
    # project's own) creates them again and fills the SQLite one from the quotes.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS quotes_quote_search_trgm")
        else:
            for event in ("insert", "delete", "update"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{event}")

    profiles = [risk_profile(rng) for _ in range(PROFILES)]
    ordinary = [g for g in groups if g.office_id != big_office.pk]
    in_big = [g for g in groups if g.office_id == big_office.pk]
    now = timezone.now()
    span = timedelta(days=3 * 365)
    numbers: dict[int, int] = {}
    batch: list[Quote] = []
    with dates_as_given(), rating_memoised(), translation.override("fr"):
        for n in range(count):
            # Quotes come in creation order: numbers and dates grow together, as in real life.
            group = rng.choice(in_big if rng.random() < big / count else ordinary)
            numbers[group.office_id] = number = numbers.get(group.office_id, 0) + 1
            answers = answers_for(rng, rng.choice(profiles))
            created = now - span + span * (n / count)
            quote = Quote(
                office_id=group.office_id,
                group=group,
                created_by=group.user,
                product=product,
                number=number,
                reference=services.reference_for(
                    product, answers["activity"]["client_name"], number
                ),
                client_name=answers["activity"]["client_name"],
                created_at=created,
                updated_at=min(now, created + timedelta(hours=rng.randrange(0, 24 * 30))),
            )
            state = rng.random()
            if state < 0.3:  # a draft left after the first steps
                quote.answers = {k: answers[k] for k in ("activity", "covers", "claims")}
                quote.steps_done = list(quote.answers)
            else:
                quote.answers = answers
                quote.steps_done = [k for k in answers if k != "payment"]
                quote.status = Quote.Status.PRICED if state < 0.9 else Quote.Status.ARCHIVED
                services._reprice(quote)  # breakdown, total, tariff version, referral
            quote.search_text = quote.searchable_text()
            batch.append(quote)
            if len(batch) == 5000:
                insert(batch)
                batch = []
                print(f"  {n + 1} quotes", end="\r", flush=True)
        insert(batch)
    OfficeCounter.objects.bulk_create(
        [OfficeCounter(office_id=office, last_number=last) for office, last in numbers.items()]
    )
    print(f"  {count} quotes inserted; indexing ...", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Inside a transaction (a test's), PostgreSQL builds no index while foreign-key
            # checks are pending: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    ensure_index()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # What autovacuum does a while after a bulk load: the visibility map lets counts
            # read the indexes alone. VACUUM cannot run in a transaction (the seed's test).
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    big_office.name = SEED_NAME.format(big=big, count=count)
    big_office.save(update_fields=["name"])
    print(f"  seeded in {time.monotonic() - started:.0f} s", flush=True)


def ensure_seeded(url: str, count: int, big: int, reseed: bool = False) -> None:
    """Seed an empty database unless it already holds this seed. Call after server.setup()."""
    from django.core.management import call_command
    from django.db import DatabaseError

    server.ensure_database(url)
    try:
        seeded = not reseed and is_seeded(count, big)
    except DatabaseError:  # not even migrated
        seeded = False
    if not seeded:
        print(f"Seeding {count} quotes ({big} in the big office) into {url} ...", flush=True)
        server.recreate_database(url)
        call_command("migrate", verbosity=0)
        seed(count, big)
    call_command("migrate", verbosity=0)  # a seed made before a new migration


# Search against the naive baseline, in this process


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def timed(call: Callable[[], Any], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


def search_against_naive(rounds: int) -> list[tuple[str, list[float], list[float]]]:
    """(who, indexed search samples, naive samples) for a broker and the big office's admin,
    both searching the quotes they may see, the 50 shown by the search page."""
    from brokerdesk.offices.models import Membership
    from brokerdesk.quotes.models import Quote
    from brokerdesk.quotes.search import naive_search, search

    found = []
    for who, address in (("broker", broker_email()), ("big-office admin", big_admin_email())):
        membership = Membership.objects.get(user__email=address)
        visible = Quote.objects.filter(office=membership.office)
        if not membership.is_admin:
            visible = visible.filter(group__in=membership.groups.all())
        for term in SEARCHES:  # warm up the caches, as a running server has them
            list(search(visible, term)[:50])
        terms = iter(SEARCHES * rounds)
        indexed = timed(lambda v=visible, t=terms: list(search(v, next(t))[:50]), rounds)
        terms = iter(SEARCHES * rounds)
        naive = timed(lambda v=visible, t=terms: list(naive_search(v, next(t))[:50]), rounds)
        found.append((f"{who} ({visible.count()} visible)", indexed, naive))
    return found


def print_search_against_naive(rounds: int) -> None:
    for who, indexed, naive in search_against_naive(rounds):
        ratio = statistics.median(naive) / statistics.median(indexed)
        print(
            f"search query, {who}: p50 {statistics.median(indexed) * 1000:.1f} ms, "
            f"p95 {percentile(indexed, 0.95) * 1000:.1f} ms; naive icontains: "
            f"p50 {statistics.median(naive) * 1000:.1f} ms, "
            f"p95 {percentile(naive, 0.95) * 1000:.1f} ms; "
            f"index {ratio:.1f}x faster (p50), "
            f"{percentile(naive, 0.95) / percentile(indexed, 0.95):.1f}x (p95)"
        )


def main() -> None:
    import argparse
    import os

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--big-office", type=int, help="quotes of the big office (count/5)")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", server.DEFAULT_SQLITE)
    big = args.count // 5 if args.big_office is None else args.big_office

    server.use_database(url)
    server.setup()
    ensure_seeded(url, args.count, big, args.reseed)
    print_search_against_naive(args.rounds)


if __name__ == "__main__":
    main()
