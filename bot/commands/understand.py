"""`python -m bot understand [--today YYYY-MM-DD] [TEXT]`: what the bot reads in one message."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from bot.domain.understand import understand
from bot.runtime.clock import Clock


def main(argv: list[str]) -> int:
    """Print the §8 JSON for the text (argument or stdin); exit 2 on a bad --today."""
    parser = argparse.ArgumentParser(prog="python -m bot understand", description=__doc__)
    parser.add_argument("--today", help="the day dates resolve against (default: today, Paris)")
    parser.add_argument("text", nargs="*", help="the message (stdin when omitted)")
    args = parser.parse_args(argv)
    try:
        today = date.fromisoformat(args.today) if args.today else Clock().today()
    except ValueError:
        print(f"--today: not an ISO date: {args.today!r}", file=sys.stderr)
        return 2
    text = " ".join(args.text) if args.text else sys.stdin.read()
    print(json.dumps(understand(text, today).as_json(), ensure_ascii=False))
    return 0
