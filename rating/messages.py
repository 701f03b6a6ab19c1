"""Human text for the engine's message keys, in French (the reference language of the UI).

The engine only returns keys and values; the web app translates these templates. Wrapping them in
a local ``gettext_noop`` lets Django's makemessages extract them without this package importing
Django.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from rating.models import Message, is_rate


def gettext_noop(message: str) -> str:
    return message


# The one place where staff categories and extra-legal options are named: the wizard's choices,
# the result page, the offer PDF and the explanations all read these (the wizard's wording).
CATEGORY_LABELS: dict[str, str] = {
    "employees": gettext_noop("Employés"),
    "workers": gettext_noop("Ouvriers"),
    "students": gettext_noop("Étudiants"),
    "apprentices": gettext_noop("Apprentis / stagiaires"),
}
# The covers of step 1.2, named the same on the result page, in the offer and the breakdown.
COVER_LABELS: dict[str, str] = {
    "legal": gettext_noop("Garantie légale"),
    "extra_legal": gettext_noop("Garanties extra-légales"),
    "h24": gettext_noop("24h-24h"),
    "manager": gettext_noop("Couverture du dirigeant indépendant"),
}
FREQUENCY_LABELS: dict[str, str] = {
    "annual": gettext_noop("Annuel"),
    "semiannual": gettext_noop("Semestriel"),
    "quarterly": gettext_noop("Trimestriel"),
    "monthly": gettext_noop("Mensuel"),
}
H24_MODE_LABELS: dict[str, str] = {
    "pct_payroll": gettext_noop("En pourcentage de la masse salariale"),
    "per_head": gettext_noop("Par personne"),
}
OPTION_LABELS: dict[str, str] = {
    "excess_wages": gettext_noop("Excédent-loi (salaires au-delà du plafond légal)"),
    "temporary_incapacity_100": gettext_noop("Incapacité temporaire à 100 %"),
    "guaranteed_wage": gettext_noop("Salaire garanti"),
    "medical_costs": gettext_noop("Frais médicaux au-delà du barème légal"),
    "missions_abroad": gettext_noop("Missions à l'étranger"),
    "telework_events": gettext_noop("Télétravail et événements d'entreprise"),
}

MESSAGES: dict[str, str] = {
    # Labels of codes used as parameters.
    **{f"category.{code}": label for code, label in CATEGORY_LABELS.items()},
    **{f"option.{code}": label for code, label in OPTION_LABELS.items()},
    "type.object": gettext_noop("un objet"),
    "type.list": gettext_noop("une liste"),
    "type.text": gettext_noop("un texte"),
    **{f"frequency.{code}": label for code, label in FREQUENCY_LABELS.items()},
    **{f"h24_mode.{code}": label for code, label in H24_MODE_LABELS.items()},
    # Headings and rows of the breakdown.
    **{f"section.{code}": label for code, label in COVER_LABELS.items()},
    "section.claims": gettext_noop("Historique sinistre"),
    "section.total": gettext_noop("Total"),
    "section.commission": gettext_noop("Commission"),
    "section.referrals": gettext_noop("Soumis à l'acceptation"),
    "section.explanations": gettext_noop("Détail du calcul"),
    "line.headcount": gettext_noop("Effectif"),
    "line.declared_payroll": gettext_noop("Masse salariale déclarée"),
    "line.capped_payroll": gettext_noop("Masse salariale plafonnée"),
    "line.rate": gettext_noop("Taux"),
    "line.premium": gettext_noop("Prime"),
    "line.legal_before_factors": gettext_noop("Prime légale avant facteurs"),
    "line.size_floor": gettext_noop("Prime après le plancher de taille"),
    "line.size_floor_detail": gettext_noop(
        "une masse salariale plus petite ne coûterait pas moins"
    ),
    "line.size_factor": gettext_noop("Facteur de taille"),
    "line.claims_modifier": gettext_noop("Coefficient historique sinistre"),
    "line.broker_factor": gettext_noop("Ajustement courtier"),
    "line.legal_after_factors": gettext_noop("Prime légale après facteurs"),
    "line.minimum_applied": gettext_noop("Prime minimale appliquée"),
    "line.legal_net": gettext_noop("Prime nette garantie légale"),
    "line.inami": gettext_noop("Cotisation INAMI"),
    "line.fedris_students": gettext_noop("Cotisation Fedris étudiants"),
    "line.legal_charges": gettext_noop("Cotisations INAMI et Fedris"),
    "line.extra_legal_net": gettext_noop("Prime nette extra-légale"),
    "line.taxes": gettext_noop("Taxe sur les contrats d'assurance"),
    "line.policy_fee": gettext_noop("Frais de police"),
    "line.surcharge": gettext_noop("Majoration de fractionnement"),
    "line.total_annual": gettext_noop("Total annuel"),
    "line.instalment": gettext_noop("Par échéance"),
    "line.commission_legal": gettext_noop("Commission garantie légale"),
    "line.commission_extra_legal": gettext_noop("Commission extra-légale"),
    "line.fedris_prevention": gettext_noop("Cotisation de prévention Fedris (facturée à part)"),
    "line.indicative": gettext_noop("Tarif indicatif — paramètres légaux non confirmés"),
    "line.yes": gettext_noop("oui"),
    "line.no": gettext_noop("non"),
    # Explanation lines.
    "explain.tariff": gettext_noop(
        "Tarif %(version)s, année d'assurance %(year)s, plafond légal %(ceiling)s"
    ),
    "explain.assumed_ceiling": gettext_noop(
        "Plafond légal %(year)s de %(ceiling)s : hypothèse, le montant officiel n'est pas "
        "encore publié"
    ),
    "explain.assumed_inami_rate": gettext_noop(
        "Cotisation INAMI %(year)s de %(inami_rate)s : hypothèse, le taux officiel n'est pas "
        "confirmé"
    ),
    "explain.activity": gettext_noop(
        "Activité %(code)s (NACE-BEL %(nace_version)s) : classe de risque %(risk_class)s"
    ),
    "explain.category": gettext_noop(
        "%(category)s : %(headcount)s personne(s), masse salariale plafonnée "
        "%(capped_payroll)s × %(rate)s = %(premium)s"
    ),
    "explain.above_ceiling": gettext_noop(
        "%(category)s : %(count)s personne(s) au-dessus du plafond légal de %(ceiling)s"
    ),
    "explain.student_function": gettext_noop(
        "Étudiants tarifés au taux de la fonction exercée (%(function)s)"
    ),
    "explain.apprentices": gettext_noop(
        "%(category)s : %(headcount)s × %(per_head)s par personne = %(premium)s"
    ),
    "explain.size_factor": gettext_noop(
        "Facteur de taille %(factor)s (masse salariale plafonnée totale %(payroll)s)"
    ),
    "explain.size_floor": gettext_noop(
        "Prime maintenue au niveau de la tranche de taille inférieure (%(amount)s) : "
        "une masse salariale plus élevée ne coûte jamais moins"
    ),
    "explain.claims_unknown": gettext_noop(
        "Historique sinistre non communiqué : coefficient %(modifier)s"
    ),
    "explain.claims_modifier": gettext_noop(
        "Historique sinistre : %(claims)s sinistre(s) pondéré(s) pour %(expected)s attendu(s) "
        "sur %(years)s an(s), crédibilité %(credibility)s : coefficient %(modifier)s"
    ),
    "explain.claims_free": gettext_noop(
        "Aucun sinistre sur %(years)s ans : coefficient limité à %(modifier)s"
    ),
    "explain.claims_bound": gettext_noop("Coefficient sinistres borné à %(modifier)s"),
    "explain.broker_adjustment": gettext_noop(
        "Ajustement commercial du courtier : %(adjustment_rate)s"
    ),
    "explain.legal_minimum": gettext_noop(
        "Prime minimale de la garantie légale appliquée : %(minimum)s"
    ),
    "explain.inami": gettext_noop(
        "Cotisation INAMI de %(rate)s sur la prime nette légale = %(amount)s"
    ),
    "explain.fedris_students": gettext_noop(
        "Cotisation Fedris de %(rate)s sur la prime des étudiants (%(base)s) = %(amount)s"
    ),
    "explain.option": gettext_noop("%(option)s : %(premium)s"),
    "explain.option_minimum": gettext_noop(
        "%(option)s : minimum de %(minimum)s par garantie extra-légale appliqué"
    ),
    "explain.option_no_base": gettext_noop(
        "%(option)s : aucune rémunération au-dessus du plafond légal, pas de prime"
    ),
    "explain.h24": gettext_noop("24h-24h, tarification « %(mode)s » : %(premium)s"),
    "explain.h24_minimum": gettext_noop("24h-24h : prime minimale de %(minimum)s appliquée"),
    "explain.manager": gettext_noop(
        "Dirigeant %(index)s : facteur d'activité %(factor)s, prime %(premium)s"
    ),
    "explain.manager_minimum": gettext_noop(
        "Dirigeant indépendant : minimum de %(minimum)s par garantie extra-légale appliqué"
    ),
    "explain.tax": gettext_noop(
        "Taxe annuelle sur les contrats d'assurance de %(rate)s sur %(base)s = %(amount)s "
        "(garantie légale exonérée)"
    ),
    "explain.surcharge": gettext_noop(
        "Fractionnement « %(frequency)s » : majoration de %(rate)s = %(amount)s"
    ),
    "explain.fedris_prevention": gettext_noop(
        "Cotisation de prévention Fedris (risque aggravé) : %(amount)s, facturée à part"
    ),
    # Referral reasons: the quote goes to an underwriter.
    "referral.activity_class": gettext_noop(
        "Activité %(code)s en classe de risque %(risk_class)s : soumise à l'acceptation"
    ),
    "referral.fatal_accident": gettext_noop(
        "Accident mortel au cours des %(years)s dernières années"
    ),
    "referral.aggravated_risk": gettext_noop("Employeur désigné « risque aggravé » par Fedris"),
    "referral.cancelled_by_insurer": gettext_noop("Police précédente résiliée par l'assureur"),
    "referral.manager_age": gettext_noop(
        "Dirigeant %(index)s : âge de %(age)s ans hors des limites de souscription "
        "(%(min_age)s à %(max_age)s ans)"
    ),
    "referral.headcount": gettext_noop(
        "Effectif de %(headcount)s personnes au-delà de la limite TPE de %(max_headcount)s"
    ),
    "referral.wage_per_head": gettext_noop(
        "%(category)s : rémunération de %(wage)s par personne au-delà de la limite de %(max_wage)s"
    ),
    "referral.wage_below_minimum": gettext_noop(
        "%(category)s : salaire annuel moyen de %(wage)s par personne, sous le salaire minimum "
        "légal de %(min_wage)s"
    ),
    "referral.insured_capital": gettext_noop(
        "Dirigeant %(index)s : capital assuré de %(capital)s au-delà de la limite de "
        "%(max_capital)s"
    ),
    "referral.daily_allowance": gettext_noop(
        "Dirigeant %(index)s : indemnité journalière de %(allowance)s au-delà de la limite de "
        "%(max_allowance)s"
    ),
    # Input errors.
    "error.required": gettext_noop("Ce champ est obligatoire."),
    "error.unknown_field": gettext_noop("Champ inconnu."),
    "error.invalid_amount": gettext_noop("Montant invalide : %(value)s."),
    "error.invalid_integer": gettext_noop("Nombre entier invalide : %(value)s."),
    "error.invalid_date": gettext_noop("Date invalide : %(value)s."),
    "error.negative": gettext_noop("La valeur ne peut pas être négative."),
    "error.choice": gettext_noop("Valeur « %(value)s » invalide ; choix possibles : %(choices)s."),
    "error.wages_and_totals": gettext_noop(
        "Donnez soit les rémunérations par personne, soit les totaux, pas les deux."
    ),
    "error.above_ceiling_count": gettext_noop(
        "Le nombre de personnes au-dessus du plafond dépasse l'effectif."
    ),
    "error.above_ceiling_wages": gettext_noop(
        "Les rémunérations au-dessus du plafond sont incohérentes avec les totaux déclarés."
    ),
    "error.wrong_type": gettext_noop("Type invalide : %(expected)s attendu."),
    "error.too_large": gettext_noop("Valeur trop grande : %(max)s au plus."),
    "error.above_ceiling_without_count": gettext_noop(
        "Indiquez aussi combien de personnes gagnent plus que le plafond légal."
    ),
    "error.unknown_activity": gettext_noop(
        "Code NACE-BEL %(nace_version)s inconnu : « %(code)s ». Choisissez une activité de la "
        "liste officielle."
    ),
    "error.activity_too_vague": gettext_noop(
        "Le code NACE-BEL %(code)s désigne une famille d'activités : choisissez une activité "
        "précise (code à 5 ou 7 chiffres)."
    ),
    "error.activity_other_version": gettext_noop(
        "%(code)s n'est pas un code NACE-BEL %(nace_version)s mais un code NACE-BEL "
        "%(other_version)s."
    ),
    "error.activity_not_in_tariff": gettext_noop(
        "Le tarif %(version)s ne classe pas l'activité %(code)s."
    ),
    "error.year_not_in_tariff": gettext_noop(
        "L'année d'assurance %(year)s n'est pas couverte par le tarif %(version)s."
    ),
    "error.no_tariff": gettext_noop("Aucun tarif en vigueur le %(date)s."),
    "error.unknown_tariff": gettext_noop("Version de tarif inconnue : %(version)s."),
    "error.out_of_range": gettext_noop("La valeur doit être comprise entre %(min)s et %(max)s."),
    "error.not_eligible": gettext_noop("Cette catégorie n'est pas couverte par cette garantie."),
}

# Values in euros: the value formatter writes the currency where the language puts it
# ("54 743,48 €", "€ 54.743,48", "€54,743.48"), so no template writes "€" after them.
AMOUNT_PARAMS = frozenset(
    {
        *["allowance", "amount", "base", "capital", "capped_payroll", "ceiling", "minimum"],
        *["max_allowance", "max_capital", "max_wage", "payroll", "per_head", "premium", "wage"],
        "min_wage",
    }
)

# Parameters holding a code rather than a value: they are rendered through the code's label.
_CODE_PARAMS = {"category": "category.", "function": "category.", "option": "option."}
_CODE_PARAMS |= {"frequency": "frequency.", "mode": "h24_mode.", "expected": "type."}


def format_value(name: str, value: object) -> str:
    """Default rendering (the command line): fractions named ``rate`` or ``*_rate`` as
    percentages, amounts with " €", the rest as is. The web app passes its own, by locale."""
    if isinstance(value, Decimal) and is_rate(name):
        percent = (value * 100).normalize()
        if percent.as_tuple().exponent > -2:
            percent = percent.quantize(Decimal("0.01"))
        return f"{percent:f} %"
    text = f"{value:f}" if isinstance(value, Decimal) else str(value)
    return f"{text} €" if name in AMOUNT_PARAMS else text


def format_message(
    message: Message,
    gettext: Callable[[str], str] = gettext_noop,
    value_formatter: Callable[[str, object], str] = format_value,
) -> str:
    """Render a message with a translation function (Django's gettext in the web app)."""
    params: Mapping[str, object] = message.params
    rendered = {}
    for name, value in params.items():
        prefix = _CODE_PARAMS.get(name)
        if prefix is not None and f"{prefix}{value}" in MESSAGES:
            rendered[name] = gettext(MESSAGES[f"{prefix}{value}"])
        else:
            rendered[name] = value_formatter(name, value)
    return gettext(MESSAGES[message.key]) % rendered
