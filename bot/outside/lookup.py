"""One interface over both services: who is this client, and is it in insolvency proceedings."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings
from bot.outside import bodacc, registry
from bot.outside.models import Found
from bot.outside.transport import TIMEOUT_SECONDS, JsonService


@dataclass(slots=True)
class Outside:
    """The company register and the BODACC, each paced, cached and timed out on its own."""

    registry: registry.Registry
    bodacc: bodacc.Bodacc

    @classmethod
    def create(
        cls, registry_url: str, bodacc_url: str, *, timeout: float = TIMEOUT_SECONDS
    ) -> Outside:
        return cls(
            registry=registry.Registry(
                JsonService(
                    "company register", registry_url, rate=registry.RATE_PER_SECOND, timeout=timeout
                )
            ),
            bodacc=bodacc.Bodacc(
                JsonService("BODACC", bodacc_url, rate=bodacc.RATE_PER_SECOND, timeout=timeout)
            ),
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> Outside | None:
        """The clients at the configured URLs, or None when switched off."""
        if not settings.outside_services:
            return None
        return cls.create(settings.registry_url, settings.bodacc_url)

    async def aclose(self) -> None:
        await self.registry.service.aclose()
        await self.bodacc.service.aclose()

    async def lookup(self, query: str, postcode: str | None = None, limit: int = 10) -> list[Found]:
        """The companies matching a name (and postcode), a SIREN or a SIRET, each with its
        proceedings; `ServiceDown` when either service cannot answer."""
        companies = await self.registry.search(query, postcode, limit)
        if not companies:
            return []
        by_siren = await self.bodacc.proceedings(c.siren for c in companies)
        return [Found(company=c, proceedings=by_siren[c.siren]) for c in companies]
