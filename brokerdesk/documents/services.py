"""Documents of quotes and clients: added and deleted by the office's members, audited."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from brokerdesk.accounts.models import User
from brokerdesk.audit.log import record
from brokerdesk.clients.models import Client
from brokerdesk.documents import rules
from brokerdesk.documents.models import Document
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.lib.storage import removed_on_failure
from brokerdesk.lib.uploads import FileType, safe_filename
from brokerdesk.offices.models import Membership
from brokerdesk.quotes.models import Quote


class NotYours(RuleBroken):
    message = _("Seul l'auteur du dépôt ou un administrateur peut supprimer ce document.")


class MembersOnly(RuleBroken):
    message = _("Seuls les membres du bureau peuvent déposer un document.")


def _membership(user: User, office_id: int) -> Membership | None:
    return Membership.objects.filter(
        user=user, office_id=office_id, status=Membership.Status.ACTIVE
    ).first()


@transaction.atomic
def add_document(
    *,
    owner: Quote | Client,
    kind: str,
    upload: UploadedFile,
    file_type: FileType,
    by: User,
    form_token: str = "",
) -> Document:
    """Keep the file (its type read from its content by the form) with the quote or client.
    The same form posted again (its token) finds the document the first POST kept."""
    if not rules.can_upload(_membership(by, owner.office_id)):
        raise MembersOnly
    before = _uploaded_before(by, form_token)
    if before is not None:
        return before
    document = Document(
        office_id=owner.office_id,
        kind=kind,
        name=safe_filename(upload.name or "", file_type),
        content_type=file_type.content_type,
        size=upload.size,
        uploaded_by=by,
        form_token=form_token,
    )
    if isinstance(owner, Quote):
        document.quote = owner
    else:
        document.client = owner
    upload.seek(0)
    with removed_on_failure() as store:
        store(document.file, f"x{file_type.extension}", upload)
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError:
            # The same form's other POST won the race: its document is the one.
            found = _uploaded_before(by, form_token)
            if found is None:
                raise
            document.file.storage.delete(document.file.name)
            return found
        record(
            "document.uploaded",
            actor=by,
            target=document,
            office=owner.office,
            owner=f"{owner._meta.model_name}:{owner.pk}",
            kind=kind,
            name=document.name,
            size=document.size,
        )
    return document


def _uploaded_before(by: User, form_token: str) -> Document | None:
    if not form_token:
        return None
    return Document.objects.filter(uploaded_by=by, form_token=form_token).first()


@transaction.atomic
def delete_document(*, document: Document, by: User) -> None:
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not rules.can_delete(document, _membership(by, document.office_id)):
        raise NotYours
    owner = document.quote or document.client
    record(
        "document.deleted",
        actor=by,
        target=document,
        office=owner.office,
        owner=f"{owner._meta.model_name}:{owner.pk}",
        kind=document.kind,
        name=document.name,
    )
    document.delete()  # its file goes when this commits (models._delete_file)
