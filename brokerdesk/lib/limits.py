"""Abuse limits: how often one client address, or one typed e-mail address, may use a public
or mail-sending endpoint (README, "Abuse limits").

Counters live in Django's cache, one per (scope, kind, value, time window): a fixed window,
cheap and good enough against scripts. With several web machines the cache must be shared
(CACHE_BACKEND in settings), or each machine counts on its own. Limits are read from
settings.ABUSE_LIMITS at each call, so that a test or an operator can change them.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from brokerdesk.lib.http import client_ip, normalised_email

logger = logging.getLogger("brokerdesk.limits")

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


class RateLimited(Exception):
    """Too many requests: answered with the 429 page by the middleware."""

    def __init__(self, scope: str, kind: str) -> None:
        super().__init__(f"{scope} {kind}")
        self.scope, self.kind = scope, kind


def parse(rate: str) -> tuple[int, int]:
    """ "5/h" -> (5, 3600); "30/10m" -> (30, 600)."""
    match = RATE.match(rate)
    if match is None:
        raise ValueError(f"Bad abuse limit {rate!r}: expected e.g. 5/h or 30/10m")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * UNITS[unit]


def check(request: HttpRequest, scope: str, *, target: str | None = None) -> None:
    """Count one use of `scope` by the request's client address and, if given, for the target
    address; raise RateLimited once either went over its limit in the current window."""
    limits = settings.ABUSE_LIMITS.get(scope, {})
    values = {"ip": client_ip(request)}
    if target is not None:
        values["target"] = normalised_email(target)
    for kind, value in values.items():
        if kind in limits and value and _over(scope, kind, value, limits[kind]):
            # Ids only: the address typed is personal data and stays out of the logs.
            logger.warning("abuse limit reached: %s per %s", scope, kind)
            raise RateLimited(scope, kind)


def _over(scope: str, kind: str, value: str, rate: str) -> bool:
    allowed, period = parse(rate)
    window = int(time.time() // period)
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    key = f"limit:{scope}:{kind}:{digest}:{period}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 1)
        count = 1
    return count > allowed
