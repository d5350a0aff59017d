"""Fixtures for the end-to-end tests against the `telegram-test-api` emulator (npm)."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from emulator import EmulatorHarness, require_e2e, unavailable_reason


@pytest.fixture
async def emulator() -> AsyncIterator[EmulatorHarness]:
    """A fresh emulator + patching proxy per test; skipped (or failed in CI) without node."""
    reason = unavailable_reason()
    if reason:
        if require_e2e():
            pytest.fail(f"end-to-end emulator unavailable: {reason}")
        pytest.skip(reason)
    async with EmulatorHarness.start() as harness:
        yield harness
