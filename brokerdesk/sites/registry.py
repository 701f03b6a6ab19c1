"""The configured insurer sites, read from the database and kept briefly in each process.

Every request asks which site it came through, so the sites are cached for
INSURER_SITES_CACHE_SECONDS. Saving or deleting a site empties this process's copy at once;
other processes (several web servers) see the change when their copy expires.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save

from brokerdesk.sites.models import InsurerSite

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sites:
    by_host: dict[str, InsurerSite] = field(default_factory=dict)
    by_prefix: dict[str, InsurerSite] = field(default_factory=dict)

    @property
    def origins(self) -> set[str]:
        return {site.origin for site in self.by_host.values()}


_lock = threading.Lock()
_cached: Sites | None = None
_expires = 0.0


def configured() -> Sites:
    global _cached, _expires
    with _lock:
        if _cached is not None and time.monotonic() < _expires:
            return _cached
    try:
        sites = _load()
    except DatabaseError:
        # No database (yet, or for a moment): serve the generic portal, try again next time.
        logger.warning("insurer sites could not be read", exc_info=True)
        return Sites()
    with _lock:
        _cached, _expires = sites, time.monotonic() + settings.INSURER_SITES_CACHE_SECONDS
    return sites


def _load() -> Sites:
    active = list(InsurerSite.objects.filter(active=True).select_related("insurer"))
    return Sites(
        by_host={s.host: s for s in active if s.host},
        by_prefix={s.path_prefix: s for s in active if s.path_prefix},
    )


def invalidate(**_: object) -> None:
    global _cached
    with _lock:
        _cached = None


def _changed(**_: object) -> None:
    # Now for this request, and again once committed: a request that read the sites between
    # the save and the commit would otherwise keep the old ones until they expire.
    invalidate()
    transaction.on_commit(invalidate)


def connect_signals() -> None:
    post_save.connect(_changed, sender=InsurerSite, dispatch_uid="insurer_site_saved")
    post_delete.connect(_changed, sender=InsurerSite, dispatch_uid="insurer_site_deleted")
