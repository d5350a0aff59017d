"""`python -m bot assess [FILE]`: one case as JSON in (file or stdin), one JSON object out."""

from __future__ import annotations

import argparse
import json
import sys

from bot.advisor import advise
from bot.domain.contract import InputError


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot assess", description=__doc__)
    parser.add_argument("file", nargs="?", help="JSON case file (stdin when omitted)")
    args = parser.parse_args(argv)
    try:
        if args.file:
            with open(args.file, encoding="utf-8") as handle:
                text = handle.read()
        else:
            text = sys.stdin.read()
    except OSError as error:
        print(f"error: cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return 2
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        print(
            f"error: input: not valid JSON (line {error.lineno}, column {error.colno})",
            file=sys.stderr,
        )
        return 2
    try:
        output = advise(data)
    except InputError as error:
        print(f"error: {error.field}: {error.message}", file=sys.stderr)
        return 2
    print(json.dumps(output, ensure_ascii=False, indent=2))
    return 0
