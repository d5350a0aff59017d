"""The sweep's ticks fall on the whole minute, so a 09:00 digest is not up to a minute late."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.reminders import first_tick
from bot.runtime.clock import PARIS


@pytest.mark.parametrize("second", [0.0, 0.3, 17.25, 59.99])
def test_the_first_tick_falls_just_after_the_next_whole_minute(second: float) -> None:
    now = datetime(2026, 11, 24, 8, 59, tzinfo=PARIS).timestamp() + second
    tick = datetime.fromtimestamp(now + first_tick(60.0, now), PARIS)
    assert (tick.hour, tick.minute) == (9, 0)
    assert 0 < tick.second + tick.microsecond / 1e6 < 0.1
