"""Opening a PDF safely and reading its text layer as laid out on the page (pypdf)."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader

from bot.documents.errors import BrokenPdfError, EncryptedError, NotPdfError

MAX_PAGES = 6  # an invoice; the rest of a long document is terms and annexes

# pypdf logs what it repairs or skips in a malformed file (at ERROR); a PDF sent by a user
# is often malformed, and its structure is no business of the logs.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)


def open_pdf(data: bytes) -> PdfReader:
    """A reader over `data`, or NotPdfError / BrokenPdfError / EncryptedError."""
    if b"%PDF-" not in data[:1024]:
        raise NotPdfError()
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except Exception:  # a malformed file can break the parser in many ways
        raise BrokenPdfError() from None
    if encrypted:
        try:  # many PDFs are encrypted with an empty password, to restrict printing
            opened = reader.decrypt("")
        except Exception:  # an unknown algorithm, a missing optional dependency...
            opened = False
        if not opened:
            raise EncryptedError()
    try:
        _ = len(reader.pages)
    except Exception:
        raise BrokenPdfError() from None
    return reader


def text_layer(reader: PdfReader) -> str:
    """The text of the first pages, each laid out as a fixed-width grid."""
    try:
        pages = [page.extract_text(extraction_mode="layout") for page in reader.pages[:MAX_PAGES]]
    except Exception:  # idem: a malformed page, font or stream
        raise BrokenPdfError() from None
    return "\n\n".join(pages)
