"""One form per wizard step; their cleaned data is what a quote stores as its answers."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from brokerdesk.lib.formfields import (
    CityFromPostalCode,
    EnterpriseNumberField,
    PostalCodeField,
    SafeInputForm,
    StyledForm,
)
from rating import AnswersError, format_message, get_tariff
from rating.messages import (
    CATEGORY_LABELS,
    COVER_LABELS,
    FREQUENCY_LABELS,
    H24_MODE_LABELS,
    OPTION_LABELS,
)
from rating.nace import activity

# One line under each choice of steps 1.2 and 2.2: what it covers, in a broker's words.
COVER_HELP = {
    "extra_legal": _("Des garanties au-delà de la loi pour le personnel, choisies à l'étape 2.2."),
    "h24": _(
        "Les accidents de la vie privée du personnel, indemnisés comme des accidents du travail "
        "(étape 2.3)."
    ),
    "manager": _("Le dirigeant indépendant, que la loi ne couvre pas (étape 2.2)."),
}
OPTION_HELP = {
    "excess_wages": _(
        "Assure la part des salaires au-delà du plafond légal, avec les mêmes indemnités."
    ),
    "temporary_incapacity_100": _(
        "Porte l'indemnité d'incapacité temporaire de 90 % à 100 % du salaire."
    ),
    "guaranteed_wage": _(
        "Rembourse à l'employeur le salaire garanti et ses cotisations des premiers jours."
    ),
    "medical_costs": _("Rembourse les soins au-delà du tarif INAMI que paie la garantie légale."),
    "missions_abroad": _("Étend la couverture aux missions et détachements à l'étranger."),
    "telework_events": _(
        "Confirme la couverture du télétravail et des événements d'entreprise, sans supplément."
    ),
}
MAX_HEADCOUNT = 500
MAX_AVERAGE_WAGE = Decimal("500000")
CATEGORIES = [(code, _(label)) for code, label in CATEGORY_LABELS.items()]
OPTIONS = [(code, _(label)) for code, label in OPTION_LABELS.items()]


def _yes_no(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("no", _("Non")), ("yes", _("Oui"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )


def _amount(label: Any, max_value: int) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, min_value=0, max_value=max_value, decimal_places=2, required=False
    )


def quotable_years(tariff_years: Any, saved: Any = None) -> list[int]:
    """The insurance years offered, newest first and without gaps: the tariff's most recent
    run of consecutive years (a year missing from the tariff has no legal figures to price
    with, so earlier years would come with holes). A quote saved on an older year keeps it."""
    try:
        saved = int(saved)
    except (TypeError, ValueError):
        saved = None
    years = sorted(tariff_years, reverse=True)
    offered = years[:1]
    for year in years[1:]:
        if year != offered[-1] - 1:
            break
        offered.append(year)
    if saved in tariff_years and saved not in offered:
        offered.append(saved)
    return offered


class ActivityForm(CityFromPostalCode, forms.Form):
    """1.1 Activité"""

    client_name = forms.CharField(label=_("Nom / raison sociale"), max_length=200)
    activity = forms.CharField(
        label=_("Activité exercée"),
        max_length=400,
        help_text=_("Tapez un code NACE-BEL ou quelques mots de l'activité."),
    )
    enterprise_number = EnterpriseNumberField(label=_("Numéro d'entreprise"), required=False)
    street = forms.CharField(label=_("Rue"), max_length=200, required=False)
    number = forms.CharField(label=_("Numéro"), max_length=20, required=False)
    postal_code = PostalCodeField(label=_("Code postal"), required=False)
    city = forms.CharField(label=_("Ville"), max_length=100, required=False)
    insurance_year = forms.TypedChoiceField(label=_("Année d'assurance"), coerce=int)
    # The client picked among the suggestions (its id); not an answer, see Wizard.chosen_client.
    client = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = quotable_years(get_tariff().legal_years, self.initial.get("insurance_year"))
        self.fields["insurance_year"].choices = [(y, str(y)) for y in years]
        self.initial.setdefault("insurance_year", date.today().year)

    def clean_activity(self) -> str:
        typed = self.cleaned_data["activity"].strip()
        try:  # the engine's own check: a code it would refuse never reaches pricing
            found = activity(typed.split(" ")[0], "2025")
        except AnswersError as error:
            message = format_message(error.message, gettext)
            raise forms.ValidationError(message, code="unknown_nace") from None
        self.cleaned_data["activity_code"] = found.code
        return f"{found.code} {found.labels.get(self.language) or found.labels['fr']}"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "activity_code" in self.cleaned_data:
            data["activity_code"] = self.cleaned_data["activity_code"]
        return data


def _cover(code: str) -> forms.BooleanField:
    return forms.BooleanField(
        label=_(COVER_LABELS[code]), help_text=COVER_HELP[code], required=False
    )


class CoversForm(StyledForm, forms.Form):
    """1.2 Choix des couvertures"""

    extra_legal = _cover("extra_legal")
    h24 = _cover("h24")
    manager = _cover("manager")


# Step 1.3's fields that only "Oui" (the history is known) asks for.
HISTORY_FIELDS = ("years", "no_lost_time", "temporary_incapacity", "permanent_incapacity", "fatal")


class ClaimsForm(StyledForm, forms.Form):
    """1.3 Historique sinistre"""

    history_known = _yes_no(_("L'historique des sinistres des 3 dernières années est-il connu ?"))
    years = forms.TypedChoiceField(
        label=_("Années d'historique disponibles"),
        choices=[(n, str(n)) for n in (0, 1, 2, 3)],
        coerce=int,
        initial=3,
    )
    no_lost_time = forms.IntegerField(
        label=_("Sinistres sans incapacité"), min_value=0, max_value=99, initial=0
    )
    temporary_incapacity = forms.IntegerField(
        label=_("Sinistres avec incapacité temporaire"), min_value=0, max_value=99, initial=0
    )
    permanent_incapacity = forms.IntegerField(
        label=_("Sinistres avec incapacité permanente"), min_value=0, max_value=99, initial=0
    )
    fatal = forms.IntegerField(label=_("Accidents mortels"), min_value=0, max_value=99, initial=0)
    previous_insurer = forms.CharField(
        label=_("Assureur précédent"), max_length=100, required=False
    )
    cancelled_by_insurer = _yes_no(_("Un contrat a-t-il été résilié par un assureur ?"))
    aggravated_risk = _yes_no(
        _("L'entreprise a-t-elle été notifiée « risque aggravé » par Fedris ?")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Saved answers hold booleans; the radio buttons show "yes" and "no".
        for name in ("history_known", "cancelled_by_insurer", "aggravated_risk"):
            if isinstance(self.initial.get(name), bool):
                self.initial[name] = "yes" if self.initial[name] else "no"
        # With "Non" the history fields are hidden: nothing in them is asked for.
        if self.is_bound and self.data.get(self.add_prefix("history_known")) != "yes":
            for name in HISTORY_FIELDS:
                self.fields[name].required = False

    def history_fields(self) -> list[Any]:
        return [self[name] for name in HISTORY_FIELDS]

    def other_fields(self) -> list[Any]:
        """The fields after the history: the previous contract."""
        shown_first = ("history_known", *HISTORY_FIELDS)
        return [self[name] for name in self.fields if name not in shown_first]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("history_known"):
            # A history that is not known has no years and no claims, whatever the hidden
            # fields still hold (a stale fatal accident would refer the quote).
            for name in HISTORY_FIELDS:
                self._errors.pop(name, None)
                data[name] = 0
        return data


class LegalForm(StyledForm, forms.Form):
    """2.1 Garantie légale: staff and gross annual wages per category."""

    students_function = forms.ChoiceField(
        label=_("Les étudiants travaillent comme"),
        choices=[(code, _(CATEGORY_LABELS[code])) for code in ("workers", "employees")],
        initial="workers",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, _label in CATEGORIES:
            self.fields[f"{code}_headcount"] = forms.IntegerField(
                label=_("Nombre"),
                min_value=0,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
            self.fields[f"{code}_wages"] = forms.DecimalField(
                label=_("Salaires bruts annuels (€)"),
                min_value=0,
                max_digits=12,
                decimal_places=2,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
            )
            self.fields[f"{code}_above"] = forms.IntegerField(
                label=_("Dont au-delà du plafond légal"),
                min_value=0,
                required=False,
            )
        # StyledForm styled the fields that existed before these were added.
        for name, field in self.fields.items():
            if name != "students_function":
                field.widget.attrs.setdefault("class", "form-control")

    def rows(self) -> list[tuple[Any, list[Any]]]:
        """One table row per category: its label and its three fields."""
        return [
            (label, [self[f"{code}_{part}"] for part in ("headcount", "wages", "above")])
            for code, label in CATEGORIES
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for code, _label in CATEGORIES:
            count = data.get(f"{code}_headcount") or 0
            wages = data.get(f"{code}_wages") or Decimal(0)
            above = data.get(f"{code}_above") or 0
            if count > MAX_HEADCOUNT:
                self.add_error(
                    f"{code}_headcount",
                    _(
                        "Plus de %(max)s personnes : ce produit est destiné aux très petites "
                        "entreprises."
                    )
                    % {"max": MAX_HEADCOUNT},
                )
            elif wages and not count:
                self.add_error(f"{code}_headcount", _("Indiquez le nombre de personnes."))
            elif count and not wages:
                self.add_error(f"{code}_wages", _("Indiquez la masse salariale annuelle brute."))
            elif count and wages / count > MAX_AVERAGE_WAGE:
                self.add_error(
                    f"{code}_wages",
                    _("Plus de 500 000 € par personne en moyenne : vérifiez le montant."),
                )
            if above > count:
                self.add_error(
                    f"{code}_above", _("Pas plus que le nombre de personnes de la catégorie.")
                )
        if not any(data.get(f"{code}_headcount") for code, _label in CATEGORIES) and not (
            self.errors
        ):
            raise forms.ValidationError(
                _("Indiquez au moins une personne occupée dans l'une des catégories."),
                code="no_staff",
            )
        return data


class ExplainedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with a one-line explanation under each choice, tied to it for screen readers
    (the template shows `choice.data.help` with the id `<choice id>_help`)."""

    def __init__(self, explanations: dict[str, Any], attrs: dict[str, Any] | None = None):
        super().__init__(attrs)
        self.explanations = explanations

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["help"] = self.explanations.get(option["value"], "")
        if option["help"]:
            option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}_help"
        return option


class ExtraLegalForm(StyledForm, forms.Form):
    """2.2 Garanties extra-légales, and the self-employed manager's cover."""

    options = forms.MultipleChoiceField(
        label=_("Garanties extra-légales"),
        choices=OPTIONS,
        required=False,
        widget=ExplainedCheckboxes(OPTION_HELP),
    )
    # Printed on the offer with the manager's insured sums; pricing never reads it.
    manager_name = forms.CharField(label=_("Nom du dirigeant"), max_length=200, required=False)
    manager_age = forms.IntegerField(
        label=_("Âge du dirigeant"), min_value=16, max_value=80, required=False
    )
    manager_death_capital = _amount(_("Capital décès (€)"), 2_000_000)
    manager_permanent_capital = _amount(_("Capital incapacité permanente (€)"), 2_000_000)
    manager_daily_allowance = _amount(_("Indemnité journalière (€)"), 500)

    def __init__(
        self, *args: Any, with_manager: bool = False, with_options: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.with_manager = with_manager
        if not with_options:  # only the manager's cover was chosen in step 1.2
            del self.fields["options"]
        if not with_manager:
            for name in list(self.fields):
                if name.startswith("manager_"):
                    del self.fields[name]
        else:
            self.fields["manager_age"].required = True

    def manager_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if name.startswith("manager_")]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            self.with_manager
            and not any(
                data.get(f"manager_{name}")
                for name in ("death_capital", "permanent_capital", "daily_allowance")
            )
            and not self.errors
        ):
            self.add_error(
                "manager_death_capital",
                _("Indiquez au moins un capital ou une indemnité pour le dirigeant."),
            )
        return data


class H24Form(StyledForm, forms.Form):
    """2.3 24h-24h"""

    categories = forms.MultipleChoiceField(
        label=_("Catégories couvertes 24h/24"),
        choices=CATEGORIES[:3],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins une catégorie.")},
    )
    mode = forms.ChoiceField(
        label=_("Tarification"),
        choices=[(code, _(label)) for code, label in H24_MODE_LABELS.items()],
    )


class PaymentForm(StyledForm, forms.Form):
    payment_frequency = forms.ChoiceField(
        label=_("Fractionnement"),
        choices=[(code, _(label)) for code, label in FREQUENCY_LABELS.items()],
    )


class OfferForm(SafeInputForm, forms.Form):
    language = forms.ChoiceField(
        label=_("Langue de l'offre"),
        choices=[("fr", "Français"), ("nl", "Nederlands"), ("en", "English")],
    )
    language.widget.attrs["class"] = "form-select form-select-sm"
    # Empty (an older page): the first day of next month.
    start_date = forms.DateField(
        label=_("Date de prise d'effet"),
        required=False,
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"type": "date", "class": "form-control form-control-sm"}
        ),
    )

    def clean_start_date(self) -> date | None:
        start = self.cleaned_data.get("start_date")
        today = date.today()
        if start is not None and not today <= start <= today + timedelta(days=366):
            raise forms.ValidationError(
                _("La date de prise d'effet doit se situer dans les douze prochains mois.")
            )
        return start
