"""Rate limits of the API, per token and per client address, counted in the cache.

Fixed windows: the first request of a window creates its counter, which expires with it, so
the count needs one atomic increment per request. Settings: API_RATE_LIMITS (see settings.py);
several app servers need a shared cache (CACHES) for the limits to be global.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

from brokerdesk.lib.http import client_ip


def now() -> float:
    return time.time()


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def _hit(kind: str, ident: str) -> None:
    count, seconds = settings.API_RATE_LIMITS[kind]
    moment = now()
    window = int(moment // seconds)
    key = f"api-rate:{kind}:{ident}:{window}"
    cache = caches[settings.API_RATE_LIMIT_CACHE]
    if cache.add(key, 1, seconds + 1):
        used = 1
    else:
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add and incr: a new window began
            cache.add(key, 1, seconds + 1)
            used = 1
    if used > count:
        raise RateLimited(max(1, int((window + 1) * seconds - moment + 0.999)))


def check_address(request: HttpRequest) -> None:
    """Before the token is read: guessing tokens from one address is limited too."""
    _hit("address", client_ip(request) or "unknown")


def check_token(token_id: int) -> None:
    _hit("token", str(token_id))
