"""One interface over both services: who is this client, and is it in insolvency proceedings."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings
from bot.outside import bodacc, registry
from bot.outside.models import Found
from bot.outside.transport import MAX_RETRY_AFTER, TIMEOUT_SECONDS, JsonService, ServiceDown

CHAT_TIMEOUT = 3.0  # seconds per request, while the user waits for the next question
CHAT_MAX_WAIT = 2.0  # the longest Retry-After worth waiting for in a chat


@dataclass(slots=True)
class Outside:
    """The company register and the BODACC, each paced, cached and timed out on its own."""

    registry: registry.Registry
    bodacc: bodacc.Bodacc

    @classmethod
    def create(
        cls,
        registry_url: str,
        bodacc_url: str,
        *,
        timeout: float = TIMEOUT_SECONDS,
        max_wait: float = MAX_RETRY_AFTER,
    ) -> Outside:
        def service(name: str, url: str, rate: int) -> JsonService:
            return JsonService(name, url, rate=rate, timeout=timeout, max_wait=max_wait)

        return cls(
            registry=registry.Registry(
                service("company register", registry_url, registry.RATE_PER_SECOND)
            ),
            bodacc=bodacc.Bodacc(service("BODACC", bodacc_url, bodacc.RATE_PER_SECOND)),
        )

    @classmethod
    def from_settings(cls, settings: Settings, *, for_chat: bool = False) -> Outside | None:
        """The clients at the configured URLs, or None when switched off. `for_chat`: shorter
        waits, since the bot answers one update at a time."""
        if not settings.outside_services:
            return None
        if for_chat:
            return cls.create(
                settings.registry_url,
                settings.bodacc_url,
                timeout=CHAT_TIMEOUT,
                max_wait=CHAT_MAX_WAIT,
            )
        return cls.create(settings.registry_url, settings.bodacc_url)

    async def aclose(self) -> None:
        await self.registry.service.aclose()
        await self.bodacc.service.aclose()

    async def lookup(
        self, query: str, postcode: str | None = None, limit: int = 10, *, strict: bool = True
    ) -> list[Found]:
        """The companies matching a name (and postcode), a SIREN or a SIRET, each with its
        proceedings; `ServiceDown` when either service cannot answer (with `strict` False, a
        BODACC down gives the companies unchecked)."""
        companies = await self.registry.search(query, postcode, limit)
        if not companies:
            return []
        try:
            by_siren = await self.bodacc.proceedings(c.siren for c in companies)
        except ServiceDown:
            if strict:
                raise
            return [Found(company=c, checked=False) for c in companies]
        return [Found(company=c, proceedings=by_siren[c.siren]) for c in companies]
