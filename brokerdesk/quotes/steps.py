"""The steps of the Tool TPE wizard, in the manual's order, and which of them apply.

Pure rules over the stored answers: the workflows (services.py) check completeness with them,
the wizard (wizard.py) adds a form to each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    slug: str
    number: str
    title: Promise
    section: Promise

    def applies(self, answers: dict[str, Any]) -> bool:
        """Steps 2.2 and 2.3 exist only for the covers chosen in step 1.2."""
        covers = answers.get("covers", {})
        if self.slug == "extra":
            return bool(covers.get("extra_legal") or covers.get("manager"))
        if self.slug == "h24":
            return bool(covers.get("h24"))
        return True


CONTEXT = _("CONTEXTE")
WORK_ACCIDENTS = _("ACCIDENTS DU TRAVAIL")
STEPS = [
    Step("activity", "1.1", _("Activité"), CONTEXT),
    Step("covers", "1.2", _("Choix des couvertures"), CONTEXT),
    Step("claims", "1.3", _("Historique sinistre"), CONTEXT),
    Step("legal", "2.1", _("Garantie légale"), WORK_ACCIDENTS),
    Step("extra", "2.2", _("Garanties extra-légales"), WORK_ACCIDENTS),
    Step("h24", "2.3", _("24h-24h"), WORK_ACCIDENTS),
]
BY_SLUG = {step.slug: step for step in STEPS}


def applicable(answers: dict[str, Any]) -> list[Step]:
    return [step for step in STEPS if step.applies(answers)]


def is_complete(answers: dict[str, Any], done: list[str]) -> bool:
    return all(step.slug in done for step in applicable(answers))
