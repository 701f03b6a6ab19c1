"""NACE-BEL 2008 and 2025 activity codes with their labels, and their risk class.

The code lists come from the bce-codes-to-label package (Statbel files). They are read once per
process and cached; the web app uses this module for the activity search of step 1.1.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

from text_unidecode import unidecode

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


def fold(text: str) -> str:
    """Lower case in plain ASCII: "Pâtisserie" -> "patisserie", "Œufs" -> "oeufs"."""
    return unidecode(text).lower()


# What brokers type for the usual small businesses, in French, Dutch and English, when the
# official label says it otherwise: "boulangerie" is not in 10.712's "Fabrication artisanale de
# pain et de pâtisserie fraîche". NACE-BEL 2025 codes; the first rows are proposed first.
EVERYDAY_WORDS: dict[str, str] = {
    "10.712": "boulangerie boulanger patisserie patissier artisanale "
    "bakkerij bakker banketbakkerij banketbakker warme bakker bakery baker pastry",
    "10.711": "boulangerie industrielle bakkerij industriele bakery industrial",
    "47.241": "boulangerie depot de pain broodwinkel brooddepot koude bakker bread shop",
    "47.221": "boucherie boucher charcuterie slagerij slager beenhouwerij beenhouwer butcher",
    "47.230": "poissonnerie poissonnier viswinkel visboer fishmonger",
    "47.210": "primeur marchand de legumes groentewinkel groenteboer greengrocer",
    "47.242": "chocolatier confiserie pralines chocolatier snoepwinkel sweet shop",
    "47.110": "epicerie superette supermarche kruidenier buurtwinkel supermarkt grocery",
    "56.111": "restaurant brasserie eethuis restaurant",
    "56.112": "snack friterie frituur sandwicherie broodjeszaak snackbar pizzeria takeaway",
    "56.301": "cafe bar taverne estaminet kroeg pub",
    "56.210": "traiteur catering cateraar caterer",
    "55.100": "hotel",
    "96.210": "coiffeur coiffeuse salon de coiffure barbier kapper kapsalon barber hairdresser",
    "96.220": "esthetique estheticienne institut de beaute schoonheidssalon "
    "schoonheidsspecialiste beauty salon beautician",
    "43.211": "electricien electricite elektricien elektriciteit electrician",
    "43.221": "plombier plomberie sanitaire loodgieter sanitair plumber",
    "43.222": "chauffagiste chauffage verwarming verwarmingsinstallateur heating engineer",
    "43.320": "menuisier menuiserie schrijnwerker schrijnwerkerij timmerman carpenter joiner",
    "43.341": "peintre en batiment peinture schilder schilderwerken painter decorator",
    "43.910": "macon maconnerie metselaar metselwerk bricklayer",
    "43.410": "couvreur toiture dakwerker dakwerken roofer",
    "41.001": "entrepreneur construction maison aannemer bouwbedrijf builder",
    "81.210": "nettoyage entretien titres-services schoonmaak poetsbedrijf dienstencheques "
    "cleaning",
    "81.300": "jardinier paysagiste tuinier tuinaanlegger hovenier gardener landscaper",
    "95.319": "garage garagiste mecanicien garagist automonteur car repair mechanic",
    "95.314": "carrosserie carrossier koetswerk body shop",
    "49.330": "taxi chauffeur",
    "49.410": "transport routier camionneur transporteur vrachtvervoer transportbedrijf haulier",
    "49.420": "demenagement demenageur verhuizing verhuisbedrijf removals",
    "47.730": "pharmacie pharmacien apotheek apotheker pharmacy chemist",
    "47.761": "fleuriste bloemist bloemenwinkel florist",
    "69.201": "comptable expert-comptable fiscaliste boekhouder accountant",
    "86.210": "medecin generaliste huisarts dokter doctor",
    "86.230": "dentiste tandarts dentist",
    "86.951": "kinesitherapeute kine kinesitherapeut physiotherapist",
    "71.111": "architecte architect",
    "66.220": "courtier d'assurances verzekeringsmakelaar insurance broker",
    "68.310": "agence immobiliere agent immobilier immokantoor vastgoedmakelaar estate agent",
    "88.911": "creche garderie kinderdagverblijf kinderopvang daycare nursery",
    "85.531": "auto-ecole rijschool driving school",
    "93.130": "salle de sport fitness fitnesscentrum gym",
    "75.000": "veterinaire dierenarts veterinarian vet",
    "47.711": "boutique vetements pret-a-porter kledingwinkel boetiek clothes shop",
}
EVERYDAY_VERSION = "2025"
_EVERYDAY_SPLIT = {code: words.split() for code, words in EVERYDAY_WORDS.items()}
_EVERYDAY_ORDER = {code: position for position, code in enumerate(EVERYDAY_WORDS)}


def everyday_words(code: str, version: str = EVERYDAY_VERSION) -> str:
    """The everyday words of an activity code ("" for most codes): search finds them too."""
    if version != EVERYDAY_VERSION:
        return ""
    entry = nace_code(code, version)
    return EVERYDAY_WORDS.get(entry.code, "") if entry is not None else ""


@functools.cache
def _search_index(version: str, language: str) -> tuple[tuple[str, str, str, NaceCode], ...]:
    """(digits, label in the language, labels in French and Dutch, entry) for every code."""
    return tuple(
        (
            normalize_code(item.code),
            fold(item.label(language)),
            fold(f"{item.labels['fr']} {item.labels['nl']}"),
            item,
        )
        for item in nace_codes(version)
    )


def search_activities(
    query: str,
    version: str = "2025",
    language: str = "fr",
    limit: int = 20,
    levels: tuple[str, ...] = ("subclass", "detail"),
) -> list[NaceCode]:
    """Codes whose code starts with the query, or whose words hold every word of it.

    Accent- and case-insensitive. The activities brokers mean come first: the everyday words
    ("boulangerie" proposes 10.712, the artisanal bakery, then 10.711 and 47.241), then the
    labels in the user's language, then those in French and Dutch (a Flemish broker typing
    "bakkerij" in the French interface), subclasses before their 7-digit national codes. By
    default only the levels an employer registers are returned.
    """
    words = fold(query).split()
    if not words:
        return []
    digits = normalize_code(query)
    if digits.isdigit():
        return [
            item
            for code, _, _, item in _search_index(version, language)
            if item.level in levels and code.startswith(digits)
        ][:limit]

    def holds(text: str) -> bool:
        return all(word in text for word in words)

    def everyday_tier(code: str) -> int | None:
        # Whole everyday words first ("pain" is a bakery), then their beginnings ("boulang").
        known = _EVERYDAY_SPLIT.get(code) if version == EVERYDAY_VERSION else None
        if known and all(word in known for word in words):
            return 0
        if known and all(any(k.startswith(word) for k in known) for word in words):
            return 1
        return None

    ranked: list[tuple[int, int, int, NaceCode]] = []
    for position, (_, label, other_labels, item) in enumerate(_search_index(version, language)):
        if item.level not in levels:
            continue
        tier = everyday_tier(item.code)
        if tier is not None:
            order = _EVERYDAY_ORDER[item.code]
        elif holds(label):
            tier, order = 2, position
        elif holds(other_labels):
            tier, order = 3, position
        else:
            continue
        ranked.append((tier, levels.index(item.level), order, item))
    ranked.sort(key=lambda entry: entry[:3])
    return [item for *_, item in ranked[:limit]]


def risk_class(code: str, version: str = "2025", tariff: Tariff | None = None) -> int | None:
    """The tariff's risk class (1-6) for an activity code, or None if the tariff has no rule."""
    tariff = tariff or get_tariff()
    match = tariff.classify(code, version)
    return None if match is None else match[0]
