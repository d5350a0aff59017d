"""Crash safety: a write reported as done survives SIGKILL of the writing process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import date
from decimal import Decimal
from pathlib import Path

from bot.domain.facts import Case, Debtor, DebtorKind, Invoice
from bot.store import Database, Repo, ensure_schema

ROOT = Path(__file__).resolve().parents[2]
OWNER = 424242

WRITER = textwrap.dedent(
    """
    import asyncio, sys, time
    from datetime import date
    from decimal import Decimal
    from bot.domain.facts import Case, Debtor, DebtorKind, Invoice
    from bot.store import Database, Repo

    async def main(url):
        db = Database(url)
        repo = Repo(db)
        case = Case(Debtor("Crash SARL", DebtorKind.BUSINESS),
                    Invoice(Decimal("777.77"), date(2026, 3, 31), number="K-1"))
        case_id = await repo.create_case(424242, case, chat_id=424242)
        await repo.save_conversation(424242, "intake", (424242, 424242), "DUE", {"n": case_id})
        print(f"done {case_id}", flush=True)
        # keep the engine, its pool and connections open: the kill hits a live process
        while True:
            await asyncio.sleep(1)

    asyncio.run(main(sys.argv[1]))
    """
)


async def test_written_case_survives_sigkill(db_url: str) -> None:
    await ensure_schema(db_url)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, db_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        try:
            line = proc.stdout.readline()
            proc.send_signal(signal.SIGKILL)  # right after reading "done"
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        errors = proc.stderr.read()
    assert line.startswith("done "), (line, errors)
    assert proc.returncode == -signal.SIGKILL
    case_id = int(line.split()[1])

    db = Database(db_url)  # a fresh engine, as after a restart
    try:
        repo = Repo(db)
        stored = await repo.get_case(OWNER, case_id)
        assert stored is not None
        assert stored.case == Case(
            Debtor("Crash SARL", DebtorKind.BUSINESS),
            Invoice(Decimal("777.77"), date(2026, 3, 31), number="K-1"),
        )
        state = await repo.load_conversation(OWNER, "intake", (OWNER, OWNER))
        assert state is not None and state.state == "DUE" and state.data == {"n": case_id}
        # and the database is still writable after the crash (no stale lock)
        assert await repo.close_case(OWNER, case_id, "paid")
    finally:
        await db.dispose()
