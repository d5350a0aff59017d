"""`python -m bot db upgrade|current`: bring the database (DATABASE_URL) to the current schema."""

from __future__ import annotations

import argparse
import sys

from bot.config import ConfigError, load_settings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot db", description=__doc__)
    parser.add_argument("action", choices=["upgrade", "current"], help="what to do")
    parser.add_argument("--url", help="database URL (default: DATABASE_URL, else the SQLite file)")
    args = parser.parse_args(argv)
    try:
        url = args.url or load_settings().database_url
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    from bot.store import migrate, urls

    try:
        shown = urls.safe(urls.sync_url(url))
    except (ValueError, urls.UnsupportedDatabaseURL) as error:
        print(f"error: DATABASE_URL: {error}", file=sys.stderr)
        return 2
    if args.action == "current":
        try:
            revision = migrate.current_revision(url)
        except Exception as error:  # connection problems: one clear line
            print(f"error: cannot read {shown}: {error}", file=sys.stderr)
            return 1
        print(f"{shown}: {revision or 'empty (no schema)'} (head: {migrate.head_revision()})")
        return 0
    try:
        migrate.upgrade(url)
    except migrate.SchemaError as error:
        print(f"error: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1
    print(f"{shown}: at {migrate.current_revision(url)} (head)")
    return 0
