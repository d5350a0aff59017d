"""`/dossiers`: the open cases, most urgent first, a page at a time, one button per case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bot.domain.assess import assess
from bot.domain.facts import Assessment
from bot.store import StoredCase
from bot.words.render import money
from conversations import callbacks as cb
from conversations.cases.flow import DRAFTS
from conversations.context import RelanceContext
from conversations.labels import short_name
from conversations.replying import answer_query, keyboard, reply

PAGE_SIZE = 8


@dataclass(frozen=True, slots=True)
class Row:
    stored: StoredCase
    result: Assessment


def urgency_order(rows: list[Row]) -> list[Row]:
    """Due now first, then by the date of the next step, then the most overdue."""
    return sorted(
        rows,
        key=lambda r: (
            not r.result.due_now,
            r.result.next_step_on or date.max,
            -r.result.days_overdue,
            r.stored.id,
        ),
    )


async def show_list(context: RelanceContext, page: int = 0) -> None:
    await context.services.ensure_user(context.user_id, context.chat_id)
    today = context.today()
    open_cases = await context.services.open_cases(context.user_id)
    rows = urgency_order([Row(s, assess(s.case, today)) for s in open_cases])
    if not rows:
        await reply(context, "cases/empty")
        return
    pages = (len(rows) + PAGE_SIZE - 1) // PAGE_SIZE
    page = min(max(page, 0), pages - 1)
    shown = rows[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    first = page * PAGE_SIZE + 1
    items = [
        {
            "index": first + i,
            "debtor": r.stored.case.debtor.name,
            "number": r.stored.case.invoice.number,
            "balance": r.result.amounts.principal,
            "stage": r.result.stage.value,
            "due_now": r.result.due_now,
            "next_step_on": r.result.next_step_on,
            "days_overdue": r.result.days_overdue,
        }
        for i, r in enumerate(shown)
    ]
    total = sum((r.result.amounts.principal for r in rows), Decimal(0))
    buttons = [
        [cb.CASE.button(_case_label(first + i, r), case=r.stored.id)] for i, r in enumerate(shown)
    ]
    nav: list[tuple[str, str]] = []
    if page > 0:
        nav.append(cb.CASES_PAGE.button("‹ Précédents", page=page - 1))
    if page < pages - 1:
        nav.append(cb.CASES_PAGE.button("Suivants ›", page=page + 1))
    if nav:
        buttons.append(nav)
    await reply(
        context,
        "cases/list",
        keyboard(buttons),
        items=items,
        count=len(rows),
        total=total,
        page=page + 1,
        pages=pages,
    )


def _case_label(index: int, row: Row) -> str:
    name = short_name(row.stored.case.debtor.name)
    return f"{index}. {name} — {money(row.result.amounts.principal)}"


cmd_list = DRAFTS.end_then(show_list)  # `/dossiers`


async def on_list(_update: object, context: RelanceContext) -> int:
    """`cases` or `cases:<page>` (a page number of five digits or more means the first)."""
    await answer_query(context)
    raw = context.match.groupdict().get("page") or ""
    page = int(raw) if raw and len(raw) < 6 else 0
    state = await DRAFTS.end(context)
    await show_list(context, page)
    return state
