"""`python -m bot assess [FILE]`: one case as JSON in (file or stdin), one JSON object out."""

from __future__ import annotations

import argparse
import json

from bot.commands._shared import CommandError, fail, read_json
from bot.domain.contract import InputError
from bot.words.advisor import advise


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot assess", description=__doc__)
    parser.add_argument("file", nargs="?", help="JSON case file (stdin when omitted)")
    args = parser.parse_args(argv)
    try:
        data = read_json(args.file)
    except CommandError as error:
        return fail(str(error))
    try:
        output = advise(data)
    except InputError as error:
        return fail(f"{error.field}: {error.message}")
    print(json.dumps(output, ensure_ascii=False, indent=2))
    return 0
