"""Size limits of uploaded files (settings LOGO_MAX_BYTES, DOCUMENT_MAX_BYTES,
ATTACHMENT_MAX_BYTES), as the forms check them and say them, and the types of attachments
(documents of quotes and clients), checked from their content."""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _


def size_label(size: int) -> str:
    """A limit as people read it: "1 Mo", "512 Ko" in French, "1 MB" in Dutch and English."""
    mega = 1024 * 1024
    if size >= mega and size % mega == 0:
        return _("%(count)s Mo") % {"count": size // mega}
    return _("%(count)s Ko") % {"count": -(-size // 1024)}


def logo_limit() -> int:
    return settings.LOGO_MAX_BYTES


def document_limit() -> int:
    return settings.DOCUMENT_MAX_BYTES


def attachment_limit() -> int:
    return settings.ATTACHMENT_MAX_BYTES


@dataclass(frozen=True)
class FileType:
    """What an uploaded attachment is, read from its first bytes (never from its name)."""

    content_type: str
    extension: str


PDF = FileType("application/pdf", ".pdf")
PNG = FileType("image/png", ".png")
JPEG = FileType("image/jpeg", ".jpg")
WEBP = FileType("image/webp", ".webp")
OOXML = {
    "word/": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"
    ),
    "xl/": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "ppt/": FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"
    ),
}
ODF = {
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/vnd.oasis.opendocument.presentation": ".odp",
}
# Word, Excel and PowerPoint before 2007 share one container (OLE2): its name tells which.
OLE2 = {
    ".doc": FileType("application/msword", ".doc"),
    ".xls": FileType("application/vnd.ms-excel", ".xls"),
    ".ppt": FileType("application/vnd.ms-powerpoint", ".ppt"),
}
MAX_ZIP_ENTRIES = 5000


def attachment_type(upload: IO[bytes], name: str) -> FileType | None:
    """PDF, a PNG, JPEG or WebP image, or an office document (Word, Excel, PowerPoint,
    OpenDocument), as its content shows; None for anything else. A document with macros is
    refused: it is the usual way malware travels in office files."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLE2.get(PurePosixPath(name.lower()).suffix)
    if head.startswith(b"PK\x03\x04"):
        return _zipped_type(upload)
    return None


def _zipped_type(upload: IO[bytes]) -> FileType | None:
    # Only the archive's directory is read (and the few bytes of an OpenDocument's "mimetype"):
    # nothing is unpacked, so a zip bomb costs nothing.
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                return None
            names = [entry.filename for entry in entries]
            if any(n.lower().endswith(("vbaproject.bin", ".bas")) for n in names):
                return None
            if "[Content_Types].xml" in names:
                return next(
                    (t for prefix, t in OOXML.items() if any(n.startswith(prefix) for n in names)),
                    None,
                )
            mimetype = next((e for e in entries if e.filename == "mimetype"), None)
            if mimetype is not None and mimetype.file_size <= 100:
                kind = archive.read(mimetype).decode("ascii", "replace").strip()
                if kind in ODF and not any(n.lower().startswith("basic/") for n in names):
                    return FileType(kind, ODF[kind])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, RuntimeError):
        return None
    finally:
        upload.seek(0)
    return None


# Other spellings of an extension that a file's name may carry.
_SAME_EXTENSION = {".jpeg": ".jpg"}


def name_fits(name: str, file_type: FileType) -> bool:
    """The name's extension says what the content is (a PNG named "contract.pdf" does not)."""
    suffix = PurePosixPath(name.lower()).suffix
    return _SAME_EXTENSION.get(suffix, suffix) == file_type.extension


def safe_filename(name: str, file_type: FileType) -> str:
    """The name a download is offered under: the uploaded name without its folders, control
    or separator characters, shortened, with the extension of what the file really is."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    kept = "".join(
        c for c in name if unicodedata.category(c)[0] not in "CZ" or c == " "
    )  # control, format (RTL marks), separators
    stem = PurePosixPath(kept.strip(" .")).stem.strip(" .")[:100] or "document"
    return stem + file_type.extension
