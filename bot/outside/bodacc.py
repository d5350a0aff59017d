"""BODACC announcements (DILA's Opendatasoft portal, Explore API v2.1): the query for a set of
SIRENs and the mapping of its records to `Proceeding`s (pure functions, testable without HTTP)."""

from __future__ import annotations

import asyncio
import json
import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from typing import Any

from bot.domain.facts import InsolvencyKind
from bot.outside.bodacc_natures import (
    FRENCH_MONTHS,
    KIND_WORDS,
    NON_OPENING_FAMILIES,
    OPENING_PREFIXES,
    OPENING_RULES,
)
from bot.outside.models import Proceeding
from bot.outside.transport import JsonService

DEFAULT_URL = "https://bodacc-datadila.opendatasoft.com"
RECORDS_PATH = "/api/explore/v2.1/catalog/datasets/annonces-commerciales/records"
RATE_PER_SECOND = 5  # none documented; stay polite
PAGE = 100  # the portal's largest `limit`
MAX_OFFSET = 10_000
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s*(?:er)?\s+([a-z]+)\s+(\d{4})$")


def where(siren: str) -> str:
    """The ODSQL filter for the collective-proceedings notices of one SIREN."""
    return f'registre="{siren}" AND familleavis="collective"'


def judgment_date(text: Any) -> date | None:
    """A judgment date as the BODACC writes it: ISO, DD/MM/YYYY or "1er janvier 2020"."""
    if not isinstance(text, str):
        return None
    text = " ".join(text.replace("\u00a0", " ").split())
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    folded = "".join(
        c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c)
    )
    if match := _DMY.match(folded):
        day, month, year = (int(part) for part in match.groups())
    elif (match := _WORDS.match(folded)) and match[2] in FRENCH_MONTHS:
        day, month, year = int(match[1]), FRENCH_MONTHS[match[2]], int(match[3])
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def decoded(value: Any) -> dict[str, Any] | None:
    """A JSON-encoded field of a record (`jugement`, `parutionavisprecedent`) as a dict."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        data = json.loads(value)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def opening_kind(judgment: dict[str, Any]) -> InsolvencyKind | None:
    """The proceeding a judgment opens, or None (closure, plan, filed claims...): the rules
    first, then an unlisted opening, conversion or extension judgment by the words of its
    nature."""
    if judgment.get("famille") in NON_OPENING_FAMILIES:
        return None
    nature = " ".join(str(judgment.get("nature") or "").replace("’", "'").split())
    complement = str(judgment.get("complementJugement") or "").lower()
    for rule_nature, contains, kind in OPENING_RULES:
        if nature == rule_nature and (contains is None or contains in complement):
            return kind
    if any(rule_nature == nature for rule_nature, _, _ in OPENING_RULES):
        return None  # a listed nature whose complement names no proceeding
    lowered = nature.lower()
    if lowered.startswith(OPENING_PREFIXES):
        return next((kind for words, kind in KIND_WORDS if words in lowered), None)
    return None


def notice_key(record: dict[str, Any]) -> str:
    """A notice's identity as its successors name it: letter + parution number + number."""
    letter, parution, number = (
        record.get("publicationavis"),
        record.get("parution"),
        record.get("numeroannonce"),
    )
    if letter and parution and number is not None:
        return f"{letter}{parution}{number}"
    return str(record.get("id") or "")


def replaced_key(record: dict[str, Any]) -> str | None:
    """The notice a rectificatif or an annulation replaces, from `parutionavisprecedent`."""
    previous = decoded(record.get("parutionavisprecedent"))
    if not previous:
        return None
    publication = str(previous.get("nomPublication") or "").split()
    parution, number = previous.get("numeroParution"), previous.get("numeroAnnonce")
    if not publication or not parution or number is None:
        return None
    return f"{publication[-1]}{parution}{number}"


def sirens_of(record: dict[str, Any]) -> set[str]:
    """The SIRENs a notice is about (its `registre`, spaces removed)."""
    registre = record.get("registre") or []
    if isinstance(registre, str):
        registre = [registre]
    return {"".join(str(item).split()) for item in registre}


def proceedings(records: Iterable[dict[str, Any]], siren: str) -> tuple[Proceeding, ...]:
    """The proceedings opened against `siren`, newest publication first: notices of other
    families, of other companies, opening nothing, cancelled or rectified are left out (a
    rectificatif keeps the publication date of the notice it corrects)."""
    records = [r for r in records if siren in sirens_of(r)]
    replaced = {
        key
        for r in records
        if r.get("typeavis") in ("rectificatif", "annulation")
        and (key := replaced_key(r)) is not None
    }
    first_published = {notice_key(r): r.get("dateparution") for r in records}
    found: dict[tuple[InsolvencyKind, date | None], Proceeding] = {}
    for record in records:
        if record.get("familleavis") != "collective" or record.get("typeavis") == "annulation":
            continue
        if notice_key(record) in replaced:
            continue
        judgment = decoded(record.get("jugement"))
        published = judgment_date(record.get("dateparution"))
        original = replaced_key(record) if record.get("typeavis") == "rectificatif" else None
        if published and original and (earlier := judgment_date(first_published.get(original))):
            published = min(published, earlier)  # the judgment was first published then
        kind = opening_kind(judgment) if judgment else None
        if kind is None or published is None:
            continue
        item = Proceeding(
            kind=kind,
            published_on=published,
            opened_on=judgment_date(judgment.get("date")),
            notice_id=str(record.get("id") or notice_key(record)),
        )
        same = found.get((kind, item.opened_on))
        if same is None or item.published_on < same.published_on:  # one judgment, first notice
            found[(kind, item.opened_on)] = item
    return tuple(sorted(found.values(), key=lambda p: (p.published_on, p.notice_id), reverse=True))


class Bodacc:
    """Client of the `annonces-commerciales` records."""

    def __init__(self, service: JsonService) -> None:
        self.service = service

    async def records(self, siren: str, *, fresh: bool = False) -> list[dict[str, Any]]:
        """Every collective-proceedings record of one SIREN (all pages; `fresh`: asked again
        even if cached)."""
        records: list[dict[str, Any]] = []
        offset = 0
        while offset + PAGE <= MAX_OFFSET:
            payload = await self.service.get(
                RECORDS_PATH,
                {
                    "where": where(siren),
                    "order_by": "dateparution desc",
                    "limit": PAGE,
                    "offset": offset,
                },
                fresh=fresh,
            )
            page = payload.get("results") or []
            records += page
            offset += len(page)
            if not page or offset >= int(payload.get("total_count") or 0):
                break
        return records

    async def proceedings(
        self, sirens: Iterable[str], *, fresh: bool = False
    ) -> dict[str, tuple[Proceeding, ...]]:
        """The proceedings of each SIREN (one query each, run together within the rate)."""
        sirens = sorted(set(sirens))
        answers = await asyncio.gather(*(self.records(siren, fresh=fresh) for siren in sirens))
        return {
            siren: proceedings(records, siren)
            for siren, records in zip(sirens, answers, strict=True)
        }
