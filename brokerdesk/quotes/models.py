from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from brokerdesk.quotes.search import search_text
from rating.nace import everyday_words, nace_code


class OfficeCounter(models.Model):
    """The last quote number of an office, incremented in the new quote's own transaction."""

    office = models.OneToOneField("offices.Office", on_delete=models.CASCADE, primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.office_id}: {self.last_number}"


class Quote(models.Model):
    """A "Demande": one pricing of a product for a client, made in a group (sub-account)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PRICED = "priced", _("Tarifé")
        ISSUED = "issued", _("Offre émise")
        # Issue 16: the client accepts the offer online, then the insurer decides on it.
        ACCEPTED = "accepted", _("Acceptée par le client")
        SUBMITTED = "submitted", _("Soumis")
        INSURER_ACCEPTED = "insurer_accepted", _("Accepté par la compagnie")
        INSURER_REFUSED = "insurer_refused", _("Refusé par la compagnie")
        ARCHIVED = "archived", _("Archivé")

    class Referral(models.TextChoices):
        """The insurer's answer to a quote the engine referred to it."""

        NONE = "", _("Pas de réponse")
        ACCEPTED = "accepted", _("Acceptée telle que tarifée")
        LOADED = "loaded", _("Acceptée avec surprime")
        REFUSED = "refused", _("Refusée")

    office = models.ForeignKey("offices.Office", on_delete=models.CASCADE, related_name="quotes")
    # A group holding quotes cannot be deleted: they must stay visible to whoever made them.
    group = models.ForeignKey("offices.Group", on_delete=models.PROTECT, related_name="quotes")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quotes"
    )
    product = models.ForeignKey("catalogue.Product", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    reference = models.CharField(_("Référence"), max_length=80)
    client_name = models.CharField(_("Nom / raison sociale"), max_length=200)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, null=True, blank=True, related_name="quotes"
    )
    status = models.CharField(_("Statut"), max_length=20, choices=Status, default=Status.DRAFT)
    answers = models.JSONField(default=dict)
    steps_done = models.JSONField(default=list)
    # What is typed in a step but not yet saved by "Étape suivante", kept as the user types.
    drafts = models.JSONField(default=dict, blank=True)
    # How many times each step was saved ({"legal": 2}). A step's page carries the number it
    # was shown with, and a draft typed on an older page than the last save is dropped: a late
    # or stale draft never comes back over a saved answer.
    step_revisions = models.JSONField(default=dict, blank=True)
    tariff_version = models.CharField(max_length=40, blank=True)
    breakdown = models.JSONField(null=True, blank=True)
    total_annual = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    referred = models.BooleanField(default=False)
    # Priced on legal figures its tariff marks as assumptions: the list shows it as indicative.
    indicative = models.BooleanField(default=False)
    # What the offer showed, frozen when it was issued: it never changes with the tariff.
    offer = models.JSONField(null=True, blank=True)
    offer_language = models.CharField(max_length=2, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    # The start of cover the offer proposes (chosen on the result page).
    start_date = models.DateField(_("Date de prise d'effet"), null=True, blank=True)
    # The insurer's answer on a referred quote, and the loading it asked for (in %).
    referral = models.CharField(max_length=10, choices=Referral, blank=True, default="")
    loading_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    # Given by the insurer when it accepts the submitted business.
    policy_number = models.CharField(_("Numéro de police"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("Créé le"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("Mis à jour le"), auto_now=True, db_index=True)
    # Every answer as one accent-free lower-case text: what search looks through.
    search_text = models.TextField(blank=True, editable=False)
    # The one-time token of the form that created it (step 1.1, "Dupliquer"): the same form
    # posted twice by a double click finds this quote instead of making a second one.
    form_token = models.CharField(max_length=32, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("demande")
        verbose_name_plural = _("demandes")
        constraints = [
            models.UniqueConstraint(fields=["office", "number"], name="quote_number_per_office"),
            models.UniqueConstraint(fields=["office", "reference"], name="quote_ref_per_office"),
            models.UniqueConstraint(
                fields=["created_by", "form_token"],
                condition=~models.Q(form_token=""),
                name="quote_form_token_once",
            ),
        ]
        # The "Demandes" list of a sub-account, newest first or last updated first, with the
        # id as tie-breaker so pages never overlap: read straight from these indexes.
        indexes = [
            models.Index(fields=["group", "-created_at", "-id"], name="quote_group_created"),
            models.Index(fields=["group", "-updated_at", "-id"], name="quote_group_updated"),
            # An administrator's search walks the office's quotes newest first (search.py).
            models.Index(fields=["office", "-updated_at", "-id"], name="quote_office_updated"),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs) -> None:
        self.search_text = self.searchable_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "updated_at"}
        super().save(*args, **kwargs)

    def searchable_text(self) -> str:
        """What save() stores in search_text (public: the benchmark seeds in bulk with it)."""
        return search_text(self.searchable_parts())

    def searchable_parts(self) -> list[str]:
        parts = [self.reference, self.client_name, self.get_status_display()]
        creator = self.created_by
        parts += [creator.first_name, creator.last_name, creator.email]
        parts += _leaves(self.answers)
        activity = nace_code(self.answers.get("activity", {}).get("activity_code", ""), "2025")
        if activity is not None:  # the activity is found in every language, and as people say it
            parts += [activity.labels.get(language, "") for language in ("fr", "nl", "en")]
            parts.append(everyday_words(activity.code))
        if self.total_annual is not None:
            parts.append(str(self.total_annual))
        return [str(part) for part in parts if part not in (None, "")]

    @property
    def was_updated(self) -> bool:
        return (self.updated_at - self.created_at).total_seconds() > 60


def _leaves(value: object) -> list[str]:
    """Every scalar in the answers (names, codes, labels, addresses, amounts)."""
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    if isinstance(value, bool) or value is None:
        return []
    return [str(value)]
