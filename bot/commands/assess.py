"""`python -m bot assess [FILE]`: one case as JSON in (file or stdin), one JSON object out."""

from __future__ import annotations

import json

from bot.commands._shared import CommandError, case_parser, fail, read_json
from bot.domain.contract import InputError
from bot.words.advisor import advise


def main(argv: list[str]) -> int:
    args = case_parser("assess", __doc__).parse_args(argv)
    try:
        output = advise(read_json(args.file))
    except CommandError as error:
        return fail(str(error))
    except InputError as error:
        return fail(f"{error.field}: {error.message}")
    print(json.dumps(output, ensure_ascii=False, indent=2))
    return 0
