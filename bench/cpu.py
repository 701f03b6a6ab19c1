"""What one page costs in one process: CPU milliseconds a request, queries, and a cProfile.

On a loaded machine wrk's rates measure the neighbours as much as the page; CPU time in one
process does not (issue 15). Production settings (DEBUG=0), the Django test client, the
benchmark's broker. Run `bench/http.py` (or `bench/quotes.py`) once first to seed, and
collectstatic as bench/http.py does.

    .venv/bin/python bench/cpu.py /requests/                     # ms and queries
    .venv/bin/python bench/cpu.py /requests/ --sort tottime      # and the profile
    .venv/bin/python bench/cpu.py /requests/ --who broker50-0@bench.be --sql
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import pstats
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: bench/ must not shadow the standard library
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench import server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default="/requests/")
    parser.add_argument("--who", default="broker0-1@bench.be")
    parser.add_argument("--requests", type=int, default=50, help="a round (best of 3)")
    parser.add_argument("--sort", help="print a cProfile sorted so (cumulative, tottime)")
    parser.add_argument("--sql", action="store_true", help="print the page's queries")
    args = parser.parse_args()

    server.use_database(os.environ.get("DATABASE_URL", server.DEFAULT_SQLITE))
    server.setup()
    logging.getLogger("brokerdesk.requests").setLevel(logging.WARNING)
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from brokerdesk.accounts.models import User

    settings.ALLOWED_HOSTS = ["*"]
    from brokerdesk.security.services import SESSION_KEY

    client = Client()
    user = User.objects.get(email=args.who)
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = user.pk  # an administrator's second factor, as if given
    session.save()
    for _ in range(5):  # templates loaded, caches filled
        response = client.get(args.url)
    print(f"{args.url}: {response.status_code}, {len(response.content)} bytes")
    with CaptureQueriesContext(connection) as queries:
        client.get(args.url)
    print(f"queries: {len(queries)}")
    if args.sql:
        for query in queries.captured_queries:
            print("  ", query["sql"][:300])
    rounds = []
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(args.requests):
            client.get(args.url)
        n = args.requests
        rounds.append(((time.process_time() - cpu) / n, (time.perf_counter() - wall) / n))
    cpu, wall = min(rounds)
    print(f"CPU ms a request (best of 3): {cpu * 1000:.2f}, wall {wall * 1000:.2f}")
    if args.sort:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(30):
            client.get(args.url)
        profile.disable()
        pstats.Stats(profile).sort_stats(args.sort).print_stats(50)


if __name__ == "__main__":
    main()
