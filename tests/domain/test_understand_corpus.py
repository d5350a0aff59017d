"""Table-driven tests of `understand` on hand-written corpora (DESIGN §8, issue 14).

`corpus.jsonl` was written for development; `round2.jsonl` is a second development batch
(heavy SMS spelling, typos, bank notices, forwarded e-mails, two facts in one message);
`round3.jsonl` (written before the reader saw it: 77.6 % / 74.0 % then), `round4.jsonl` and
`round5.jsonl` (each written after the previous round's fixes, before being scored: 79.6 % /
77.0 % and 90.4 % / 81.9 % then) are further development batches (weekday dates, formal
client promises and payment statements, cancels, refusals with a reason, contacts said
without a verb phrase, the blind batches' SMS style); `heldout.jsonl` and
`heldout2.jsonl`, when present, were written blind by someone else and measured once
(heldout2's floors were its first measurement, 82.9 % / 79.0 %, before it was read);
`heldout3.jsonl` (blind, with a `forwarded` flag: the client's own words) was measured once
at 92.3 % / 78.6 % and then read; `round6.jsonl` (written after heldout3's fixes, before
being scored: 95.0 % / 91.7 % then) crosses legal forms, titles, invoice number shapes,
greetings to the user and instalments; `round7.jsonl` (written after round6's, before being
scored: 95.0 % / 87.5 % then; one label then set to the documented "jeudi prochain"
convention), `round8.jsonl` (92.5 % / 85.0 % then) and `round9.jsonl` (forwarded letters
with signatures, dates and amounts: 96.7 % / 90.0 % then) more of the same. Amounts follow
§8: only a payment's and a plan's instalment are in the JSON (a plan's date is its first
instalment). `heldout4.jsonl` (200 messages, blind, written by someone who read no code,
never read for tuning) was run once, after round 9: 96.0 % / 89.0 % — the held-apart figure.
Each prints intent accuracy and the share of messages with the intent and every slot right,
and asserts a floor.
"""

from __future__ import annotations

import json
import time
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from bot.domain.understand import understand

HERE = Path(__file__).resolve().parents[1] / "support" / "understand_corpus"
SLOTS = ("amount", "date", "channel", "step", "case_hint")


def _load(name: str) -> list[dict]:
    path = HERE / name
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _plain(value: object) -> object:
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKD", value)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def _score(rows: list[dict]) -> tuple[float, float, list[str]]:
    intent_ok = all_ok = 0
    misses: list[str] = []
    for row in rows:
        today = date.fromisoformat(row["today"])
        got = understand(row["text"], today, forwarded=row.get("forwarded", False)).as_json()
        want = row["expected"]
        same_intent = got["intent"] == want["intent"]
        wrong = [s for s in SLOTS if _plain(got[s]) != _plain(want.get(s))]
        intent_ok += same_intent
        all_ok += same_intent and not wrong
        if not same_intent or wrong:
            diff = {k: (got[k], want.get(k)) for k in ("intent", *wrong)}
            misses.append(f"{row['text']!r}: {diff}")
    return intent_ok / len(rows), all_ok / len(rows), misses


@pytest.mark.parametrize(
    ("name", "intent_floor", "all_floor"),
    [
        ("corpus.jsonl", 0.95, 0.90),
        ("round2.jsonl", 0.92, 0.85),
        ("round3.jsonl", 0.95, 0.92),
        ("round4.jsonl", 0.95, 0.92),
        ("round5.jsonl", 0.95, 0.92),
        ("heldout.jsonl", 0.95, 0.95),
        ("heldout2.jsonl", 0.82, 0.79),
        ("heldout3.jsonl", 0.97, 0.95),
        ("round6.jsonl", 0.95, 0.92),
        ("round7.jsonl", 0.95, 0.92),
        ("round8.jsonl", 0.95, 0.92),
        ("round9.jsonl", 0.95, 0.92),
        # Blind batch 4, written by someone who read no code, run once after round 9: the
        # held-apart measure of issue 14 (never read for tuning).
        ("heldout4.jsonl", 0.96, 0.89),
    ],
)
def test_corpus_scores(name: str, intent_floor: float, all_floor: float) -> None:
    rows = _load(name)
    if name == "corpus.jsonl":
        assert len(rows) >= 300
    if name in {"round2.jsonl", "round3.jsonl"}:
        assert len(rows) >= 150
    if name in {"round4.jsonl", "round5.jsonl"}:
        assert len(rows) >= 90
    if name == "round6.jsonl":
        assert len(rows) >= 60
    if name in {"round7.jsonl", "round8.jsonl"}:
        assert len(rows) >= 40
    if name == "round9.jsonl":
        assert len(rows) >= 30
    if not rows:
        pytest.skip(f"{name} not present")
    intent_rate, all_rate, misses = _score(rows)
    print(f"\n{name}: {len(rows)} messages, intent {intent_rate:.1%}, intent+slots {all_rate:.1%}")
    print("\n".join(misses))
    assert intent_rate >= intent_floor
    assert all_rate >= all_floor


def test_corpus_has_both_voices_and_every_intent() -> None:
    rows = _load("corpus.jsonl")
    intents = {row["expected"]["intent"] for row in rows}
    assert len(intents) == 16
    client = [r for r in rows if understand(r["text"], date(2026, 12, 2)).client_voice]
    assert len(client) >= 30


def test_reading_is_fast() -> None:
    rows = _load("corpus.jsonl")
    understand("warm up", date(2026, 12, 2))
    start = time.perf_counter()
    for row in rows:
        understand(row["text"], date.fromisoformat(row["today"]))
    per_message_ms = (time.perf_counter() - start) * 1000 / len(rows)
    print(f"\n{per_message_ms:.3f} ms per message")
