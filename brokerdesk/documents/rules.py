"""Who may do what with documents (the services check these again under lock)."""

from __future__ import annotations

from brokerdesk.documents.models import Document
from brokerdesk.offices.models import Membership


def can_upload(membership: Membership | None) -> bool:
    """Members of the office add documents to what they can see; insurer staff only read."""
    return membership is not None and membership.status == Membership.Status.ACTIVE


def can_delete(document: Document, membership: Membership | None) -> bool:
    """Whoever uploaded it, or an administrator of its office."""
    if not can_upload(membership) or document.office_id != membership.office_id:
        return False
    return membership.is_admin or document.uploaded_by_id == membership.user_id
