import pytest
from django.core.files.base import ContentFile

from brokerdesk.documents.models import Document
from brokerdesk.lib.storage import removed_on_failure


def stored(tmp_path) -> int:
    return sum(1 for path in tmp_path.rglob("*") if path.is_file())


def test_files_saved_in_a_block_that_fails_are_deleted(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = Document()
    with pytest.raises(RuntimeError), removed_on_failure() as store:
        store(document.file, "a.pdf", ContentFile(b"%PDF-"))
        assert stored(tmp_path) == 1
        raise RuntimeError("the row could not be written")
    assert stored(tmp_path) == 0


def test_files_saved_in_a_block_that_ends_well_are_kept(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = Document()
    with removed_on_failure() as store:
        store(document.file, "a.pdf", ContentFile(b"%PDF-"))
    assert stored(tmp_path) == 1
