"""NACE-BEL 2008 and 2025 activity codes with their labels, and their risk class.

The code lists come from the bce-codes-to-label package (Statbel files). They are read once per
process and cached; the web app uses this module for the activity search of step 1.1.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from dataclasses import dataclass
from importlib import resources

from rating.models import NACE_VERSIONS, AnswersError, shown
from rating.tariff import Tariff, get_tariff

LANGUAGES = ("fr", "nl", "de", "en")
LEVELS = {1: "section", 2: "division", 3: "group", 4: "class", 5: "subclass", 7: "detail"}
# The levels an employer registers with the Crossroads Bank: anything above names a family of
# activities with different risks, too vague to price.
ACTIVITY_LEVELS = ("subclass", "detail")


@dataclass(frozen=True, slots=True)
class NaceCode:
    code: str  # dotted form as written by Statbel: "A", "47", "47.1", "47.11", "47.110"
    level: str  # section, division, group, class, subclass or detail (7-digit national code)
    labels: dict[str, str]  # language → label
    parent: str | None

    def label(self, language: str = "fr") -> str:
        return self.labels.get(language) or self.labels["fr"]


def normalize_code(code: str) -> str:
    """Digits only (or the section letter): "47.110" and "47110" are the same code."""
    return code.strip().replace(".", "").replace(" ", "").upper()


@functools.cache
def nace_codes(version: str) -> tuple[NaceCode, ...]:
    """Every code of a NACE-BEL version (sections, divisions, ..., 7-digit codes)."""
    if version not in NACE_VERSIONS:
        raise ValueError(f"unknown NACE-BEL version {version!r}")
    source = resources.files("bce_codes_to_label").joinpath("data", "nace.json")
    entries = json.loads(source.read_text(encoding="utf-8"))["codes"].values()
    return tuple(
        NaceCode(
            code=entry["value_dot"],
            level=LEVELS[entry["level"]],
            labels={language: entry[f"label_{language}"] for language in LANGUAGES},
            parent=entry["parent"],
        )
        for entry in entries
        if entry["version"] == version
    )


@functools.cache
def _by_code(version: str) -> dict[str, NaceCode]:
    return {normalize_code(item.code): item for item in nace_codes(version)}


def nace_code(code: str, version: str = "2025") -> NaceCode | None:
    """The entry for a code in any spelling ("47.110", "47110"), or None if it does not exist."""
    return _by_code(version).get(normalize_code(code))


def activity(code: str, version: str) -> NaceCode:
    """The official entry of an employer's activity code; AnswersError on activity_code if the
    code is not in this NACE-BEL version (or is in the other one only) or is too vague."""
    found = nace_code(code, version)
    if found is not None and found.level in ACTIVITY_LEVELS:
        return found
    if found is not None:
        raise AnswersError("activity_code", "error.activity_too_vague", code=found.code)
    for other in NACE_VERSIONS:
        entry = nace_code(code, other)
        if other != version and entry is not None and entry.level in ACTIVITY_LEVELS:
            raise AnswersError(
                "activity_code",
                "error.activity_other_version",
                code=entry.code,
                nace_version=version,
                other_version=other,
            )
    raise AnswersError(
        "activity_code", "error.unknown_activity", code=shown(code), nace_version=version
    )


def nace_label(code: str, version: str = "2025", language: str = "fr") -> str | None:
    entry = nace_code(code, version)
    return None if entry is None else entry.label(language)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.cache
def _search_index(version: str, language: str) -> tuple[tuple[str, str, NaceCode], ...]:
    return tuple(
        (normalize_code(item.code), _fold(item.label(language)), item)
        for item in nace_codes(version)
    )


def search_activities(
    query: str,
    version: str = "2025",
    language: str = "fr",
    limit: int = 20,
    levels: tuple[str, ...] = ("subclass", "detail"),
) -> list[NaceCode]:
    """Codes whose code starts with the query, or whose label holds every word of it.

    Accent- and case-insensitive. By default only the levels an employer registers are returned
    (5-digit subclasses and 7-digit national codes).
    """
    digits = normalize_code(query)
    words = _fold(query).split()
    if not words:
        return []
    by_code = digits.isdigit()
    results = []
    for code, label, item in _search_index(version, language):
        if item.level not in levels:
            continue
        if (by_code and code.startswith(digits)) or (
            not by_code and all(word in label for word in words)
        ):
            results.append(item)
            if len(results) >= limit:
                break
    return results


def risk_class(code: str, version: str = "2025", tariff: Tariff | None = None) -> int | None:
    """The tariff's risk class (1-6) for an activity code, or None if the tariff has no rule."""
    tariff = tariff or get_tariff()
    match = tariff.classify(code, version)
    return None if match is None else match[0]
