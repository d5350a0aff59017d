"""Error answers: failures injected by a test, and Telegram's flood limits (429)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from bot.local.bot_api.limits import FLOOD_METHODS, JSON

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request",
    429: "Too Many Requests: retry after 1",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


@dataclass
class Failure:
    """An injected error answer; `times=None` fails forever, else that many times."""

    code: int
    description: str = ""
    retry_after: int | None = None
    times: int | None = None

    def to_json(self) -> JSON:
        description = self.description or _DEFAULT_DESCRIPTIONS.get(self.code, "Error")
        body: JSON = {"ok": False, "error_code": self.code, "description": description}
        if self.code == 429:
            retry = max(1, self.retry_after or 1)  # Telegram never says 0 (PTB ignores it)
            body["parameters"] = {"retry_after": retry}
            if not self.description:
                body["description"] = f"Too Many Requests: retry after {retry}"
        return body


@dataclass
class RateLimit:
    """Telegram's flood limits: at most `overall` messages per second across all chats and
    `per_chat` per second in one chat (a 1-second sliding window); above them: 429."""

    overall: int = 30
    per_chat: int = 1
    retry_after: int = 1


def injected_failure(
    fail_method: dict[str, int | Failure],
    fail_for: dict[int, int | Failure],
    method: str,
    chat_id: int | None,
) -> Failure | None:
    """The failure a test asked for on this method or chat (used up if counted), if any."""
    tables: tuple[tuple[dict, object], ...] = ((fail_method, method), (fail_for, chat_id))
    for table, key in tables:
        if key is None or key not in table:
            continue
        if method in {"getMe", "deleteWebhook"} and table is fail_for:
            continue
        entry = table[key]
        failure = entry if isinstance(entry, Failure) else Failure(int(entry))
        if failure.times is not None:
            failure.times -= 1
            if failure.times <= 0:
                del table[key]
        return failure
    return None


def over_flood_limit(
    limit: RateLimit | None,
    window: deque[tuple[float, int | None]],
    now: float,
    method: str,
    chat_id: int | None,
) -> bool:
    """Whether this call goes over the flood limits; a call let through joins `window`."""
    if limit is None or method not in FLOOD_METHODS:
        return False
    while window and now - window[0][0] >= 1.0:
        window.popleft()
    in_chat = sum(1 for _, chat in window if chat == chat_id)
    if len(window) >= limit.overall or (chat_id is not None and in_chat >= limit.per_chat):
        return True
    window.append((now, chat_id))
    return False
