"""Load benchmark: 50 brokers at once on gunicorn + PostgreSQL, each with a session of its own.

    python bench/load.py                                  # PostgreSQL bd_bench, 5 minutes
    python bench/load.py --duration 60 --users 20
    python bench/load.py --url http://127.0.0.1:8000      # a server that is already running

Seeds the database (DATABASE_URL, by default postgres://postgres@127.0.0.1:5432/bd_bench) with
bench/quotes.py once, runs the deploy steps and starts gunicorn (DEBUG=0, deploy/gunicorn.conf.py:
two processes a core and one more, or --workers) and `manage.py db_worker` as the README's
"Deploying" section says, unless --url names a server that already runs on that database. Every
simulated broker is a distinct seeded user, logged in through the login form, and goes round:
the list, the list filtered, a search, a new quote through every wizard step (each page read,
then posted), the result page, the offer issued and its PDF downloaded. Between two pages each
waits a random 1 to 5 seconds (--wait), as a person reading the page would (locust's usual
between(1, 5)).

Prints the requests per second, p50/p95/p99 per page, and the errors: any answer that is not
2xx or 3xx, a redirect to the login page, a connection error or a timeout. Goals on a 2-core
machine: no error, p95 under 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode, urlsplit

if __package__ in (None, ""):  # run as a script: bench/ must not shadow the standard library
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench import server

GOAL_P95 = 0.300


class Stats:
    def __init__(self) -> None:
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.examples: list[str] = []

    def error(self, page: str, what: str) -> None:
        self.errors[page] += 1
        if len(self.examples) < 10:
            self.examples.append(f"{page}: {what}")


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else 0.0


class TimeUp(Exception):
    pass


class Broker:
    """One person at work: their own cookies, their own pace."""

    def __init__(self, client, stats: Stats, rng: random.Random, args: argparse.Namespace):
        self.client, self.stats, self.rng = client, stats, rng
        self.wait, self.deadline = tuple(args.wait), time.monotonic() + args.duration
        self.csrf = client.cookies.get("csrftoken")

    async def request(self, page: str, method: str, path: str, data: dict | None = None):
        await asyncio.sleep(self.rng.uniform(*self.wait))
        if time.monotonic() > self.deadline:
            raise TimeUp
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.csrf}
        start = time.perf_counter()
        try:
            response = await self.client.request(method, path, data=data)
        except Exception as error:  # connection refused or reset, timeout: all count
            self.stats.error(page, f"{method} {path}: {error!r}")
            return None
        self.stats.times[page].append(time.perf_counter() - start)
        location = response.headers.get("location", "")
        if not 200 <= response.status_code < 400 or "/login/" in location:
            self.stats.error(page, f"{method} {path}: {response.status_code} {location}")
            return None
        return response

    async def visit(self) -> None:
        from bench import quotes

        await self.request("list", "GET", "/requests/")
        await self.request("list filtered", "GET", "/requests/?status=priced&order=updated")
        term = self.rng.choice(quotes.SEARCHES)
        await self.request("search", "GET", "/search/?" + urlencode({"q": term}))
        path = f"/requests/new/{quotes.PRODUCT}/"
        for _step, data in quotes.form_posts(self.rng):
            await self.request("wizard step GET", "GET", path)
            response = await self.request("wizard step POST", "POST", path, data)
            if response is None or response.status_code != 302:
                return  # the error is counted; start the round again
            path = response.headers["location"]
        # After the last step the wizard prices the quote and shows the result.
        await self.request("result page", "GET", path)
        await self.request("offer issued (POST)", "POST", path + "offer/", {"language": "fr"})
        await self.request("offer PDF", "GET", path + "offer.pdf")


async def run(url: str, sessions: list[dict], args: argparse.Namespace) -> tuple[Stats, float]:
    import httpx

    stats = Stats()
    deadline = time.monotonic() + args.duration
    limits = httpx.Limits(max_connections=4)

    async def broker(number: int, session: dict) -> None:
        rng = random.Random(number)
        cookies = httpx.Cookies()
        for name, value in session.items():  # for the host, so that a new one replaces it
            cookies.set(name, value, domain=urlsplit(url).hostname)
        async with httpx.AsyncClient(
            base_url=url, cookies=cookies, timeout=60, limits=limits
        ) as client:
            person = Broker(client, stats, rng, args)
            with contextlib.suppress(TimeUp):
                while True:
                    await person.visit()

    async def progress() -> None:
        while time.monotonic() < deadline:
            await asyncio.sleep(30)
            done = sum(len(times) for times in stats.times.values())
            print(f"  {done} requests, {sum(stats.errors.values())} errors", flush=True)

    ticker = asyncio.create_task(progress())
    await asyncio.gather(*(broker(n, cookies) for n, cookies in enumerate(sessions)))
    ticker.cancel()
    # Requests start until the deadline: the rates are over that window, not the last waits.
    return stats, float(args.duration)


def report(stats: Stats, elapsed: float) -> None:
    every = [t for times in stats.times.values() for t in times]
    errors = sum(stats.errors.values())
    print(f"{'page':22} {'requests':>8} {'req/s':>7} {'p50':>8} {'p95':>8} {'p99 ms':>8} errors")
    for page, times in [*stats.times.items(), ("all", every)]:
        fails = errors if page == "all" else stats.errors.get(page, 0)
        print(
            f"{page:22} {len(times):8d} {len(times) / elapsed:7.1f} "
            f"{percentile(times, 0.50) * 1000:8.1f} {percentile(times, 0.95) * 1000:8.1f} "
            f"{percentile(times, 0.99) * 1000:8.1f} {fails:6d}"
        )
    for example in stats.examples:
        print(f"  error: {example}")
    p95 = percentile(every, 0.95)
    print(
        f"{len(every) / elapsed:.1f} requests/s over {elapsed:.0f} s, {errors} errors, "
        f"p95 {p95 * 1000:.0f} ms: goals (0 errors, p95 < 300 ms) "
        + ("met" if errors == 0 and p95 < GOAL_P95 else "MISSED")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50, help="brokers at once")
    parser.add_argument("--duration", type=int, default=300, help="seconds")
    parser.add_argument("--wait", type=float, nargs=2, default=[1.0, 5.0], metavar=("MIN", "MAX"))
    parser.add_argument("--url", help="an already running server on DATABASE_URL's database")
    parser.add_argument("--count", type=int, default=20_000, help="quotes to seed")
    parser.add_argument("--big-office", type=int, help="quotes of the big office (count/5)")
    parser.add_argument(
        "--workers", type=int, help="gunicorn workers (deploy/gunicorn.conf.py's by default)"
    )
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    database = os.environ.get("DATABASE_URL", server.DEFAULT_POSTGRESQL)
    big = args.count // 5 if args.big_office is None else args.big_office

    env = server.use_database(database)
    server.setup()
    from django.db import connections

    from bench import quotes

    quotes.ensure_seeded(database, args.count, big, args.reseed)
    connections.close_all()
    emails = quotes.broker_emails(args.users)
    print(
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}, {os.cpu_count()} cores, load average "
        f"{' '.join(f'{v:.1f}' for v in os.getloadavg())}; {args.users} brokers for "
        f"{args.duration} s, {args.wait[0]:g}-{args.wait[1]:g} s between pages; "
        f"{args.count} quotes on {connections['default'].vendor}",
        flush=True,
    )
    if args.url:
        sessions = [server.login(args.url, address) for address in emails]
        report(*asyncio.run(run(args.url, sessions, args)))
        return
    server.prepare(env)
    with server.gunicorn(env, workers=args.workers) as url, server.worker(env):
        sessions = [server.login(url, address) for address in emails]
        report(*asyncio.run(run(url, sessions, args)))


if __name__ == "__main__":
    main()
