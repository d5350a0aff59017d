"""Run every benchmark, write bench/RESULTS.md and print it.

    python -m bench                 # the default plan: about 9 minutes on a quiet 2-core machine
    python -m bench --quick         # small sizes, short slices (a smoke test, ~3 minutes)
    python -m bench --no-postgres   # SQLite only
    python -m bench --postgres URL  # the PostgreSQL database to work in (a schema of its own)
    python -m bench --only morning  # one part again (about 5 minutes), the others' figures
                                    # kept from bench/results.json

Each benchmark runs in its own fresh interpreter and prints one JSON result line
(bench/common.py); this script gathers them, one after the other: bench/engine.py,
update.py, morning.py, idle.py, letter.py, and the readers' benchmarks when they are there
(bench/guard.py, understand.py, invoice.py, lookup.py — a missing one is reported as such).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import UTC, datetime
from typing import Any

from bench.common import ROOT, machine, run_child
from bench.morning import DEFAULT_PG

RESULTS = ROOT / "bench" / "RESULTS.md"
TELEGRAM_PER_S = 30
IDLE_MB = 120.0
MORNING_MB = 300.0
FIRST_DIGEST_S = 2.0
LAST_DIGEST_SLACK = 0.02

# The readers' benchmarks (their own branches): module, what, how to read the figure off
# their result (a dotted key; "a|b": the larger of the two), its unit, the target (None:
# no target, a figure to watch).
READERS: list[tuple[str, str, str, str, float | None]] = [
    ("bench.understand", "`understand`, per message", "ms_per_message", "ms", 2.0),
    ("bench.guard", "the guard, per check", "us_per_check", "µs", 1000.0),
    ("bench.invoice", "an invoice PDF read (two pages, plain / Factur-X: the slower)",
     "plain_two_pages.median_ms|facturx_en16931.median_ms", "ms", 300.0),
    ("bench.lookup", "a register lookup, the client's own overhead", "client_overhead_ms",
     "ms", None),
    ("bench.letter", "a formal notice PDF rendered", "ms", "ms", None),
]  # fmt: skip


def ok(met: bool) -> str:
    return "✅ met" if met else "❌ missed"


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def fmt(value: float, digits: int = 0) -> str:
    return f"{value:,.{digits}f}".replace(",", " ")


def dig(result: dict[str, Any], dotted: str) -> float | None:
    if "|" in dotted:
        found = [v for v in (dig(result, k) for k in dotted.split("|")) if v is not None]
        return max(found) if found else None
    value: Any = result
    for key in dotted.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return float(value) if isinstance(value, int | float) else None


QUICK_MORNING = [("sqlite", 1_000, 0.2, None), ("sqlite", 1_000, 1.0, 8),
                 ("postgresql", 2_000, 0.2, 8), ("postgresql", 2_000, 1.0, 8)]  # fmt: skip
# (backend, users, share with something due, seconds of sending measured; None: all of it)
MORNING = [("sqlite", 10_000, 0.2, None), ("sqlite", 10_000, 1.0, 30),
           ("postgresql", 100_000, 0.2, 60), ("postgresql", 100_000, 1.0, 30)]  # fmt: skip


def plan(args: argparse.Namespace) -> dict[str, Any]:
    if args.quick:
        return {"engine_runs": 2, "update_users": 8, "update_rounds": 1, "idle_runs": 1,
                "morning": QUICK_MORNING}  # fmt: skip
    return {"engine_runs": 3, "update_users": 20, "update_rounds": 3, "idle_runs": 2,
            "morning": MORNING}  # fmt: skip


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES", DEFAULT_PG),
                        help=f"PostgreSQL database to work in (default {DEFAULT_PG})")  # fmt: skip
    parser.add_argument("--only", choices=["morning"],
                        help="this part only (the others: from results.json)")  # fmt: skip
    args = parser.parse_args(argv)
    os.environ["BENCH_POSTGRES"] = args.postgres  # the children's database
    p = plan(args)
    if args.no_postgres:
        p["morning"] = [m for m in p["morning"] if m[0] != "postgresql"]
    started = time.perf_counter()
    info = machine()
    info["date"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    info["load_before"] = loadavg()
    results: dict[str, Any] = {"plan": p, "machine": info, "readers": {}}
    if args.only:
        kept = json.loads((ROOT / "bench" / "results.json").read_text())
        results = {**kept, "plan": {**kept["plan"], "morning": p["morning"]}}
        info = {**kept["machine"], "morning": {**info, "part": args.only}}
        results["machine"] = info

    def step(name: str) -> None:
        print(f"[bench {time.perf_counter() - started:6.1f}s] {name} (load {loadavg()})",
              file=sys.stderr, flush=True)  # fmt: skip

    if not args.only:
        _other_parts(results, p, step)
    results["morning"] = []
    prepared: dict[str, int] = {}
    for backend, users, share, slice_s in p["morning"]:
        step(f"morning {backend} {users} users, {share:.0%} due")
        action = "share" if prepared.get(backend) == users else "setup"
        setup = run_child(
            "bench.morning", action, "--db", backend, "--users", str(users),
            "--share", str(share), timeout=900,
        )  # fmt: skip
        prepared[backend] = users
        extra = ["--slice", str(slice_s)] if slice_s else []
        measured = run_child(
            "bench.morning", "run", "--db", backend, "--digests", str(setup["digests"]), *extra,
            timeout=1200,
        )  # fmt: skip
        measured["setup_seconds"] = setup["setup_seconds"]
        results["morning"].append(measured)
    for backend in prepared:
        run_child("bench.morning", "drop", "--db", backend)
    done = info["morning"] if args.only else info
    done["load_after"] = loadavg()
    done["total_seconds"] = time.perf_counter() - started
    text = report(results)
    RESULTS.write_text(text)
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=1, default=str))
    print(text)
    return 0


def _other_parts(results: dict[str, Any], p: dict[str, Any], step: Any) -> None:
    """Every part but the morning: engine, per-update capacity, idle memory, readers."""
    step("engine")
    results["engine"] = run_child("bench.engine", "--runs", str(p["engine_runs"]), "--profile")
    step("per-update capacity")
    results["update"] = run_child(
        "bench.update", "--users", str(p["update_users"]), "--rounds", str(p["update_rounds"]),
        "--profile",
    )  # fmt: skip
    step("idle memory, import time")
    results["idle"] = run_child("bench.idle", "--runs", str(p["idle_runs"]))
    for module, *_ in READERS:
        if not (ROOT / (module.replace(".", "/") + ".py")).exists():
            results["readers"][module] = None
            continue
        step(module)
        try:
            results["readers"][module] = run_child(module, timeout=300)
        except (RuntimeError, OSError) as error:  # one reader failing does not sink the rest
            results["readers"][module] = {"error": str(error)[-500:]}


def morning_rows(x: dict[str, Any]) -> dict[str, Any]:
    """The morning's verdicts: first digest, last digest, idle, 429, memory."""
    last_ok = abs(x["last_s"] - x["last_target_s"]) <= LAST_DIGEST_SLACK * x["last_target_s"]
    return {
        "first": x["first_s"] is not None and x["first_s"] <= FIRST_DIGEST_S,
        "last": last_ok,
        "idle": x["idle_s"] == 0,
        "429": x["rate_limited_429"] == 0,
        "rss": x["peak_rss_mb"] <= MORNING_MB,
    }


def report(r: dict[str, Any]) -> str:
    m, e, u, i = r["machine"], r["engine"], r["update"], r["idle"]
    out: list[str] = []
    add = out.append
    add("# Relance benchmarks\n")
    add("Generated by `python -m bench` (bench/run.py); raw figures in `bench/results.json`.\n")
    add("| Machine | |\n|---|---|")
    add(f"| CPU | {m['cpu']} ({m['cores']} cores) |")
    add(f"| RAM | {m['ram_gb']} GB |")
    add(f"| Python | {m['python']} on {m['os']} |")
    add(f"| Date | {m['date']} |")
    add(f"| Commit | {m['commit']} |")
    add(f"| Load average before / after | {m['load_before']} / {m['load_after']} |")
    add(f"| Total run time | {m['total_seconds']:.0f} s |")
    if "morning" in m:
        again = m["morning"]
        add(f"| Morning part (§1) run again | {again['date']}, commit {again['commit']}, load "
            f"{again['load_before']} / {again['load_after']}, {again['total_seconds']:.0f} s "
            f"(`python -m bench --only morning`) |")  # fmt: skip
    add("")
    add("The machine is shared: other processes may run at the same time (see the load "
        "average); a load above the core count slows every figure down.\n")  # fmt: skip

    add("## Summary\n")
    add("| # | What | Measured | Target | |\n|---|---|---|---|---|")
    for x in r["morning"]:
        v = morning_rows(x)
        where = f"{x['backend']}, {fmt(x['users'])} users, {x['share']:.0%} due"
        how = "" if x["complete"] else f" (extrapolated from {x['slice_s']:.0f} s of sending)"
        add(f"| 1 | morning, {where}: 09:00 → first digest | {x['first_s']:.2f} s | ≤ 2 s | "
            f"{ok(v['first'])} |")  # fmt: skip
        add(f"| 1 | morning, {where}: 09:00 → last of {fmt(x['digests'])} digests{how} | "
            f"{x['last_s']:.0f} s | {x['last_target_s']:.0f} s ± 2 % | "
            f"{ok(v['last'])} |")  # fmt: skip
        add(f"| 1 | morning, {where}: sender idle waiting for compute; 429s; peak RSS | "
            f"{x['idle_s']:.2f} s; {x['rate_limited_429']} × 429; {x['peak_rss_mb']:.0f} MB | "
            f"0 s; 0; ≤ 300 MB | {ok(v['idle'])}; {ok(v['429'])}; {ok(v['rss'])} |")  # fmt: skip
    add(f"| 2 | per-update capacity (one core) ÷ Telegram's 30 msg/s | "
        f"{u['updates_per_cpu_s']:.0f} updates/s = **{u['ratio_to_telegram']:.1f}×** "
        f"(median {u['median_ms']:.1f} ms, p99 {u['p99_ms']:.1f} ms) | > 1× | "
        f"{ok(u['ratio_to_telegram'] > 1)} |")  # fmt: skip
    for module, what, key, unit, target in READERS:
        result = r["readers"].get(module)
        if result is None:
            add(f"| 3 | {what} | not measured (`{module}` not on this branch) | "
                f"{f'< {fmt(target)} {unit}' if target else '—'} | — |")  # fmt: skip
            continue
        value = dig(result, key)
        shown = "failed (see below)" if value is None else f"{value:.2f} {unit}"
        verdict = "—" if target is None or value is None else ok(value < target)
        add(f"| 3 | {what} | {shown} | {f'< {fmt(target)} {unit}' if target else '—'} | "
            f"{verdict} |")  # fmt: skip
    add(f"| 4 | idle RSS of `python -m bot run` | {i['bot_run_mb']:.0f} MB | ≤ 120 MB | "
        f"{ok(i['bot_run_mb'] <= IDLE_MB)} |")  # fmt: skip
    add(f"| 4 | import time of `python -m bot run`; spawn → polling | {i['import_s']:.2f} s; "
        f"{i['startup_s']:.2f} s | — | — |\n")  # fmt: skip

    add("## 1. The morning at scale\n")
    add("Users bulk-inserted in SQL, reminders at 9:00, three open cases each; a share of "
        "them have something due (a friendly reminder, a firm reminder, a preventive reminder "
        "and its nudge), the others' invoices fall due in two months. A fresh process runs "
        "the 08:59 tick (nothing due: what a bot up since before the hour has done), then "
        "the real `bot.reminders.sweep` at 09:00 — the moment it starts stands for the hour — "
        "with its default pacer (the bot's sending quota shared through the database: 29 "
        "evenly spaced slots a second for all processes together), its producer in a thread "
        "of its own and 12 sender workers, PTB `Bot` on "
        "`StandinRequest(rate_limit=RateLimit(overall=30, per_chat=1))`, which answers 429 "
        "above Telegram's limits. *Idle* (the target): the sweep's own count of the time "
        "every sender waited for a digest still being prepared, after the first one. Beside "
        "it, from the stand-in's clock: *gaps*, the time beyond an even 29 a second that "
        "nothing was sent (gaps over 1/29 s + 10 ms, whatever the cause: compute, or a slot "
        "given up by a send held up past it), and *window*, the earlier definition (the "
        "1-second window had room and nothing was sent, over gaps longer than 10 ms; it counts "
        "the even spacing of the first second as idle). Where the sending was cut after a "
        "slice (the process stops), the "
        "last digest is **extrapolated**: the digests left at the rate measured past the first "
        "second of the slice. Target for the last digest: "
        "digests ÷ 29 s, within 2 %.\n")  # fmt: skip
    add("| DB | users | due | digests | sending measured | 09:00 → first | rate | 09:00 → last "
        "| target | idle | gaps | window | 429 | peak RSS | setup |")  # fmt: skip
    add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for x in r["morning"]:
        measured = "all" if x["complete"] else f"first {x['slice_s']:.0f} s ({x['sent']})"
        last = f"{x['last_s']:.1f} s" + ("" if x["complete"] else " (extrapolated)")
        add(f"| {x['backend']} | {fmt(x['users'])} | {x['share']:.0%} | {fmt(x['digests'])} | "
            f"{measured} | {x['first_s']:.2f} s | {x['rate']:.1f}/s | {last} | "
            f"{x['last_target_s']:.1f} s | {x['idle_s']:.2f} s | "
            f"{x.get('idle_slots_s', 0.0):.2f} s | {x.get('idle_window_s', 0.0):.2f} s | "
            f"{x['rate_limited_429']} | "
            f"{x['peak_rss_mb']:.0f} MB | {x['setup_seconds']:.0f} s |")  # fmt: skip
    add("")

    add("## 2. Per-update capacity\n")
    add(f"The real `Application` on a fresh SQLite file, the in-process Bot API stand-in, "
        f"{u['users']} users interleaved (one update of each in turn; the bot handles updates "
        f"one at a time), each: a whole `/nouveau` intake, `/dossiers`, a case card, a free "
        f"text read by the guard — {u['updates_per_round']} updates a round, {u['rounds']} "
        f"rounds. Capacity: updates per second of this process's CPU time (one core); the "
        f"bot can send at most 30 messages a second, so a ratio above 1 means one core "
        f"answers faster than Telegram lets it reply.\n")  # fmt: skip
    add("| median per update | p99 | updates/s per core | ÷ 30/s |\n|---|---|---|---|")
    add(f"| {u['median_ms']:.2f} ms | {u['p99_ms']:.2f} ms | {u['updates_per_cpu_s']:.0f} | "
        f"{u['ratio_to_telegram']:.1f}× |\n")  # fmt: skip
    sql = u.get("sql_per_update", {})
    add(f"SQL per update: {sql.get('statements', 0):.1f} statements, "
        f"{sql.get('commits', 0):.1f} commits; {sql.get('db_share', 0):.0%} of the wall time "
        f"is spent inside the repository (bot/store/repo.py calls, timed).\n")  # fmt: skip
    add("| step | median |\n|---|---|")
    for name, ms in u["steps_ms"].items():
        add(f"| {name} | {ms:.2f} ms |")
    add("")
    if u.get("profile"):
        add("cProfile of a round:\n")
        add("```\n" + u["profile"].rstrip() + "\n```\n")

    add("## 3. The new readers\n")
    add("Each reader's own benchmark (its JSON result line, as printed):\n")
    add("| benchmark | result |\n|---|---|")
    for module, *_ in READERS:
        result = r["readers"].get(module)
        shown = "not on this branch" if result is None else f"`{json.dumps(result)}`"
        add(f"| `{module}` | {shown} |")
    add("")

    add("## 4. Idle memory and start-up\n")
    add(f"VmRSS {i['wait_s']:.0f} s after the first getUpdates, polling a local stub Bot API "
        f"(empty getUpdates), SQLite, {i['runs']} runs. Import time: `python -X importtime -m bot "
        f"run`, the top-level imports' cumulative times summed (lazy imports included); "
        f"start-up: spawn → first getUpdates.\n")  # fmt: skip
    add("| process | RSS |\n|---|---|")
    add(f'| `python -c "import telegram"` | {i["import_telegram_mb"]:.0f} MB |')
    add(f"| bare PTB echo bot, polling | {i['bare_ptb_bot_mb']:.0f} MB |")
    add(f"| `python -m bot run` | {i['bot_run_mb']:.0f} MB |\n")
    add(f"Import time {i['import_s']:.2f} s; spawn → polling {i['startup_s']:.2f} s.\n")

    add("## 5. Engine\n")
    add(f"The {e['scenarios']} public scenarios cycled for 2 s per run, {e['runs']} runs, one "
        f"process: `assess` {fmt(e['assess_per_s'])}/s, `assess` + `render_message` "
        f"{fmt(e['assess_render_per_s'])}/s (medians). cProfile of the rendering loop, top "
        f"lines by own time:\n")  # fmt: skip
    add("```\n" + e.get("profile", "").rstrip() + "\n```\n")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
