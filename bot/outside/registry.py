"""API Recherche d'entreprises (the State's company search): queries and the mapping of its
answers to `Company` (pure functions, testable without HTTP)."""

from __future__ import annotations

import re
from typing import Any

from bot.domain.facts import DebtorKind
from bot.outside.models import Company
from bot.outside.query_words import LEGAL_FORMS
from bot.outside.transport import JsonService

DEFAULT_URL = "https://recherche-entreprises.api.gouv.fr"
RATE_PER_SECOND = 7
SEARCH_PATH = "/search"
MAX_PER_PAGE = 25
INCLUDE = "siege,complements"
_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")
_SPACES = re.compile(r"[\s.\u00a0\u202f-]+")
PUBLIC_FAMILY = "7"  # INSEE nature juridique 7xxx: personnes morales de droit public


def identifier(query: str) -> str | None:
    """The SIREN (9 digits) or SIRET (14 digits) typed in `query`, spaces ignored; else None."""
    digits = _SPACES.sub("", query)
    if digits.isdigit() and len(digits) in (9, 14):
        return digits
    return None


def search_words(query: str) -> str:
    """The name as the register's word search can match it: legal forms ("SARL", "SAS"...)
    left out, unless nothing else is left."""
    words = query.split()
    kept = [w for w in words if w.lower().strip(".,()") not in LEGAL_FORMS]
    return " ".join(kept or words)


def search_params(query: str, postcode: str | None, page: int, per_page: int) -> dict[str, Any]:
    """The query string of one search page (a SIREN/SIRET is sent as bare digits)."""
    number = identifier(query)
    params: dict[str, Any] = {
        "q": number or search_words(query),
        "page": page,
        "per_page": per_page,
        "minimal": "true",
        "include": INCLUDE,
    }
    if postcode and number is None:
        params["code_postal"] = postcode
    return params


def legal_name(result: dict[str, Any]) -> str:
    """The legal name: `nom_raison_sociale`, else `nom_complet` without its trailing
    "(NOM COMMERCIAL)" / "(SIGLE)" groups (an entrepreneur individuel has no raison sociale)."""
    name = (result.get("nom_raison_sociale") or "").strip()
    if name:
        return name
    full = (result.get("nom_complet") or "").strip()
    while True:
        shorter = _SUFFIX.sub("", full)
        if not shorter or shorter == full:
            return full
        full = shorter


def kind_of(result: dict[str, Any]) -> DebtorKind:
    """Public for a nature juridique 7xxx, a collectivité territoriale or an administration."""
    nature = str(result.get("nature_juridique") or "")
    complements = result.get("complements") or {}
    if (
        nature.startswith(PUBLIC_FAMILY)
        or complements.get("collectivite_territoriale")
        or complements.get("est_administration") is True
    ):
        return DebtorKind.PUBLIC
    return DebtorKind.BUSINESS


def postal_address(siege: dict[str, Any]) -> str | None:
    """The register's one-line address cut before the postcode: street lines, then "CP CITY"."""
    line = " ".join((siege.get("adresse") or "").split())
    if not line:
        return None
    postcode = siege.get("code_postal")
    if postcode:
        cut = line.rfind(f" {postcode} ")
        if cut < 0 and line.endswith(f" {postcode}"):
            cut = len(line) - len(postcode) - 1
        if cut > 0:
            return f"{line[:cut]}\n{line[cut + 1 :]}"
    return line


def company(result: dict[str, Any]) -> Company:
    """One result of `/search` as a `Company` (the registered office's address)."""
    siege = result.get("siege") or {}
    return Company(
        siren=str(result["siren"]),
        name=legal_name(result),
        address=postal_address(siege),
        postcode=siege.get("code_postal") or None,
        city=siege.get("libelle_commune") or None,
        kind=kind_of(result),
        active=result.get("etat_administratif") == "A",
    )


def companies(payload: dict[str, Any]) -> list[Company]:
    """Every result of one `/search` answer, in the register's order."""
    return [company(item) for item in payload.get("results") or [] if item.get("siren")]


class Registry:
    """Client of `/search`."""

    def __init__(self, service: JsonService, per_page: int = MAX_PER_PAGE) -> None:
        self.service = service
        self.per_page = per_page

    async def search(
        self, query: str, postcode: str | None = None, limit: int = 10
    ) -> list[Company]:
        """Up to `limit` companies matching a name (and postcode), a SIREN or a SIRET."""
        number = identifier(query)
        if number is None and len(search_words(query)) < 3 and not postcode:
            return []  # the register refuses such a query (400)
        per_page = min(limit, self.per_page)
        found: list[Company] = []
        page = 1
        while len(found) < limit:
            payload = await self.service.get(
                SEARCH_PATH, search_params(query, postcode, page, per_page)
            )
            found += companies(payload)
            if page >= int(payload.get("total_pages") or 0):
                break
            page += 1
        return found[:limit]
