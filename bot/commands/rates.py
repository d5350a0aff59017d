"""`python -m bot rates [--today YYYY-MM-DD]`: is the rate table up to date?

Prints the table's latest semester and the semesters missing up to today's; exits 1 when
today's semester is missing (the operator adds its row to the rates file), 0 otherwise.
"""

from __future__ import annotations

import argparse
from datetime import date

from bot.config import load_settings
from bot.domain.rates import default_rate_table, missing_semesters, semester_label
from bot.runtime.clock import Clock


def rates_report(today: date) -> tuple[bool, list[str]]:
    """(up to date, lines to print) for the configured rate table."""
    table = default_rate_table()
    missing = missing_semesters(table, today)
    lines = [f"latest semester in the table: {semester_label(table.semesters[-1])}"]
    if missing:
        labels = ", ".join(semester_label(s) for s in missing)
        lines.append(f"missing up to {today.isoformat()}: {labels}")
        lines.append(
            "add a row per missing semester (ECB main refinancing rate on 1 January or 1 July,"
            " legal rates from the decree) to the rates file; until then figures are provisional"
        )
    else:
        lines.append(f"up to date for {today.isoformat()}")
    return not missing, lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot rates", description=__doc__)
    parser.add_argument("--today", type=date.fromisoformat, help="as if it were this day")
    args = parser.parse_args(argv)
    today = args.today or Clock(load_settings().tz).today()
    up_to_date, lines = rates_report(today)
    print("\n".join(lines))
    return 0 if up_to_date else 1
