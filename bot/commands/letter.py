"""`python -m bot letter FILE -o OUT.pdf`: the formal notice of a §8 JSON case as an A4 PDF.

The JSON may carry an optional `profile` object (full_name, business_name, address, city,
email, phone, iban, siret, vat_franchise) used for the sender block and the signature; the
PDF leaves out what is unknown, and `missing: …` on stderr names it (DESIGN §6).
"""

from __future__ import annotations

import sys

from bot.commands._shared import CommandError, case_parser, fail, read_json
from bot.domain.assess import assess
from bot.domain.contract import InputError, case_from_json, profile_from_json
from bot.domain.facts import Stage
from bot.domain.profile import Profile, missing_fields

# Stages where a formal notice makes no sense: nothing owed yet, nothing owed any more,
# or individual recovery stopped by insolvency proceedings.
NO_LETTER = {
    Stage.NOT_DUE,
    Stage.PREVENTIVE_REMINDER,
    Stage.PAID,
    Stage.TIME_BARRED,
    Stage.INSOLVENCY,
}


def main(argv: list[str]) -> int:
    parser = case_parser("letter", __doc__)
    parser.add_argument("-o", "--output", required=True, help="PDF file to write")
    args = parser.parse_args(argv)
    try:
        data = read_json(args.file)
        case, today, _channel = case_from_json(data)
        profile = profile_from_json(data.get("profile"))
    except CommandError as error:
        return fail(str(error))
    except InputError as error:
        return fail(f"{error.field}: {error.message}")
    result = assess(case, today)
    if result.stage in NO_LETTER:
        return fail(f"stage: no formal notice for a case at stage {result.stage.value}", 1)
    from bot.words.letter_pdf import write_letter_pdf

    try:
        write_letter_pdf(case, result, profile, args.output)
    except OSError as error:
        return fail(f"cannot write {args.output}: {error.strerror}")
    missing = missing_fields(profile or Profile(), case.debtor, "letter")
    if missing:
        print(f"missing: {', '.join(missing)}", file=sys.stderr)
    print(args.output)
    return 0
