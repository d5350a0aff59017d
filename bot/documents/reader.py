"""The one entry point: invoice PDF bytes in, the facts it states out."""

from __future__ import annotations

import dataclasses
import os

from bot.documents.errors import BrokenPdfError, ScannedError, TooLargeError
from bot.documents.facts import InvoiceFacts
from bot.documents.facturx import embedded_xml, read_cii
from bot.documents.pdf import open_pdf, text_layer
from bot.documents.text_invoice import read_text

MAX_BYTES = 20 * 1024 * 1024  # what a Telegram bot may download
MIN_TEXT = 20  # fewer visible characters than this: an image, not a text layer


def read_invoice(data: bytes) -> InvoiceFacts:
    """The facts of an invoice PDF: its Factur-X XML when embedded, else its text layer.

    Fields the XML leaves out (a MINIMUM profile has no due date) are taken from the text.
    Raises a DocumentError subclass, whose message is a French sentence, when unreadable.
    """
    if len(data) > MAX_BYTES:
        raise TooLargeError()
    reader = open_pdf(data)
    try:
        xml = embedded_xml(data)
    except Exception:  # the library re-parses the file: any failure there means no XML
        xml = None
    structured = read_cii(xml) if xml else None
    text = text_layer(reader)
    if structured is not None:
        if len("".join(text.split())) < MIN_TEXT:
            return structured
        return _completed(structured, read_text(text))
    if len("".join(text.split())) < MIN_TEXT:
        raise ScannedError()
    return read_text(text)


def read_invoice_file(path: str | os.PathLike[str]) -> InvoiceFacts:
    """`read_invoice` over a file, its size checked before it is read."""
    try:
        if os.path.getsize(path) > MAX_BYTES:
            raise TooLargeError()
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        raise BrokenPdfError("Je ne trouve pas ce fichier, ou je ne peux pas l'ouvrir.") from None
    return read_invoice(data)


def _completed(structured: InvoiceFacts, text: InvoiceFacts) -> InvoiceFacts:
    """The XML's facts, with the gaps it leaves filled from the visible text."""
    gaps = {
        field.name: getattr(text, field.name)
        for field in dataclasses.fields(InvoiceFacts)
        if field.name != "source" and getattr(structured, field.name) is None
    }
    return dataclasses.replace(structured, **gaps)
