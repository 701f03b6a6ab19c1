"""What a file is, read from its first bytes and, for zip containers, its directory; never
from its name or from the Content-Type its sender chose.

Documents joined to quotes may be PDF, images or office documents. Anything else (HTML, a
program, a script renamed "policy.pdf") is refused by the forms that receive files.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word, Excel and PowerPoint before 2007


@dataclass(frozen=True)
class FileType:
    content_type: str
    extensions: tuple[str, ...]  # the names such a file may have


PDF = FileType("application/pdf", (".pdf",))
PNG = FileType("image/png", (".png",))
JPEG = FileType("image/jpeg", (".jpg", ".jpeg"))
GIF = FileType("image/gif", (".gif",))
WEBP = FileType("image/webp", (".webp",))
TIFF = FileType("image/tiff", (".tif", ".tiff"))
LEGACY_OFFICE = FileType("application/vnd.ms-office", (".doc", ".xls", ".ppt"))
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)
)
XLSX = FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
PPTX = FileType(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",)
)
ODT = FileType("application/vnd.oasis.opendocument.text", (".odt",))
ODS = FileType("application/vnd.oasis.opendocument.spreadsheet", (".ods",))
ODP = FileType("application/vnd.oasis.opendocument.presentation", (".odp",))

# Office Open XML: the folder of the main part inside the zip says which application.
_OOXML_FOLDERS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
_OPENDOCUMENT = {t.content_type.encode(): t for t in (ODT, ODS, ODP)}


def document_type(upload: IO[bytes]) -> FileType | None:
    """The type of a PDF, image or office document; None for anything else. The file is read
    from its start and left there."""
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    found = _by_magic(head)
    if found is None and head.startswith(b"PK\x03\x04"):
        found = _zip_document(upload)
        upload.seek(0)
    return found


def _by_magic(head: bytes) -> FileType | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if head.startswith(OLE2):
        return LEGACY_OFFICE
    return None


def _zip_document(upload: IO[bytes]) -> FileType | None:
    # Only the zip's directory is read, never its members' content (no zip bomb unpacked),
    # except OpenDocument's "mimetype", a few bytes stored first and uncompressed.
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                return _OPENDOCUMENT.get(archive.read("mimetype").strip())
            if "[Content_Types].xml" not in names:
                return None
            for folder, kind in _OOXML_FOLDERS.items():
                if any(name.startswith(folder) for name in names):
                    return kind
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError):
        return None
    return None


def name_fits(name: str, kind: FileType) -> bool:
    """The file's name says what its content is ("report.pdf" holding a PDF)."""
    return name.lower().endswith(kind.extensions)
