"""The outside-services client's own cost per lookup, against the local stand-in.

    python -m bench.lookup [--runs 300]

Times (medians): a lookup through `Outside` (register search + BODACC records, no cache,
no pacing) against the same two GETs made with a bare httpx client; the difference is the
client's own overhead (parameters, pacing, cache keys, JSON mapping). Also a cached lookup and
the pure mapping of both answers. Prints one JSON result line (bench/common.py)."""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import Any

import httpx

from bench.common import emit, median
from bot.outside import bodacc, registry
from bot.outside.lookup import Outside
from bot.outside.standin import OutsideStandin
from bot.outside.transport import JsonService, TtlCache

QUERY = "boulangerie meridienne"
UNLIMITED = 1_000_000


def client(url: str, cache_seconds: float) -> Outside:
    def service(name: str) -> JsonService:
        return JsonService(name, url, rate=UNLIMITED, cache=TtlCache(seconds=cache_seconds))

    return Outside(registry.Registry(service("register")), bodacc.Bodacc(service("BODACC")))


async def timed(make: Any, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await make()
        times.append(time.perf_counter() - started)
    return times


async def measure(url: str, runs: int) -> dict[str, float]:
    raw = httpx.AsyncClient(base_url=url)
    (company,) = await client(url, 0).lookup(QUERY)
    search = registry.search_params(QUERY, None, 1, 10)
    notices = {"where": bodacc.where(company.company.siren), "order_by": "dateparution desc",
               "limit": bodacc.PAGE, "offset": 0}  # fmt: skip

    async def bare() -> None:
        (await raw.get(registry.SEARCH_PATH, params=search)).json()
        (await raw.get(bodacc.RECORDS_PATH, params=notices)).json()

    uncached, cached = client(url, 0), client(url, 3600)
    await cached.lookup(QUERY)
    for warm in (bare, lambda: uncached.lookup(QUERY)):
        await timed(warm, 20)
    bare_t = median(await timed(bare, runs))
    lookup_t = median(await timed(lambda: uncached.lookup(QUERY), runs))
    cached_t = median(await timed(lambda: cached.lookup(QUERY), runs))
    payload = (await raw.get(registry.SEARCH_PATH, params=search)).json()
    records = (await raw.get(bodacc.RECORDS_PATH, params=notices)).json()["results"]
    started = time.perf_counter()
    for _ in range(runs):
        for found in registry.companies(payload):
            bodacc.proceedings(records, found.siren)
    mapping_t = (time.perf_counter() - started) / runs
    for closing in (uncached, cached):
        await closing.aclose()
    await raw.aclose()
    return {
        "bare_two_gets_ms": bare_t * 1000,
        "lookup_uncached_ms": lookup_t * 1000,
        "client_overhead_ms": (lookup_t - bare_t) * 1000,
        "lookup_cached_us": cached_t * 1e6,
        "mapping_us": mapping_t * 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.lookup")
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    with OutsideStandin() as standin:
        result = asyncio.run(measure(standin.url, args.runs))
    emit({"bench": "lookup", **{k: round(v, 3) for k, v in result.items()}})


if __name__ == "__main__":
    main()
