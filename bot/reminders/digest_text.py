"""The digest's text (Telegram HTML, user strings escaped) and its buttons."""

from __future__ import annotations

from dataclasses import replace

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.reminders.plan import DigestPlan
from bot.words.html_split import TELEGRAM_LIMIT, parsed_length
from bot.words.render import render
from conversations import callbacks as cb

MAX_ITEMS = 10  # cases listed (with buttons) in one digest; the rest: /dossiers
DIGEST_NAME = 60  # characters of a client's name shown in the digest


def render_digest(plan: DigestPlan) -> tuple[str, InlineKeyboardMarkup]:
    """The digest's text (Telegram HTML, user strings escaped) and its buttons.

    At most MAX_ITEMS cases are listed, fewer when the text would not fit in one Telegram
    message; the others are counted, with a button to /dossiers."""
    count = min(len(plan.items), MAX_ITEMS)
    while True:
        shown = plan.items[:count]
        text = render(
            "reminders/digest.html.j2",
            html=True,
            today=plan.today,
            items=[replace(i, debtor=_short(i.debtor, DIGEST_NAME)) for i in shown],
            more=len(plan.items) - len(shown),
            nudges=[replace(n, debtor=_short(n.debtor, DIGEST_NAME)) for n in plan.nudges],
            more_nudges=plan.more_nudges,
        )
        if count == 0 or _fits(text):
            break
        count -= 1
    rows: list[list[InlineKeyboardButton]] = []
    for index, item in enumerate(shown, start=1):
        row = [
            InlineKeyboardButton(
                f"{index}. {_short(item.debtor)}",
                callback_data=cb.MESSAGE.data(case=item.case_id, channel=item.channel),
            )
        ]
        if item.step is not None:
            row.append(
                InlineKeyboardButton(
                    "✅ Fait",
                    callback_data=cb.SENT.data(
                        case=item.case_id, step=item.step, channel=item.channel
                    ),
                )
            )
        rows.append(row)
    listed = {i.case_id for i in shown}
    for nudge in plan.nudges:
        if nudge.case_id not in listed:
            listed.add(nudge.case_id)
            rows.append(
                [
                    InlineKeyboardButton(
                        f"📁 {_short(nudge.debtor)}", callback_data=cb.CASE.data(case=nudge.case_id)
                    )
                ]
            )
    if len(plan.items) > len(shown) or plan.more_nudges:
        rows.append([InlineKeyboardButton("📁 Tous mes dossiers", callback_data=cb.CASES.data())])
    return text, InlineKeyboardMarkup(rows)


def _fits(text: str) -> bool:
    """Within one Telegram message. The raw UTF-16 length bounds the parsed one (tags and
    entities only shrink), so the parse is needed only for a long text."""
    raw = len(text.encode("utf-16-le")) // 2
    return raw <= TELEGRAM_LIMIT or parsed_length(text) <= TELEGRAM_LIMIT


def _short(name: str, limit: int = 28) -> str:
    name = " ".join(name.split())
    return name if len(name) <= limit else name[: limit - 1] + "…"
