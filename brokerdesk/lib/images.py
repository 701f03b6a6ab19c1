"""Uploaded images are decoded and written again, so only pixels reach the disk."""

from __future__ import annotations

import io
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from brokerdesk.lib.uploads import logo_limit, size_label

MAX_PIXELS = 4096 * 4096
ACCEPTED_FORMATS = {"PNG", "JPEG", "WEBP"}
LOGO_SIZE = (512, 512)


def reencode_logo(upload: UploadedFile) -> ContentFile:
    """A PNG copy of an uploaded PNG, JPEG or WebP logo, without metadata, at most 512 px."""
    if upload.size > logo_limit():
        raise ValidationError(
            _("Le logo ne peut pas dépasser %(size)s.") % {"size": size_label(logo_limit())},
            code="too_big",
        )
    invalid = ValidationError(
        _("Le logo doit être une image PNG, JPEG ou WebP."), code="invalid_image"
    )
    try:
        with Image.open(upload) as image:
            if image.format not in ACCEPTED_FORMATS:
                raise invalid
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("Cette image est trop grande."), code="too_many_pixels")
            image.load()
            picture = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise invalid from error
    picture.thumbnail(LOGO_SIZE)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return ContentFile(out.getvalue(), name=f"{secrets.token_hex(16)}.png")
