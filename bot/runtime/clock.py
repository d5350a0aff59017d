"""The time source: injected everywhere so rules and reminders are testable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


class Clock:
    """Aware `now()` in a time zone; `today()` is that moment's local date."""

    def __init__(self, tz: ZoneInfo = PARIS, source: Callable[[], datetime] | None = None) -> None:
        self.tz = tz
        self._source = source

    def now(self) -> datetime:
        moment = self._source() if self._source else datetime.now(self.tz)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.tz)
        return moment.astimezone(self.tz)

    def today(self) -> date:
        return self.now().date()


class FixedClock(Clock):
    """A clock that stays where it is told (tests, `chat --today`, `digest --at`)."""

    def __init__(self, moment: datetime, tz: ZoneInfo = PARIS) -> None:
        super().__init__(tz)
        self.moment = moment if moment.tzinfo else moment.replace(tzinfo=tz)

    def now(self) -> datetime:
        return self.moment.astimezone(self.tz)

    def set(self, moment: datetime) -> None:
        self.moment = moment if moment.tzinfo else moment.replace(tzinfo=self.tz)
