"""JSON over HTTP for the outside services: short timeouts, a rate limit, 429 + Retry-After
honoured, answers cached for a day. Every failure to get an answer is one `ServiceDown`."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import httpx

log = logging.getLogger(__name__)

USER_AGENT = "Relance/0.1 (unpaid invoices assistant; +https://github.com/relance)"
TIMEOUT_SECONDS = 4.0
CACHE_SECONDS = 24 * 3600.0
CACHE_ENTRIES = 2048
MAX_RETRY_AFTER = 10.0  # a longer Retry-After means the service is "down" for us
RETRIES_AFTER_429 = 2


class ServiceDown(Exception):
    """The service could not give an answer (unreachable, slow, overloaded, broken)."""

    def __init__(self, service: str, reason: str) -> None:
        super().__init__(f"{service}: {reason}")
        self.service = service
        self.reason = reason


class BadQuery(ServiceDown):
    """The service refused the query (HTTP 400); the message is the service's own."""


class RateLimiter:
    """At most `rate` request starts in any sliding window of `per` seconds."""

    def __init__(
        self,
        rate: int,
        per: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.rate = rate
        self.per = per
        self._clock = clock
        self._sleep = sleep
        self._starts: deque[float] = deque()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                now = self._clock()
                while self._starts and self._starts[0] <= now - self.per:
                    self._starts.popleft()
                if len(self._starts) < self.rate:
                    self._starts.append(now)
                    return
                await self._sleep(self._starts[0] + self.per - now)


class TtlCache:
    """A bounded in-memory cache whose entries expire after `seconds`."""

    def __init__(
        self,
        seconds: float = CACHE_SECONDS,
        entries: int = CACHE_ENTRIES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.seconds = seconds
        self.entries = entries
        self._clock = clock
        self._items: OrderedDict[Any, tuple[float, Any]] = OrderedDict()

    def get(self, key: Any) -> Any | None:
        item = self._items.get(key)
        if item is None:
            return None
        if item[0] <= self._clock():
            del self._items[key]
            return None
        self._items.move_to_end(key)
        return item[1]

    def put(self, key: Any, value: Any) -> None:
        self._items[key] = (self._clock() + self.seconds, value)
        self._items.move_to_end(key)
        while len(self._items) > self.entries:
            self._items.popitem(last=False)


def retry_after_seconds(value: str | None, now: Callable[[], float] = time.time) -> float:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); 1 if absent."""
    if not value:
        return 1.0
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 1.0
    return max(0.0, when.timestamp() - now())


class JsonService:
    """GET requests to one service returning JSON, paced, cached and retried after 429."""

    def __init__(
        self,
        name: str,
        base_url: str,
        *,
        rate: int,
        timeout: float = TIMEOUT_SECONDS,
        max_wait: float = MAX_RETRY_AFTER,
        cache: TtlCache | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.name = name
        self.base_url = base_url.rstrip("/")
        self.max_wait = max_wait
        self.limiter = RateLimiter(rate, sleep=sleep)
        self.cache = cache if cache is not None else TtlCache()
        self._sleep = sleep
        self._client = httpx.AsyncClient(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            transport=transport,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def get(self, path: str, params: Mapping[str, str | int], *, fresh: bool = False) -> Any:
        """The decoded JSON answer (`fresh`: not from the cache); `BadQuery` on 400,
        `ServiceDown` on anything else wrong."""
        key = (path, tuple(sorted((k, str(v)) for k, v in params.items())))
        cached = None if fresh else self.cache.get(key)
        if cached is not None:
            return cached
        for attempt in range(RETRIES_AFTER_429 + 1):
            await self.limiter.acquire()
            try:
                response = await self._client.get(path, params=dict(params))
            except httpx.TimeoutException:
                raise ServiceDown(self.name, "no answer in time") from None
            except httpx.HTTPError as error:
                raise ServiceDown(self.name, f"cannot connect ({type(error).__name__})") from None
            if response.status_code == 429:
                wait = retry_after_seconds(response.headers.get("Retry-After"))
                if attempt == RETRIES_AFTER_429 or wait > self.max_wait:
                    raise ServiceDown(self.name, "too many requests, still refused")
                log.info("%s: 429, waiting %.1f s as asked", self.name, wait)
                await self._sleep(wait)
                continue
            break
        if response.status_code == 400:
            raise BadQuery(self.name, _error_message(response))
        if response.status_code != 200:
            raise ServiceDown(self.name, f"HTTP {response.status_code}")
        try:
            payload = response.json()
        except ValueError:
            raise ServiceDown(self.name, "the answer is not JSON") from None
        self.cache.put(key, payload)
        return payload


def _error_message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return "bad request"
    if isinstance(body, dict):
        for field in ("erreur", "message", "error"):
            if isinstance(body.get(field), str):
                return body[field]
    return "bad request"
