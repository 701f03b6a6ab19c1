"""Stored files and transactions: a file is written when it is saved, its row only at commit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.core.files.base import File
from django.db.models.fields.files import FieldFile


@contextmanager
def removed_on_failure() -> Iterator[Callable[[FieldFile, str, File], None]]:
    """Yields `store(field_file, name, content)`, which saves a file without saving its row.
    Should the block fail, its transaction rolls the rows back and the files stored are
    deleted: no file outlives the row naming it."""
    stored: list[FieldFile] = []

    def store(file: FieldFile, name: str, content: File) -> None:
        file.save(name, content, save=False)
        stored.append(file)

    try:
        yield store
    except BaseException:
        for file in stored:
            file.storage.delete(file.name)
        raise
