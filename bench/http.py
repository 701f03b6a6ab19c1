"""Benchmark: the pages as users meet them, under gunicorn, against a bare Django view.

    python bench/http.py                                       # SQLite, 20,000 quotes
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bd_bench_1m \\
        python bench/http.py --count 1000000                   # PostgreSQL, 1,000,000 quotes

Seeds the database with bench/quotes.py (once), runs the deploy steps (migrate, compilemessages,
collectstatic) and serves the project with gunicorn in production mode (DEBUG=0, a real
SECRET_KEY, 2 sync workers), then a bare Django "hello" application (bench/hello.py) under the
same gunicorn settings. It logs a seeded broker in through the login form, as well as the
administrator of the big office, and drives each page with wrk (Debian's `wrk`) for --duration
seconds over --connections connections: the list, the list filtered, search, a wizard step
(GET and POST), the result page and the offer PDF; then the project's floor, its settings and
middleware in front of a view that answers "hello" to the same logged-in broker (bench/floor.py).
It prints the requests per second, p50 and p95 of each, and each page's throughput as a ratio to
the bare view's. Search of the big office is measured once more one request at a time: that is
the wait of a user on an otherwise idle server. Last, search is timed against the naive
icontains baseline over the same visible quotes, in this process.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

if __package__ in (None, ""):  # run as a script: bench/http.py must not shadow http
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench import server

WRK_SCRIPT = Path(__file__).resolve().parent / "wrk.lua"
FLOOR = "logged-in hello (project's middleware)"


@dataclass
class Target:
    label: str
    paths: list[str]
    cookies: dict[str, str] | None = None
    method: str = "GET"
    body: dict[str, str] = field(default_factory=dict)
    expect: int = 200
    one_at_a_time: bool = False


@dataclass
class Result:
    label: str
    rate: float
    p50: float
    p95: float
    errors: int


def working_quotes(count: int) -> tuple[list[int], int, int]:
    """Quotes of the benchmark's broker made through the services as the wizard makes them:
    `count` for the wizard POSTs to go round, one priced (step GET, result page) and one issued
    offer (PDF). Made by the first run, found again by the next ones."""
    from bench import quotes
    from brokerdesk.accounts.models import User
    from brokerdesk.catalogue.models import Product
    from brokerdesk.offers import services as offers
    from brokerdesk.quotes import services
    from brokerdesk.quotes.models import Quote

    user = User.objects.get(email=quotes.broker_email())
    group = user.membership.current_group
    product = Product.objects.get(code=quotes.PRODUCT)
    names = [f"Bench working quote {n}" for n in range(count + 2)]
    made = {q.client_name: q for q in Quote.objects.filter(group=group, client_name__in=names)}
    rng = random.Random(7)
    for name in names:
        answers = quotes.answers_for(rng, quotes.risk_profile(rng))
        if name in made:
            continue
        activity = {**answers["activity"], "client_name": name}
        quote = services.create_quote(
            group=group, product=product, created_by=user, answers={"activity": activity}
        )
        for step in ("covers", "claims", "legal", "extra", "h24"):
            if step in answers:
                quote = services.save_step(quote=quote, step=step, data=answers[step], by=user)
        made[name] = services.finish(quote=quote, by=user)
    issued = made[names[-1]]
    if issued.status != Quote.Status.ISSUED:  # kept as an offer version, as the page does
        issued = offers.issue_offer(quote=issued, language="fr", by=user).quote
    return [made[name].pk for name in names[:-2]], made[names[-2]].pk, issued.pk


def check(url: str, target: Target) -> None:
    """One request first: a page that fails or sends to the login page is no figure at all."""
    import httpx

    response = httpx.request(
        target.method,
        url + target.paths[0],
        cookies=target.cookies,
        data=form_of(target),
        timeout=60,
    )
    location = response.headers.get("location", "")
    if response.status_code != target.expect or "/login/" in location:
        raise SystemExit(
            f"{target.label}: {target.method} {target.paths[0]} answered "
            f"{response.status_code} {location}, not {target.expect}"
        )


def form_of(target: Target) -> dict[str, str] | None:
    if target.method != "POST":
        return None
    return {**target.body, "csrfmiddlewaretoken": target.cookies["csrftoken"]}


def wrk(url: str, target: Target, args: argparse.Namespace) -> Result:
    check(url, target)
    threads, connections = (1, 1) if target.one_at_a_time else (args.threads, args.connections)
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{args.duration}s"]
    command += ["--timeout", "60s", "-s", str(WRK_SCRIPT)]
    if target.cookies:
        command += ["-H", f"Cookie: {server.cookie_header(target.cookies)}"]
    if target.method == "POST":
        command += ["-H", "Content-Type: application/x-www-form-urlencoded"]
    command += [url, "--", target.method, urlencode(form_of(target) or {}), *target.paths]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    return Result(
        target.label,
        figures["requests"] / (figures["duration_us"] / 1e6),
        figures["p50_us"] / 1e6,
        figures["p95_us"] / 1e6,
        figures["errors"],
    )


def targets(broker: dict, admin: dict, wizard: list[int], priced: int, issued: int) -> list:
    from bench import quotes

    searches = ["/search/?" + urlencode({"q": term}) for term in quotes.SEARCHES]
    step = [f"/requests/{pk}/step/legal/" for pk in wizard]
    legal = dict(quotes.form_posts(random.Random(1)))["legal"]
    return [
        Target("list", ["/requests/"], broker),
        Target("list filtered", ["/requests/?status=priced&period=365&order=updated"], broker),
        Target("search", searches, broker),
        Target("list, big office admin", ["/requests/"], admin),
        Target("search, big office admin", searches, admin),
        Target("wizard step GET", [f"/requests/{priced}/step/legal/"], broker),
        Target("wizard step POST", step, broker, "POST", legal, expect=302),
        Target("result page", [f"/requests/{priced}/"], broker),
        Target("offer PDF (stored when issued)", [f"/requests/{issued}/offer.pdf"], broker),
        Target("search, big office admin, one at a time", searches, admin, one_at_a_time=True),
    ]


def offer_renders(issued: int, rounds: int) -> list[float]:
    """Seconds to render the offer's PDF as issuing it does (the page then serves the stored
    bytes), one at a time in this process; the first render is left out (fonts loaded)."""
    from bench import quotes
    from brokerdesk.offers import pdf
    from brokerdesk.quotes.models import Quote

    quote = Quote.objects.get(pk=issued)

    def render() -> bytes:
        return pdf.render_offer(quote, number=1, issued_at=quote.issued_at)

    render()
    return quotes.timed(render, rounds)


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=20_000, help="quotes to seed")
    parser.add_argument("--big-office", type=int, help="quotes of the big office (count/5)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--rounds", type=int, default=40, help="searches timed in process")
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", server.DEFAULT_SQLITE)
    big = args.count // 5 if args.big_office is None else args.big_office

    env = server.use_database(url)
    server.setup()
    from django.db import connections

    from bench import quotes

    quotes.ensure_seeded(url, args.count, big, args.reseed)
    server.prepare(env)
    wizard, priced, issued = working_quotes(args.connections)
    connections.close_all()  # SQLite: no lock held by this process while the servers run

    started = time.strftime("%Y-%m-%d %H:%M %Z")
    print(
        f"{started}, {platform.node()}, {os.cpu_count()} cores, load average {load_average()}; "
        f"{args.count} quotes ({big} in the big office) on {connections['default'].vendor}; "
        f"gunicorn {args.workers} workers; wrk {args.threads} threads, "
        f"{args.connections} connections, {args.duration} s a page",
        flush=True,
    )
    hello_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.hello"}
    with server.gunicorn(hello_env, "bench.hello:application", args.workers) as hello:
        bare = wrk(hello, Target("bare Django view", ["/"]), args)
    results = [bare]
    with server.gunicorn(env, workers=args.workers) as site:
        broker = server.login(site, quotes.broker_email())
        admin = server.login(site, quotes.big_admin_email())
        for target in targets(broker, admin, wizard, priced, issued):
            results.append(wrk(site, target, args))
            print(f"  {target.label}: {results[-1].rate:.1f} requests/s", flush=True)
    # The same sessions (one database, one SECRET_KEY) in front of a view that does nothing.
    floor_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.floor"}
    with server.gunicorn(floor_env, workers=args.workers) as floor:
        results.append(wrk(floor, Target(FLOOR, ["/bench/hello/"], broker), args))

    print(f"{'page':42} {'req/s':>8} {'ratio':>6} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}")
    for result in results:
        print(
            f"{result.label:42} {result.rate:8.1f} {result.rate / bare.rate:6.3f} "
            f"{result.p50 * 1000:8.1f} {result.p95 * 1000:8.1f} {result.errors:6d}"
        )
    print(f"load average at the end: {load_average()}")
    speedups = []
    for who, indexed, naive in quotes.search_against_naive(args.rounds):
        p95, naive_p95 = quotes.percentile(indexed, 0.95), quotes.percentile(naive, 0.95)
        speedups.append(naive_p95 / p95)
        print(
            f"search query, {who}: p50 {statistics.median(indexed) * 1000:.1f} ms, "
            f"p95 {p95 * 1000:.1f} ms; naive icontains p50 {statistics.median(naive) * 1000:.1f}"
            f" ms, p95 {naive_p95 * 1000:.1f} ms: index {naive_p95 / p95:.1f}x faster at p95"
        )
    renders = offer_renders(issued, 10)
    render_p95 = quotes.percentile(renders, 0.95)
    print(
        f"offer PDF rendered (when issued, one at a time, in process): "
        f"p50 {statistics.median(renders) * 1000:.0f} ms, p95 {render_p95 * 1000:.0f} ms"
    )
    by_label = {result.label: result for result in results}
    goals = [
        ("list at >= 0.10 of the bare view", by_label["list"].rate / bare.rate >= 0.10),
        ("wizard step at >= 0.10", by_label["wizard step GET"].rate / bare.rate >= 0.10),
        (
            "search p95 <= 100 ms (big office, one at a time)",
            by_label["search, big office admin, one at a time"].p95 <= 0.100,
        ),
        ("search >= 20x the naive baseline", min(speedups) >= 20),
        ("offer PDF rendered <= 0.5 s (p95)", render_p95 <= 0.5),
    ]
    print("goals (issue 15): " + "; ".join(f"{g}: {'met' if ok else 'MISSED'}" for g, ok in goals))


if __name__ == "__main__":
    main()
