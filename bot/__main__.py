"""`python -m bot <command> [args]`: dispatch to `bot.commands.<command>.main(argv)`."""

from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "run": "start the Telegram bot (polling; --webhook for webhooks)",
    "chat": "talk to the bot in this terminal, no token needed",
    "assess": "assess one case given as JSON (file or stdin)",
    "guard": "check a text for harassment, threats or public shaming",
    "understand": "read one message: intent, amount, date, channel, step, case",
    "letter": "write the formal notice of a case as a PDF",
    "invoice": "read the facts of an invoice PDF (Factur-X or plain) as JSON",
    "digest": "run the reminders sweep as if it were a given moment",
    "lookup": "find a company in the public register, with its BODACC proceedings",
    "db": "database maintenance (db upgrade)",
    "rates": "check that the interest-rate table covers today's semester",
}


def usage() -> str:
    lines = ["usage: python -m bot <command> [args]", "", "commands:"]
    lines += [f"  {name:<10} {text}" for name, text in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(usage())
        return 0
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"unknown command: {name}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(f"bot.commands.{name}")
    return int(module.main(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
