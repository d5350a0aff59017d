"""`python -m bot lookup [--postcode CP] [--limit N] QUERY`: the companies of the public
register matching a name, a SIREN or a SIRET, each with its collective proceedings from the
BODACC, as JSON (DESIGN §8). Exit 3 with one line when a service cannot be reached."""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import Any

from bot.commands._shared import fail
from bot.config import ConfigError, load_settings
from bot.outside.lookup import Outside
from bot.outside.models import Found
from bot.outside.transport import BadQuery, ServiceDown

UNREACHABLE = 3


def _postcode(text: str) -> str:
    if len(text) != 5 or not text.isalnum():
        raise argparse.ArgumentTypeError(f"expected a 5-character postcode, got {text!r}")
    return text.upper()


def as_json(found: Found) -> dict[str, Any]:
    """One result of the §8 contract."""
    company = found.company
    return {
        "siren": company.siren,
        "name": company.name,
        "address": company.address,
        "kind": company.kind.value,
        "active": company.active,
        "proceedings": [
            {
                "kind": p.kind.value,
                "opened_on": p.opened_on.isoformat() if p.opened_on else None,
                "published_on": p.published_on.isoformat(),
            }
            for p in found.proceedings
        ],
    }


async def _lookup(outside: Outside, query: str, postcode: str | None, limit: int) -> list[Found]:
    try:
        return await outside.lookup(query, postcode, limit)
    finally:
        await outside.aclose()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot lookup", description=__doc__)
    parser.add_argument("--postcode", type=_postcode, metavar="CP", help="5-character postcode")
    parser.add_argument("--limit", type=int, default=10, metavar="N", help="at most N (1-100)")
    parser.add_argument("query", nargs="+", help="a name, a SIREN or a SIRET")
    args = parser.parse_args(argv)
    query = " ".join(args.query).strip()
    if not query:
        return fail("query: give a name, a SIREN or a SIRET")
    if not 1 <= args.limit <= 100:
        return fail("--limit: expected a number between 1 and 100")
    try:
        settings = load_settings()
    except ConfigError as error:
        return fail(str(error))
    outside = Outside.from_settings(settings)
    if outside is None:
        return fail("outside services are switched off (RELANCE_OUTSIDE_SERVICES=off)", UNREACHABLE)
    try:
        found = asyncio.run(_lookup(outside, query, args.postcode, args.limit))
    except BadQuery as error:
        return fail(f"{error.service} refused the query: {error.reason}")
    except ServiceDown as error:
        return fail(f"{error.service} cannot be reached: {error.reason}", UNREACHABLE)
    print(json.dumps({"results": [as_json(f) for f in found]}, ensure_ascii=False))
    return 0
