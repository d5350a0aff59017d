"""The clients of the register and the BODACC over HTTP, against the local stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date

import pytest

from bot.config import ConfigError, load_settings
from bot.domain.facts import DebtorKind, InsolvencyKind
from bot.outside import bodacc, registry
from bot.outside.lookup import Outside
from bot.outside.standin import OutsideStandin, fixture
from bot.outside.transport import (
    BadQuery,
    JsonService,
    RateLimiter,
    ServiceDown,
    retry_after_seconds,
)

UNITS = fixture("registry")
SIREN = {(u["nom_raison_sociale"] or u["nom_complet"]): u["siren"] for u in UNITS}


@pytest.fixture(scope="module")
def server() -> Iterator[OutsideStandin]:
    with OutsideStandin() as standin:
        yield standin


@pytest.fixture
def standin(server: OutsideStandin) -> OutsideStandin:
    server.requests.clear()
    server.throttle(0)
    server.slow(0)
    return server


@pytest.fixture
async def outside(standin: OutsideStandin) -> AsyncIterator[Outside]:
    client = Outside.create(standin.url, standin.url)
    yield client
    await client.aclose()


def paths(standin: OutsideStandin, path: str) -> list[dict[str, str]]:
    return [params for p, params in standin.requests if p == path]


async def test_every_field_of_a_lookup_by_name(outside: Outside, standin: OutsideStandin) -> None:
    (found,) = await outside.lookup("Atelier Dupuis")
    company = found.company
    assert company.siren == SIREN["ATELIER DUPUIS"]
    assert company.name == "ATELIER DUPUIS"
    assert company.address == "12 RUE DES TANNEURS\n69003 LYON 3EME"
    assert (company.postcode, company.city) == ("69003", "LYON 3EME")
    assert company.kind is DebtorKind.BUSINESS
    assert company.active is True
    assert found.proceedings == ()
    (search,) = paths(standin, registry.SEARCH_PATH)
    assert search["q"] == "Atelier Dupuis"
    assert (search["minimal"], search["include"]) == ("true", "siege,complements")
    (notices,) = paths(standin, bodacc.RECORDS_PATH)
    assert notices["where"] == f'registre="{company.siren}" AND familleavis="collective"'


async def test_accents_and_apostrophes_are_folded(outside: Outside) -> None:
    (found,) = await outside.lookup("cafe des ames")
    assert found.company.name == "CAFÉ DES ÂMES"
    assert found.company.active is False
    assert found.latest is not None and found.latest.kind is InsolvencyKind.LIQUIDATION
    (found,) = await outside.lookup("Les jardins d’Émile")
    assert found.company.siren == SIREN["LES JARDINS D'ÉMILE"]


async def test_a_siren_with_spaces(outside: Outside, standin: OutsideStandin) -> None:
    (found,) = await outside.lookup("  830 124 574 ")
    assert found.company.name == "STUDIO LUMEN"
    assert paths(standin, registry.SEARCH_PATH)[0]["q"] == "830124574"
    (proceeding,) = found.proceedings
    assert (proceeding.kind, proceeding.opened_on, proceeding.published_on) == (
        InsolvencyKind.RECEIVERSHIP,
        date(2026, 10, 14),
        date(2026, 10, 24),
    )


async def test_a_siret_gives_its_company_with_the_registered_office(outside: Outside) -> None:
    jardins = next(u for u in UNITS if u["siren"] == SIREN["LES JARDINS D'ÉMILE"])
    branch = jardins["_etablissements"][0]
    assert branch["code_postal"] != jardins["siege"]["code_postal"]
    (found,) = await outside.lookup(branch["siret"][:9] + " " + branch["siret"][9:])
    assert found.company.siren == jardins["siren"]
    assert found.company.address == "150 AV DE L'ARGONNE\n33700 MERIGNAC"


async def test_postcode_filters_names_but_not_a_siren(
    outside: Outside, standin: OutsideStandin
) -> None:
    assert {f.company.name for f in await outside.lookup("dupuis")} == {
        "ATELIER DUPUIS",
        "DUPUIS ET FILS",
    }
    (found,) = await outside.lookup("dupuis", postcode="42100")
    assert found.company.name == "DUPUIS ET FILS"
    assert paths(standin, registry.SEARCH_PATH)[-1]["code_postal"] == "42100"
    (found,) = await outside.lookup(SIREN["ATELIER DUPUIS"], postcode="42100")
    assert found.company.name == "ATELIER DUPUIS"
    assert "code_postal" not in paths(standin, registry.SEARCH_PATH)[-1]


async def test_register_pagination(standin: OutsideStandin) -> None:
    service = JsonService("register", standin.url, rate=7)
    client = registry.Registry(service, per_page=3)
    try:
        found = await client.search("atelier", limit=10)
        assert len(found) == 4
        assert [p["page"] for p in paths(standin, registry.SEARCH_PATH)] == ["1", "2"]
        assert len(await client.search("atelier", limit=2)) == 2
    finally:
        await service.aclose()


async def test_bodacc_pagination_reads_every_page() -> None:
    siren = "111111118"
    notices = [
        {"id": f"A2026{n:04d}", "publicationavis": "A", "parution": "20260001",
         "numeroannonce": n, "dateparution": f"2026-01-{1 + n % 28:02d}", "typeavis": "annonce",
         "familleavis": "collective", "registre": ["111 111 118", siren], "jugement": None}
        for n in range(150)
    ]  # fmt: skip
    notices[149]["jugement"] = (
        '{"famille": "Jugement d\'ouverture", "nature": "Jugement d\'ouverture de liquidation '
        'judiciaire", "date": "2026-01-02"}'
    )
    with OutsideStandin(units=[], notices=notices) as standin:
        service = JsonService("BODACC", standin.url, rate=5)
        try:
            records = await bodacc.Bodacc(service).records(siren)
        finally:
            await service.aclose()
        assert len(records) == 150
        assert [p["offset"] for p in paths(standin, bodacc.RECORDS_PATH)] == ["0", "100"]
        (found,) = bodacc.proceedings(records, siren)
        assert found.kind is InsolvencyKind.LIQUIDATION


@pytest.mark.parametrize(
    "name",
    [
        "COMMUNE DE VAL-DES-CÈDRES",
        "COMMUNAUTÉ DE COMMUNES DU PAYS D'ORNAIN",
        "CENTRE HOSPITALIER DE BEAUVALLON",
        "DIRECTION DÉPARTEMENTALE DES TERRITOIRES DE LA LOZÈRE",
    ],
)
async def test_public_bodies(outside: Outside, name: str) -> None:
    (found,) = await outside.lookup(SIREN[name])
    assert found.company.kind is DebtorKind.PUBLIC
    assert found.company.name == name


async def test_429_is_answered_by_waiting(outside: Outside, standin: OutsideStandin) -> None:
    standin.throttle(1, retry_after="1")
    (found,) = await outside.lookup("Studio Lumen")
    assert found.company.name == "STUDIO LUMEN"
    assert len(paths(standin, registry.SEARCH_PATH)) == 2  # refused once, then answered


async def test_429_that_lasts_is_a_service_down(outside: Outside, standin: OutsideStandin) -> None:
    standin.throttle(10, retry_after="0")
    with pytest.raises(ServiceDown, match="too many requests"):
        await outside.lookup("Studio Lumen")
    standin.throttle(1, retry_after="3600")  # longer than a chat can wait
    with pytest.raises(ServiceDown):
        await outside.lookup("Studio Lumen")


async def test_a_slow_service_times_out(standin: OutsideStandin) -> None:
    client = Outside.create(standin.url, standin.url, timeout=0.2)
    standin.slow(1.0)
    try:
        with pytest.raises(ServiceDown, match="no answer in time"):
            await client.lookup("Atelier Dupuis")
    finally:
        standin.slow(0)
        await client.aclose()


async def test_a_service_that_is_down() -> None:
    with OutsideStandin() as standin:
        url = standin.url
    client = Outside.create(url, url)
    try:
        with pytest.raises(ServiceDown, match="cannot connect") as caught:
            await client.lookup("Atelier Dupuis")
        assert caught.value.service == "company register"
    finally:
        await client.aclose()


async def test_bodacc_down_after_the_register_answered(standin: OutsideStandin) -> None:
    client = Outside.create(standin.url, "http://127.0.0.1:9")
    try:
        with pytest.raises(ServiceDown) as caught:
            await client.lookup("Atelier Dupuis")
        assert caught.value.service == "BODACC"
    finally:
        await client.aclose()


async def test_bodacc_down_unchecked_when_not_strict(standin: OutsideStandin) -> None:
    client = Outside.create(standin.url, "http://127.0.0.1:9")
    try:
        (found,) = await client.lookup("Studio Lumen", strict=False)
        assert (found.company.name, found.checked, found.proceedings) == ("STUDIO LUMEN", False, ())
    finally:
        await client.aclose()


async def test_answers_are_cached(outside: Outside, standin: OutsideStandin) -> None:
    first = await outside.lookup("Boulangerie Méridienne")
    count = len(standin.requests)
    assert await outside.lookup("Boulangerie Méridienne") == first
    assert len(standin.requests) == count


async def test_bad_queries_get_the_services_own_message(standin: OutsideStandin) -> None:
    service = JsonService("register", standin.url, rate=7)
    try:
        with pytest.raises(BadQuery, match="per_page"):
            await service.get(registry.SEARCH_PATH, {"q": "atelier", "per_page": 30})
        with pytest.raises(BadQuery, match="code postal"):
            await service.get(registry.SEARCH_PATH, {"q": "atelier", "code_postal": "690"})
        with pytest.raises(BadQuery):
            await service.get(bodacc.RECORDS_PATH, {"where": 'registre="1" AND AND'})
        with pytest.raises(BadQuery, match="10000"):
            await service.get(bodacc.RECORDS_PATH, {"limit": 100, "offset": 9950})
    finally:
        await service.aclose()


async def test_a_too_short_name_is_not_sent(outside: Outside, standin: OutsideStandin) -> None:
    assert await outside.lookup("ab") == []
    assert standin.requests == []


async def test_rate_limiter_waits_once_the_window_is_full() -> None:
    now = [0.0]
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(7, clock=lambda: now[0], sleep=sleep)
    for _ in range(7):
        await limiter.acquire()
    assert waits == []
    await limiter.acquire()
    assert waits == [1.0]


def test_retry_after_as_seconds_or_http_date() -> None:
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds(None) == 1.0
    assert retry_after_seconds("Wed, 02 Dec 2026 10:00:05 GMT", now=lambda: 1796205600.0) == 5.0


def test_settings_for_the_outside_services() -> None:
    settings = load_settings({})
    assert settings.registry_url == "https://recherche-entreprises.api.gouv.fr"
    assert settings.bodacc_url == "https://bodacc-datadila.opendatasoft.com"
    assert settings.outside_services is True
    settings = load_settings(
        {"RELANCE_REGISTRY_URL": "http://127.0.0.1:8080/", "RELANCE_OUTSIDE_SERVICES": "off"}
    )
    assert settings.registry_url == "http://127.0.0.1:8080"
    assert Outside.from_settings(settings) is None
    with pytest.raises(ConfigError, match="RELANCE_BODACC_URL"):
        load_settings({"RELANCE_BODACC_URL": "bodacc.example"})
    with pytest.raises(ConfigError, match="RELANCE_OUTSIDE_SERVICES"):
        load_settings({"RELANCE_OUTSIDE_SERVICES": "maybe"})
