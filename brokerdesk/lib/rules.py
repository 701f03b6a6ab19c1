"""The refusal every workflow raises when a rule forbids a change.

It lives at the bottom of the ladder so that every app's services can raise it and every view
can catch it, whatever the app: `message` is what the user is shown.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class RuleBroken(Exception):
    """A change refused by a rule; `message` is shown to the user."""

    message = _("Cette modification n'est pas possible.")

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)
        self.message = message or self.message
