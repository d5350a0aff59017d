"""Settings from the environment, validated with one clear line per problem."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_DATABASE_URL = "sqlite:///data/relance.sqlite3"
DEFAULT_TZ = "Europe/Paris"
DEFAULT_REGISTRY_URL = "https://recherche-entreprises.api.gouv.fr"
DEFAULT_BODACC_URL = "https://bodacc-datadila.opendatasoft.com"
SWITCH_ON = {"on", "1", "true", "yes", "oui"}
SWITCH_OFF = {"off", "0", "false", "no", "non"}


class ConfigError(ValueError):
    """A setting is missing or wrong; the message names the variable."""


@dataclass(frozen=True, slots=True)
class Settings:
    token: str | None
    base_url: str | None
    database_url: str
    tz: ZoneInfo
    webhook_url: str | None
    webhook_secret: str | None
    port: int
    registry_url: str = DEFAULT_REGISTRY_URL
    bodacc_url: str = DEFAULT_BODACC_URL
    outside_services: bool = True
    health_port: int | None = None  # polling: serve GET /healthz there (webhook: on PORT)

    def require_token(self) -> str:
        if not self.token:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is missing: set it to the token @BotFather gave you"
            )
        return self.token

    def require_webhook(self) -> tuple[str, str]:
        if not self.webhook_url:
            raise ConfigError("WEBHOOK_URL is missing: set it to the public https URL of the bot")
        if not self.webhook_url.startswith("https://") and not self.webhook_url.startswith(
            "http://"
        ):
            raise ConfigError(f"WEBHOOK_URL must be an http(s) URL, got {self.webhook_url!r}")
        if not self.webhook_secret:
            raise ConfigError("WEBHOOK_SECRET is missing: set it to a random string (1-256 chars)")
        return self.webhook_url, self.webhook_secret


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read and validate the settings; raise ConfigError naming the bad variable."""
    env = os.environ if env is None else env
    token = env.get("TELEGRAM_BOT_TOKEN") or None
    if token is not None and (":" not in token or any(c.isspace() for c in token)):
        raise ConfigError("TELEGRAM_BOT_TOKEN looks wrong: expected the form 123456:ABC-DEF...")
    base_url = env.get("TELEGRAM_BASE_URL") or None
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise ConfigError(
            f"TELEGRAM_BASE_URL must start with http:// or https://, got {base_url!r}"
        )
    tz_name = env.get("TZ") or DEFAULT_TZ
    if tz_name.startswith(":"):
        tz_name = tz_name[1:]
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"TZ is not a known time zone: {tz_name!r} (e.g. Europe/Paris)") from None
    port = _port(env, "PORT", "8443")
    health_port = _port(env, "HEALTH_PORT", None)
    database_url = env.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if "://" not in database_url:
        raise ConfigError(
            "DATABASE_URL must be a URL such as sqlite:///data/relance.sqlite3, "
            f"got {database_url!r}"
        )
    registry_url = _service_url(env, "RELANCE_REGISTRY_URL", DEFAULT_REGISTRY_URL)
    bodacc_url = _service_url(env, "RELANCE_BODACC_URL", DEFAULT_BODACC_URL)
    switch = (env.get("RELANCE_OUTSIDE_SERVICES") or "on").strip().lower()
    if switch not in SWITCH_ON | SWITCH_OFF:
        raise ConfigError(f"RELANCE_OUTSIDE_SERVICES must be on or off, got {switch!r}")
    return Settings(
        token=token,
        base_url=base_url,
        database_url=database_url,
        tz=tz,
        webhook_url=env.get("WEBHOOK_URL") or None,
        webhook_secret=env.get("WEBHOOK_SECRET") or None,
        port=port or 8443,
        registry_url=registry_url,
        bodacc_url=bodacc_url,
        outside_services=switch in SWITCH_ON,
        health_port=health_port,
    )


def _port(env: Mapping[str, str], name: str, default: str | None) -> int | None:
    text = env.get(name) or default
    if text is None:
        return None
    try:
        port = int(text)
        if not 0 < port < 65536:
            raise ValueError
    except ValueError:
        raise ConfigError(f"{name} must be a number between 1 and 65535, got {text!r}") from None
    return port


def _service_url(env: Mapping[str, str], name: str, default: str) -> str:
    """An outside service's base URL (scheme and host, no trailing slash)."""
    url = (env.get(name) or default).strip().rstrip("/")
    scheme, _, rest = url.partition("://")
    if scheme not in ("http", "https") or not rest or any(c.isspace() for c in url):
        raise ConfigError(f"{name} must be an http(s) URL such as {default}, got {url!r}")
    return url
