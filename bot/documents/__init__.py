"""Reading invoice documents (Factur-X and plain PDFs) into facts; no Telegram, no storage."""

from bot.documents.errors import DocumentError
from bot.documents.facts import InvoiceFacts
from bot.documents.reader import MAX_BYTES, read_invoice, read_invoice_file

__all__ = ["MAX_BYTES", "DocumentError", "InvoiceFacts", "read_invoice", "read_invoice_file"]
