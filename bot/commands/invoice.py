"""`python -m bot invoice FILE.pdf`: the facts read from an invoice PDF, as JSON (DESIGN §8)."""

from __future__ import annotations

import argparse
import json

from bot.commands._shared import fail
from bot.documents import DocumentError, read_invoice_file


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot invoice", description=__doc__)
    parser.add_argument("file", help="the invoice, a PDF (Factur-X or plain)")
    args = parser.parse_args(argv)
    try:
        facts = read_invoice_file(args.file)
    except DocumentError as error:
        return fail(str(error))
    print(json.dumps(facts.to_json(), ensure_ascii=False, indent=2))
    return 0
