"""Opening a PDF safely and reading its text layer as laid out on the page (pypdf)."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from bot.documents.errors import BrokenPdfError, EncryptedError, NotPdfError

MAX_PAGES = 6  # an invoice; the rest of a long document is terms and annexes

logging.getLogger("pypdf").setLevel(logging.ERROR)


def open_pdf(data: bytes) -> PdfReader:
    """A reader over `data`, or NotPdfError / BrokenPdfError / EncryptedError."""
    if b"%PDF-" not in data[:1024]:
        raise NotPdfError()
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise EncryptedError()
        _ = len(reader.pages)
    except EncryptedError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        if "decrypt" in str(error).lower() or "encrypt" in str(error).lower():
            raise EncryptedError() from None
        raise BrokenPdfError() from None
    return reader


def text_layer(reader: PdfReader) -> str:
    """The text of the first pages, each laid out as a fixed-width grid."""
    try:
        pages = [page.extract_text(extraction_mode="layout") for page in reader.pages[:MAX_PAGES]]
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, ZeroDivisionError):
        raise BrokenPdfError() from None
    return "\n\n".join(pages)
