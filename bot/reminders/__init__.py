"""Daily reminders (DESIGN §10), one module per job:

- `plan` — what a user's digest says on one day (the cases due, most urgent first);
- `nudges` — the one-off events folded into it, each sent once;
- `digest_text` — its Telegram text and buttons;
- `pacer` — Telegram's sending limits, shared by every process through the database;
- `sweep` — the sweep: claims under a lease, preparation running ahead of the sending;
- `delivery` — the senders: the last re-check and the send;
- `run` — one sweep's shared state and report;
- `ticks` — the bot's clock (every minute, on the minute);
- `watch` — the daily BODACC watch of the clients' collective proceedings.
"""

from bot.reminders.pacer import Pacer, SendQuota
from bot.reminders.run import SweepReport
from bot.reminders.sweep import sweep
from bot.reminders.ticks import first_tick, schedule

__all__ = ["Pacer", "SendQuota", "SweepReport", "first_tick", "schedule", "sweep"]
