"""Stored files and transactions: a file is written when it is saved, its row only at commit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models.fields.files import FieldFile


@contextmanager
def removed_on_failure() -> Iterator[list[FieldFile]]:
    """Yields a list for the files the block saves. Should the block fail, its transaction
    rolls the rows back and these files are deleted: no file outlives the row naming it."""
    saved: list[FieldFile] = []
    try:
        yield saved
    except BaseException:
        for file in saved:
            file.storage.delete(file.name)
        raise
