"""The look of the door a request came through, for what the request causes later on.

An insurer site (brokerdesk.sites) sets the brand of each request it serves; e-mails queued
during that request read it here, so that they carry the insurer's name and link back to the
insurer's address. This module sits at the bottom of the import ladder, so that the outbox
can read the brand without knowing where it comes from.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Brand:
    name: str  # shown in place of "brokerdesk", e.g. "VIVIUM"
    url: str  # the origin the site's links start with, e.g. "https://vivium.example.be"
    logo_url: str  # absolute, or "" without a logo
    colour: str  # "#rrggbb", white text is readable on it


current_brand: ContextVar[Brand | None] = ContextVar("current_brand", default=None)
