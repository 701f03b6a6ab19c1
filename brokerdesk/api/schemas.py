"""What the API reads and writes (Pydantic): the OpenAPI schema is generated from these."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Path, Schema
from pydantic import ConfigDict, create_model

from rating.messages import CATEGORY_LABELS, FREQUENCY_LABELS, H24_MODE_LABELS, OPTION_LABELS

Frequency = Literal[tuple(FREQUENCY_LABELS)]  # type: ignore[valid-type]
Option = Literal[tuple(OPTION_LABELS)]  # type: ignore[valid-type]
H24Category = Literal[tuple(list(CATEGORY_LABELS)[:3])]  # type: ignore[valid-type]
H24Mode = Literal[tuple(H24_MODE_LABELS)]  # type: ignore[valid-type]
Language = Literal["fr", "nl", "en"]
Text = Field(None, max_length=1000)
# Database ids: anything larger than a 64-bit integer cannot exist (nor reach the database).
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
Page = Annotated[int, Field(ge=1, le=MAX_ID)]


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


# The wizard's steps: the fields of the browser's forms, with JSON types.


class ActivityStep(Strict):
    """1.1 Activité"""

    client_name: str = Field(..., max_length=1000, description="Nom / raison sociale")
    activity: str = Field(
        ..., max_length=1000, description="NACE-BEL 2025 code, e.g. 47.110 (Activité exercée)"
    )
    enterprise_number: str | None = Text
    street: str | None = Text
    number: str | None = Text
    postal_code: str | None = Text
    city: str | None = Text
    insurance_year: int | None = Field(None, description="Année d'assurance")


class CoversStep(Strict):
    """1.2 Choix des couvertures"""

    extra_legal: bool = False
    h24: bool = False
    manager: bool = False


class ClaimsStep(Strict):
    """1.3 Historique sinistre"""

    history_known: bool = False
    years: int | None = None
    no_lost_time: int | None = None
    temporary_incapacity: int | None = None
    permanent_incapacity: int | None = None
    fatal: int | None = None
    previous_insurer: str | None = Text
    cancelled_by_insurer: bool = False
    aggravated_risk: bool = False


LegalStep = create_model(  # 2.1 Garantie légale: number, wages and above the ceiling per category
    "LegalStep",
    __base__=Strict,
    students_function=(Literal["workers", "employees"], "workers"),
    **{
        f"{code}_{part}": (kind | None, None)
        for code in CATEGORY_LABELS
        for part, kind in (("headcount", int), ("wages", Decimal), ("above", int))
    },
)


class ExtraStep(Strict):
    """2.2 Garanties extra-légales (the manager's fields when the manager is covered)"""

    options: list[Option] = Field(default_factory=list, max_length=20)
    manager_age: int | None = None
    manager_death_capital: Decimal | None = None
    manager_permanent_capital: Decimal | None = None
    manager_daily_allowance: Decimal | None = None


class H24Step(Strict):
    """2.3 24h-24h"""

    categories: list[H24Category] = Field(..., max_length=3)
    mode: H24Mode


class Answers(Strict):
    """The wizard's answers, one object per step; steps 2.2 and 2.3 only for their covers."""

    activity: ActivityStep | None = None
    covers: CoversStep | None = None
    claims: ClaimsStep | None = None
    legal: LegalStep | None = None  # type: ignore[valid-type]
    extra: ExtraStep | None = None
    h24: H24Step | None = None


class QuoteCreate(Strict):
    product: str = Field(..., max_length=30, description="Product code, e.g. TPE")
    group: Id | None = Field(None, description="Sub-account; the current one by default")
    answers: Answers


class QuoteUpdate(Strict):
    answers: Answers


class PriceIn(Strict):
    payment_frequency: Frequency | None = None


class OfferIn(Strict):
    language: Language


class GroupChoice(Strict):
    group: Id | None = Field(None, description="Sub-account; the current one by default")


class DecisionIn(Strict):
    reason: str = Field("", max_length=1000, description="Motif (required to refuse or revoke)")


# Answers


class GroupOut(Schema):
    id: int
    name: str
    current: bool


class ProductOut(Schema):
    code: str
    name: str
    insurer: str
    access: str | None = Field(description="The group's access: requested, accepted, ...")


STATUSES = (
    "draft, priced, issued, accepted (by the client), submitted (to the insurer), "
    "insurer_accepted, insurer_refused, archived"
)


class QuoteOut(Schema):
    id: int
    reference: str
    client_name: str
    client: int | None = Field(description="The client's id (GET /clients/{client_id})")
    status: str = Field(description=STATUSES)
    policy_number: str = Field(description="Given by the insurer when it accepts")
    product: str
    group: int
    created_by: str
    total_annual: Decimal | None
    referred: bool
    indicative: bool
    tariff_version: str
    created_at: datetime
    updated_at: datetime
    issued_at: datetime | None
    offer_language: str


class OfferOut(Schema):
    """One issued offer (a PDF kept as sent); a new issue or a change supersedes it."""

    number: int
    issued_at: datetime
    language: str
    sha256: str = Field(description="SHA-256 of the PDF as issued")
    superseded: bool
    accepted: bool = Field(description="Accepted by the client on its offer page")


class QuoteDetail(QuoteOut):
    answers: dict[str, Any]
    steps_done: list[str]
    missing_steps: list[str]
    breakdown: dict[str, Any] | None
    offers: list[OfferOut] = Field(description="The issued offers, newest first")


class QuotePage(Schema):
    count: int
    page: int
    pages: int
    results: list[QuoteOut]


class ClientOut(Schema):
    id: int
    name: str
    enterprise_number: str
    street: str
    number: str
    postal_code: str
    city: str
    activity_code: str
    contact_name: str
    email: str
    phone: str
    language: str
    created_at: datetime
    updated_at: datetime


class ClientDetail(ClientOut):
    quotes: list[QuoteOut] = Field(description="The client's quotes the user may see")


class ClientPage(Schema):
    count: int
    page: int
    pages: int
    results: list[ClientOut]


class AccessRequestOut(Schema):
    id: int
    product: str
    office: str
    group: str
    producer_number: str
    status: str
    requested_by: str
    requested_at: datetime
    decided_at: datetime | None
    reason: str


class AccessRequestPage(Schema):
    count: int
    page: int
    pages: int
    results: list[AccessRequestOut]


class ErrorItem(Schema):
    loc: list[str | int]
    msg: str


class ValidationErrors(Schema):
    detail: list[ErrorItem]


class Message(Schema):
    detail: str
