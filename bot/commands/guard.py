"""`python -m bot guard [TEXT]`: check a text (argument or stdin) and print its warnings."""

from __future__ import annotations

import argparse
import json
import sys

from bot.domain.guard import codes


def main(argv: list[str]) -> int:
    """Print `{"warnings": [codes]}` for the text; always exit 0."""
    parser = argparse.ArgumentParser(prog="python -m bot guard", description=__doc__)
    parser.add_argument("text", nargs="*", help="text to check (stdin when omitted)")
    args = parser.parse_args(argv)
    text = " ".join(args.text) if args.text else sys.stdin.read()
    print(json.dumps({"warnings": codes(text)}, ensure_ascii=False))
    return 0
