"""`/dossiers`: the open cases, most urgent first; a case card with its timeline and next step;
record a contact, a response, a payment; edit a fact; close; delete (DESIGN §9).

One persistent ConversationHandler (FLOW "cases") holds every multi-step action, so only one
question about a case is pending at a time: pressing any case button (a card, the list,
another action) ends the pending question. Every case id that arrives in callback data is
read back through `repo.get_case(user, id)`: another user's id, or garbage, answers
`stale_button` and reveals nothing. Each step writes its next state and draft before it
replies, so a restart resumes at the question the user was shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from markupsafe import Markup
from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
)

from bot.domain.assess import assess
from bot.domain.facts import (
    Assessment,
    Channel,
    Contact,
    DebtorKind,
    Insolvency,
    InsolvencyKind,
    MessageChannel,
    Payment,
    Response,
    ResponseKind,
    Step,
)
from bot.domain.parsing import ParseError, parse_amount, parse_date
from bot.domain.understand import choices
from bot.store import StoredCase
from bot.words.render import money, short_date
from conversations import answer
from conversations.common import (
    TEXT,
    Drafts,
    answer_query,
    buttons_only,
    error_name,
    guard_reply,
    html,
    keyboard,
    retry,
    send,
    services,
    user_ids,
    user_today,
)
from conversations.intake import KIND_LABELS, MAX_NAME, MAX_NOTE, MAX_NUMBER, STEP_LABELS

FLOW = "cases"

(
    CONTACT_STEP,
    CONTACT_CHANNEL,
    CONTACT_DATE,
    RESPONSE_KIND,
    RESPONSE_PROMISE,
    RESPONSE_NOTE,
    PAY_AMOUNT,
    PAY_DATE,
    EDIT_FIELD,
    EDIT_VALUE,
    INSOLVENCY_KIND,
    INSOLVENCY_PUBLISHED,
    INSOLVENCY_OPENED,
) = range(13)

PAGE_SIZE = 8
LABEL_NAME = 28

CONTACT_STEPS = {**STEP_LABELS, Step.OTHER: "Autre démarche"}
CHANNEL_LABELS = {
    Channel.EMAIL: "E-mail",
    Channel.SMS: "SMS",
    Channel.PHONE: "Téléphone",
    Channel.LETTER: "Courrier simple",
    Channel.REGISTERED_LETTER: "Recommandé (LRAR)",
    Channel.IN_PERSON: "En personne",
}
INSOLVENCY_LABELS = {
    InsolvencyKind.SAFEGUARD: "Sauvegarde",
    InsolvencyKind.RECEIVERSHIP: "Redressement judiciaire",
    InsolvencyKind.LIQUIDATION: "Liquidation judiciaire",
}
RESPONSE_LABELS = {
    ResponseKind.PROMISE: "A promis une date",
    ResponseKind.PAYMENT_PLAN: "Demande un échéancier",
    ResponseKind.DISPUTE: "Conteste",
    ResponseKind.CLAIMS_PAID: "Dit avoir payé",
    ResponseKind.HARDSHIP: "Des difficultés",
    ResponseKind.REFUSAL: "Refuse de payer",
}
EDIT_FIELDS = {
    "amount": "Montant",
    "due": "Échéance",
    "number": "N° de facture",
    "name": "Nom du client",
    "kind": "Type de client",
}


# --- drafts and small helpers -------------------------------------------------------------


_DRAFTS = Drafts(FLOW)
_load, _save, _end = _DRAFTS.load, _DRAFTS.save, _DRAFTS.end


async def _stale(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A forged, stale or foreign button: say so politely, reveal nothing, end the flow."""
    await send(update, context, html("stale_button"))
    return await _end(update, context)


async def _owned(
    update: Update, context: ContextTypes.DEFAULT_TYPE, raw: object
) -> StoredCase | None:
    user_id, _ = user_ids(update)
    return await services(context).case(user_id, raw)


async def _draft_case(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> tuple[dict[str, Any], StoredCase | None]:
    """The draft and its case, read again (it may have been deleted meanwhile)."""
    data = await _load(update, context)
    stored = await _owned(update, context, data.get("case_id"))
    return data, stored


def _callback(update: Update) -> list[str]:
    return (update.callback_query.data or "").split(":") if update.callback_query else []


def _warnings(result: Assessment, stored: StoredCase) -> list[Markup]:
    return answer.warning_items(result, stored.case)


def balance_of(stored: StoredCase) -> Decimal:
    """What is still owed on the invoice (amount − payments), never below zero."""
    paid = sum((p.amount for p in stored.case.payments), Decimal(0))
    return max(stored.case.invoice.amount - paid, Decimal(0))


# --- /dossiers: the list --------------------------------------------------------------------


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


async def show_list(update: Update, context: ContextTypes.DEFAULT_TYPE, page: int = 0) -> None:
    user_id, chat_id = user_ids(update)
    svc = services(context)
    await svc.ensure_user(user_id, chat_id)
    today = svc.clock.today()
    rows = urgency_order([Row(s, assess(s.case, today)) for s in await svc.open_cases(user_id)])
    if not rows:
        await send(update, context, html("cases/empty"))
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
        [
            (
                _case_label(first + i, r),
                f"case:{r.stored.id}",
            )
        ]
        for i, r in enumerate(shown)
    ]
    nav: list[tuple[str, str]] = []
    if page > 0:
        nav.append(("‹ Précédents", f"cases:{page - 1}"))
    if page < pages - 1:
        nav.append(("Suivants ›", f"cases:{page + 1}"))
    if nav:
        buttons.append(nav)
    await send(
        update,
        context,
        html(
            "cases/list",
            items=items,
            count=len(rows),
            total=total,
            page=page + 1,
            pages=pages,
        ),
        keyboard(buttons),
    )


def _case_label(index: int, row: Row) -> str:
    return f"{index}. {_short(row.stored.case.debtor.name)} — {money(row.result.amounts.principal)}"


def _short(name: str) -> str:
    return name if len(name) <= LABEL_NAME else name[: LABEL_NAME - 1] + "…"


async def cmd_list(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    state = await _end(update, context)
    await show_list(update, context)
    return state


async def on_list(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await answer_query(update)
    parts = _callback(update)
    page = int(parts[1]) if len(parts) == 2 and parts[1].isdigit() and len(parts[1]) < 6 else 0
    state = await _end(update, context)
    await show_list(update, context, page)
    return state


# --- a case card ---------------------------------------------------------------------------


def timeline(stored: StoredCase) -> list[dict[str, Any]]:
    """Contacts, responses and payments by date (then in that order)."""
    case = stored.case
    events: list[tuple[date, int, dict[str, Any]]] = []
    for c in case.contacts:
        events.append(
            (
                c.date,
                0,
                {
                    "kind": "contact",
                    "date": c.date,
                    "step": c.step.value,
                    "channel": c.channel.value,
                },
            )
        )
    for r in case.responses:
        events.append(
            (
                r.date,
                1,
                {
                    "kind": "response",
                    "date": r.date,
                    "response": r.kind.value,
                    "promised_date": r.promised_date,
                    "note": r.note,
                },
            )
        )
    for p in case.payments:
        events.append((p.date, 2, {"kind": "payment", "date": p.date, "amount": p.amount}))
    return [e for _, _, e in sorted(events, key=lambda e: (e[0], e[1]))]


def _card_buttons(
    stored: StoredCase, result: Assessment | None, lookup: bool = False
) -> InlineKeyboardMarkup:
    cid = stored.id
    if not stored.is_open:
        return keyboard(
            [
                [("↩️ Rouvrir", f"c:{cid}:reopen"), ("🗑 Supprimer", f"c:{cid}:del")],
                [("📁 Mes dossiers", "cases")],
            ]
        )
    return keyboard(
        [
            [("✉️ Voir le message", f"a:{cid}:ch:{_message_channel(result)}")],
            [("📤 Démarche faite", f"c:{cid}:contact"), ("💬 Réponse du client", f"c:{cid}:resp")],
            [("💶 Paiement reçu", f"pay:{cid}"), ("✏️ Modifier", f"c:{cid}:edit")],
            *_insolvency_row(stored),
            [("📦 Clore", f"c:{cid}:close"), ("🗑 Supprimer", f"c:{cid}:del")],
            *(_lookup_rows(stored) if lookup else []),
            [("📁 Mes dossiers", "cases")],
        ]
    )


def _lookup_rows(stored: StoredCase) -> list[list[tuple[str, str]]]:
    from conversations.card_lookup import rows_for

    return rows_for(stored)


def _message_channel(result: Assessment | None) -> str:
    """The channel of the step's message (a letter for a formal notice), so the button asks
    just in time what that message needs (conversations.details)."""
    from bot.words.messages import default_channel, step_for

    step = step_for(result) if result is not None else None
    return default_channel(step) if step else MessageChannel.EMAIL.value


def _insolvency_row(stored: StoredCase) -> list[list[tuple[str, str]]]:
    """Insolvency proceedings are offered for private debtors only (never a public person)."""
    if stored.case.debtor.kind is DebtorKind.PUBLIC:
        return []
    return [[("⚖️ Procédure collective", f"c:{stored.id}:insolv")]]


async def show_card(update: Update, context: ContextTypes.DEFAULT_TYPE, stored: StoredCase) -> None:
    """Status, the assessment card (answer.card_text), the timeline, the actions."""
    case = stored.case
    card: Markup | None = None
    result: Assessment | None = None
    if stored.is_open:
        result = assess(case, user_today(context))
        card = Markup(card_text_for(stored, result))
    await send(
        update,
        context,
        html(
            "cases/card",
            status=stored.status,
            card=card,
            debtor=case.debtor.name,
            number=case.invoice.number,
            amount=case.invoice.amount,
            due_date=case.invoice.due_date,
            balance=balance_of(stored),
            events=timeline(stored),
        ),
        _card_buttons(stored, result, lookup=services(context).outside is not None),
    )


def card_text_for(stored: StoredCase, result: Assessment) -> str:
    case = stored.case
    return answer.card_text(
        case.debtor.name, case.invoice.number, result, _warnings(result, stored)
    )


async def on_card(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await answer_query(update)
    parts = _callback(update)
    stored = await _owned(update, context, parts[1]) if len(parts) == 2 else None
    if stored is None:
        return await _stale(update, context)
    state = await _end(update, context)
    await show_card(update, context, stored)
    return state


# --- one-tap actions: close, delete, reopen --------------------------------------------------


async def on_action(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """`c:<id>:close[:paid|abandoned]`, `c:<id>:del[:yes]`, `c:<id>:reopen`."""
    await answer_query(update)
    parts = _callback(update)
    stored = await _owned(update, context, parts[1]) if len(parts) >= 3 else None
    if stored is None:
        return await _stale(update, context)
    state = await _end(update, context)
    user_id, _ = user_ids(update)
    repo = services(context).repo
    cid, action, args = stored.id, parts[2], parts[3:]
    name = stored.case.debtor.name
    if action == "close" and not args and stored.is_open:
        await send(
            update,
            context,
            html("cases/close_confirm", debtor=name, balance=balance_of(stored)),
            keyboard(
                [
                    [
                        ("✅ Payé", f"c:{cid}:close:paid"),
                        ("🚫 Abandonné", f"c:{cid}:close:abandoned"),
                    ],
                    [("Non, le garder ouvert", f"case:{cid}")],
                ]
            ),
        )
    elif action == "close" and args in (["paid"], ["abandoned"]) and stored.is_open:
        await repo.close_case(user_id, cid, args[0])
        await send(
            update,
            context,
            html("cases/closed", debtor=name, status=args[0]),
            keyboard([[("📁 Mes dossiers", "cases")]]),
        )
    elif action == "del" and not args:
        await send(
            update,
            context,
            html("cases/delete_confirm", debtor=name, number=stored.case.invoice.number),
            keyboard([[("🗑 Oui, supprimer", f"c:{cid}:del:yes"), ("Non", f"case:{cid}")]]),
        )
    elif action == "del" and args == ["yes"]:
        await repo.delete_case(user_id, cid)
        await send(
            update,
            context,
            html("cases/deleted", debtor=name),
            keyboard([[("📁 Mes dossiers", "cases")]]),
        )
    elif action == "reopen" and not args and not stored.is_open:
        await repo.reopen_case(user_id, cid)
        reopened = await _owned(update, context, cid)
        assert reopened is not None
        await show_card(update, context, reopened)
    else:  # an action that no longer applies (already closed, already open…)
        await send(update, context, html("stale_button"))
    return state


# --- shared ending of a recording step --------------------------------------------------------


async def _recorded(
    update: Update, context: ContextTypes.DEFAULT_TYPE, case_id: int, what: str, **ctx: object
) -> int:
    """After a fact was stored: confirm, give the next step, offer the message and the card."""
    state = await _end(update, context)
    stored = await _owned(update, context, case_id)
    if stored is None:  # deleted meanwhile
        await send(update, context, html("stale_button"))
        return state
    result = assess(stored.case, user_today(context))
    await send(
        update,
        context,
        html(
            "cases/recorded",
            what=what,
            stage=result.stage.value,
            due_now=result.due_now,
            next_step_on=result.next_step_on,
            balance=result.amounts.principal,
            warnings=_warnings(result, stored),
            **ctx,
        ),
        keyboard(
            [
                [("✉️ Voir le message", f"a:{case_id}:ch:email")],
                [("📁 Voir le dossier", f"case:{case_id}")],
            ]
        ),
    )
    return state


async def _start_flow(
    update: Update, context: ContextTypes.DEFAULT_TYPE, raw_id: str, *, open_only: bool = True
) -> StoredCase | None:
    await answer_query(update)
    stored = await _owned(update, context, raw_id)
    if stored is None:
        await _stale(update, context)
        return None
    if open_only and not stored.is_open:
        await _end(update, context)
        await send(update, context, html("cases/not_open", debtor=stored.case.debtor.name))
        return None
    return stored


def _today_button(prefix: str) -> InlineKeyboardMarkup:
    return keyboard([[("Aujourd'hui", f"{prefix}:today")]])


def _parse_past(update: Update, context: ContextTypes.DEFAULT_TYPE) -> date | str:
    """A date not after today (or today from the button), or the error template's name."""
    today = user_today(context)
    if update.callback_query is not None:
        return today
    try:
        return parse_date(
            update.effective_message.text or "", today, prefer="past", not_after=today
        )
    except ParseError as error:
        return error_name(error, "date_invalid")


# --- record a contact: step → channel → date --------------------------------------------------


def _step_keyboard() -> InlineKeyboardMarkup:
    return keyboard([[(label, f"cs:{step.value}")] for step, label in CONTACT_STEPS.items()])


def _channel_keyboard() -> InlineKeyboardMarkup:
    items = list(CHANNEL_LABELS.items())
    return keyboard(
        [
            [(label, f"cc:{ch.value}") for ch, label in items[i : i + 2]]
            for i in range(0, len(items), 2)
        ]
    )


async def contact_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    stored = await _start_flow(update, context, _callback(update)[1])
    if stored is None:
        return ConversationHandler.END
    state = await _save(update, context, {"flow": "contact", "case_id": stored.id}, CONTACT_STEP)
    await send(
        update,
        context,
        html("cases/ask/contact_step", debtor=stored.case.debtor.name),
        _step_keyboard(),
    )
    return state


async def contact_step(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await answer_query(update)
    step = Step(_callback(update)[1])
    data = await _load(update, context)
    data["step"] = step.value
    if step == Step.CALL:
        data["channel"] = Channel.PHONE.value
        state = await _save(update, context, data, CONTACT_DATE)
        await send(
            update,
            context,
            html("cases/ask/contact_date", step_label=CONTACT_STEPS[step]),
            _today_button("cd"),
        )
        return state
    state = await _save(update, context, data, CONTACT_CHANNEL)
    await send(update, context, html("cases/ask/contact_channel"), _channel_keyboard())
    return state


async def contact_channel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await answer_query(update)
    channel = Channel(_callback(update)[1])
    data = await _load(update, context)
    data["channel"] = channel.value
    state = await _save(update, context, data, CONTACT_DATE)
    await send(
        update,
        context,
        html("cases/ask/contact_date", step_label=CONTACT_STEPS[Step(data["step"])]),
        _today_button("cd"),
    )
    return state


async def contact_date(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await answer_query(update)
    when = _parse_past(update, context)
    if isinstance(when, str):
        return await retry(update, context, when, CONTACT_DATE)
    data, stored = await _draft_case(update, context)
    if stored is None:
        return await _stale(update, context)
    user_id, _ = user_ids(update)
    contact = Contact(date=when, step=Step(data["step"]), channel=Channel(data["channel"]))
    await services(context).repo.add_contact(user_id, stored.id, contact)
    return await _recorded(update, context, stored.id, "contact", when=when)


# --- record a response: kind → (promised date | note) ---------------------------------------


async def response_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    stored = await _start_flow(update, context, _callback(update)[1])
    if stored is None:
        return ConversationHandler.END
    state = await _save(update, context, {"flow": "response", "case_id": stored.id}, RESPONSE_KIND)
    await send(
        update,
        context,
        html("cases/ask/response_kind", debtor=stored.case.debtor.name),
        keyboard([[(label, f"rk:{kind.value}")] for kind, label in RESPONSE_LABELS.items()]),
    )
    return state


async def response_kind(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await answer_query(update)
    kind = ResponseKind(_callback(update)[1])
    data = await _load(update, context)
    data["kind"] = kind.value
    if kind == ResponseKind.PROMISE:
        state = await _save(update, context, data, RESPONSE_PROMISE)
        await send(update, context, html("cases/ask/promise_date"))
        return state
    if kind == ResponseKind.DISPUTE:
        state = await _save(update, context, data, RESPONSE_NOTE)
        await send(
            update, context, html("cases/ask/dispute_note"), keyboard([[("Passer", "rn:skip")]])
        )
        return state
    return await _record_response(update, context, data)


async def response_promise(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    today = user_today(context)
    try:
        promised = parse_date(
            update.effective_message.text or "", today, prefer="future", not_before=today
        )
    except ParseError as error:
        return await retry(
            update,
            context,
            error_name(error, "date_invalid"),
            RESPONSE_PROMISE,
            example=short_date(today + timedelta(days=7)),
        )
    data = await _load(update, context)
    data["promised_date"] = promised.isoformat()
    return await _record_response(update, context, data)


async def response_note(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    data = await _load(update, context)
    if update.callback_query is not None:
        await answer_query(update)
        data["note"] = None
    else:
        note = (update.effective_message.text or "").strip()[:MAX_NOTE]
        await guard_reply(update, context, note)
        data["note"] = note or None
    return await _record_response(update, context, data)


async def _record_response(
    update: Update, context: ContextTypes.DEFAULT_TYPE, data: dict[str, Any]
) -> int:
    stored = await _owned(update, context, data.get("case_id"))
    if stored is None:
        return await _stale(update, context)
    user_id, _ = user_ids(update)
    promised = data.get("promised_date")
    response = Response(
        date=user_today(context),
        kind=ResponseKind(data["kind"]),
        promised_date=date.fromisoformat(promised) if promised else None,
        note=data.get("note"),
    )
    await services(context).repo.add_response(user_id, stored.id, response)
    return await _recorded(update, context, stored.id, "response", response=data["kind"])


# --- record a payment: amount (or "all paid") → date ------------------------------------------


async def pay_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    stored = await _start_flow(update, context, _callback(update)[1])
    if stored is None:
        return ConversationHandler.END
    balance = balance_of(stored)
    state = await _save(update, context, {"flow": "payment", "case_id": stored.id}, PAY_AMOUNT)
    await send(
        update,
        context,
        html("cases/ask/pay_amount", debtor=stored.case.debtor.name, balance=balance),
        keyboard([[(f"✅ Tout est payé ({money(balance)})", "pa:all")]]),
    )
    return state


async def pay_all(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The shortcut: the remaining balance, dated today, and the case closed as paid."""
    await answer_query(update)
    _, stored = await _draft_case(update, context)
    if stored is None or not stored.is_open:
        return await _stale(update, context)
    return await _finish_payment(update, context, stored, balance_of(stored), user_today(context))


async def pay_amount(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    try:
        amount = parse_amount(update.effective_message.text or "")
    except ParseError as error:
        return await retry(update, context, error_name(error, "amount_invalid"), PAY_AMOUNT)
    if amount <= 0:
        return await retry(update, context, "amount_not_positive", PAY_AMOUNT)
    data, stored = await _draft_case(update, context)
    if stored is None:
        return await _stale(update, context)
    # [v2] Paying the interest and the indemnity too is paying what is owed (§5 overpayment).
    claimable = assess(stored.case, user_today(context)).amounts.total
    if amount > claimable:
        return await retry(
            update, context, "cases/error/pay_too_big", PAY_AMOUNT, total=money(claimable)
        )
    data["amount"] = str(amount)
    state = await _save(update, context, data, PAY_DATE)
    await send(update, context, html("cases/ask/pay_date", amount=amount), _today_button("pd"))
    return state


async def pay_date(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await answer_query(update)
    when = _parse_past(update, context)
    if isinstance(when, str):
        return await retry(update, context, when, PAY_DATE)
    data, stored = await _draft_case(update, context)
    if stored is None or not stored.is_open:
        return await _stale(update, context)
    return await _finish_payment(update, context, stored, Decimal(data["amount"]), when)


async def _finish_payment(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    stored: StoredCase,
    amount: Decimal,
    when: date,
) -> int:
    user_id, _ = user_ids(update)
    repo = services(context).repo
    if amount > 0:
        await repo.add_payment(user_id, stored.id, Payment(date=when, amount=amount))
    if amount >= balance_of(stored):
        await repo.close_case(user_id, stored.id, "paid")
        state = await _end(update, context)
        await send(
            update,
            context,
            html("cases/paid", debtor=stored.case.debtor.name, amount=amount, when=when),
            keyboard([[("📁 Mes dossiers", "cases")]]),
        )
        return state
    return await _recorded(update, context, stored.id, "payment", amount=amount, when=when)


# --- record insolvency proceedings: kind → BODACC publication → opening judgment -------------


async def insolvency_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    stored = await _start_flow(update, context, _callback(update)[1])
    if stored is None:
        return ConversationHandler.END
    if stored.case.debtor.kind is DebtorKind.PUBLIC:
        return await _stale(update, context)
    data = {"flow": "insolvency", "case_id": stored.id}
    state = await _save(update, context, data, INSOLVENCY_KIND)
    await send(
        update,
        context,
        html("cases/ask/insolvency_kind", debtor=stored.case.debtor.name),
        keyboard([[(label, f"ik:{kind.value}")] for kind, label in INSOLVENCY_LABELS.items()]),
    )
    return state


async def insolvency_kind(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await answer_query(update)
    data = await _load(update, context)
    data["kind"] = InsolvencyKind(_callback(update)[1]).value
    state = await _save(update, context, data, INSOLVENCY_PUBLISHED)
    await send(update, context, html("cases/ask/insolvency_published"), _today_button("ip"))
    return state


async def insolvency_published(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await answer_query(update)
    when = _parse_past(update, context)
    if isinstance(when, str):
        return await retry(update, context, when, INSOLVENCY_PUBLISHED)
    data = await _load(update, context)
    data["published_on"] = when.isoformat()
    state = await _save(update, context, data, INSOLVENCY_OPENED)
    await send(
        update,
        context,
        html("cases/ask/insolvency_opened", published_on=when),
        keyboard([[("Même date que la publication", "io:same")]]),
    )
    return state


async def insolvency_opened(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await answer_query(update)
    data, stored = await _draft_case(update, context)
    if stored is None or not stored.is_open:
        return await _stale(update, context)
    published = date.fromisoformat(data["published_on"])
    if update.callback_query is not None:
        opened = published
    else:
        try:
            text = update.effective_message.text or ""
            opened = parse_date(text, published, prefer="past", not_after=published)
        except ParseError as error:
            name = error_name(error, "date_invalid")
            return await retry(update, context, name, INSOLVENCY_OPENED)
    insolvency = Insolvency(InsolvencyKind(data["kind"]), published_on=published, opened_on=opened)
    user_id, _ = user_ids(update)
    await services(context).repo.set_insolvency(user_id, stored.id, insolvency)
    return await _recorded(update, context, stored.id, "insolvency")


# The same recording steps, for facts read from free text (conversations/understood.py).
recorded = _recorded
record_response = _record_response
record_payment = _finish_payment


# --- edit a fact: field → value ----------------------------------------------------------------


async def edit_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    stored = await _start_flow(update, context, _callback(update)[1], open_only=False)
    if stored is None:
        return ConversationHandler.END
    state = await _save(update, context, {"flow": "edit", "case_id": stored.id}, EDIT_FIELD)
    await send(
        update,
        context,
        html("cases/ask/edit_field", debtor=stored.case.debtor.name),
        keyboard(
            [
                [("Montant", "ef:amount"), ("Échéance", "ef:due")],
                [("N° de facture", "ef:number"), ("Nom du client", "ef:name")],
                [("Type de client", "ef:kind")],
            ]
        ),
    )
    return state


async def edit_field(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await answer_query(update)
    field = _callback(update)[1]
    data, stored = await _draft_case(update, context)
    if stored is None:
        return await _stale(update, context)
    data["field"] = field
    state = await _save(update, context, data, EDIT_VALUE)
    invoice = stored.case.invoice
    current: object = {
        "amount": money(invoice.amount),
        "due": invoice.due_date,
        "number": invoice.number,
        "name": stored.case.debtor.name,
        "kind": KIND_LABELS[stored.case.debtor.kind],
    }[field]
    markup = (
        keyboard([[("Effacer le numéro", "ev:clear")]]) if field == "number" and current else None
    )
    if field == "kind":
        markup = keyboard([[(label, f"ev:{kind.value}")] for kind, label in KIND_LABELS.items()])
    await send(update, context, html("cases/ask/edit_value", field=field, current=current), markup)
    return state


async def edit_value(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    data, stored = await _draft_case(update, context)
    if stored is None:
        return await _stale(update, context)
    field = data.get("field")
    changes: dict[str, Any]
    if update.callback_query is not None:  # "Effacer le numéro" or a client kind
        await answer_query(update)
        choice = _callback(update)[1]
        if (choice == "clear") != (field == "number"):
            return await _stale(update, context)
        changes = (
            {"invoice_number": None} if choice == "clear" else {"debtor_kind": DebtorKind(choice)}
        )
    else:
        text = update.effective_message.text or ""
        if field == "kind":
            named = choices.kind_named(text)
            if named is None:
                return await retry(update, context, "use_buttons", EDIT_VALUE)
            changes = {"debtor_kind": DebtorKind(named)}
        elif field == "amount":
            try:
                amount = parse_amount(text)
            except ParseError as error:
                return await retry(update, context, error_name(error, "amount_invalid"), EDIT_VALUE)
            if amount <= 0:
                return await retry(update, context, "amount_not_positive", EDIT_VALUE)
            changes = {"amount": amount}
        elif field == "due":
            try:
                due = parse_date(text, user_today(context), prefer="nearest")
            except ParseError as error:
                return await retry(update, context, error_name(error, "date_invalid"), EDIT_VALUE)
            changes = {"due_date": due}
        elif field == "number":
            number = " ".join(text.split())
            if not number or len(number) > MAX_NUMBER:
                return await retry(update, context, "number_invalid", EDIT_VALUE)
            changes = {"invoice_number": number}
        else:
            name = " ".join(text.split())
            if not name or len(name) > MAX_NAME:
                return await retry(update, context, "name_invalid", EDIT_VALUE)
            await guard_reply(update, context, name)
            changes = {"debtor_name": name}
    user_id, _ = user_ids(update)
    await services(context).repo.update_case_fields(user_id, stored.id, **changes)
    state = await _end(update, context)
    updated = await _owned(update, context, stored.id)
    assert updated is not None
    await send(update, context, html("cases/edited", field=field))
    await show_card(update, context, updated)
    return state


# --- /annuler -------------------------------------------------------------------------------------


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    data = await _load(update, context)
    state = await _end(update, context)
    await send(update, context, html("cases/cancelled", pending=bool(data)))
    return state


# --- wiring ---------------------------------------------------------------------------------------


def conversations() -> list[ConversationHandler]:
    text = TEXT
    steps = "|".join(s.value for s in CONTACT_STEPS)
    channels = "|".join(c.value for c in CHANNEL_LABELS)
    kinds = "|".join(k.value for k in RESPONSE_LABELS)
    insolvencies = "|".join(k.value for k in INSOLVENCY_LABELS)
    entry_points: list[BaseHandler] = [
        CommandHandler("dossiers", cmd_list),
        CallbackQueryHandler(on_list, pattern=r"^cases(:\d+)?$"),
        CallbackQueryHandler(on_card, pattern=r"^case:"),
        CallbackQueryHandler(contact_start, pattern=r"^c:\d{1,18}:contact$"),
        CallbackQueryHandler(response_start, pattern=r"^c:\d{1,18}:resp$"),
        CallbackQueryHandler(edit_start, pattern=r"^c:\d{1,18}:edit$"),
        CallbackQueryHandler(insolvency_start, pattern=r"^c:\d{1,18}:insolv$"),
        CallbackQueryHandler(pay_start, pattern=r"^pay:\d{1,18}$"),
        CallbackQueryHandler(on_action, pattern=r"^(c|pay):"),
    ]
    return [
        ConversationHandler(
            entry_points=entry_points,
            states={
                CONTACT_STEP: [
                    CallbackQueryHandler(contact_step, pattern=rf"^cs:({steps})$"),
                    MessageHandler(text, buttons_only(CONTACT_STEP)),
                ],
                CONTACT_CHANNEL: [
                    CallbackQueryHandler(contact_channel, pattern=rf"^cc:({channels})$"),
                    MessageHandler(text, buttons_only(CONTACT_CHANNEL)),
                ],
                CONTACT_DATE: [
                    MessageHandler(text, contact_date),
                    CallbackQueryHandler(contact_date, pattern=r"^cd:today$"),
                ],
                RESPONSE_KIND: [
                    CallbackQueryHandler(response_kind, pattern=rf"^rk:({kinds})$"),
                    MessageHandler(text, buttons_only(RESPONSE_KIND)),
                ],
                RESPONSE_PROMISE: [MessageHandler(text, response_promise)],
                RESPONSE_NOTE: [
                    MessageHandler(text, response_note),
                    CallbackQueryHandler(response_note, pattern=r"^rn:skip$"),
                ],
                PAY_AMOUNT: [
                    MessageHandler(text, pay_amount),
                    CallbackQueryHandler(pay_all, pattern=r"^pa:all$"),
                ],
                PAY_DATE: [
                    MessageHandler(text, pay_date),
                    CallbackQueryHandler(pay_date, pattern=r"^pd:today$"),
                ],
                EDIT_FIELD: [
                    CallbackQueryHandler(edit_field, pattern=r"^ef:(amount|due|number|name|kind)$"),
                    MessageHandler(text, buttons_only(EDIT_FIELD)),
                ],
                EDIT_VALUE: [
                    MessageHandler(text, edit_value),
                    CallbackQueryHandler(
                        edit_value, pattern=r"^ev:(clear|business|consumer|public)$"
                    ),
                ],
                INSOLVENCY_KIND: [
                    CallbackQueryHandler(insolvency_kind, pattern=rf"^ik:({insolvencies})$"),
                    MessageHandler(text, buttons_only(INSOLVENCY_KIND)),
                ],
                INSOLVENCY_PUBLISHED: [
                    MessageHandler(text, insolvency_published),
                    CallbackQueryHandler(insolvency_published, pattern=r"^ip:today$"),
                ],
                INSOLVENCY_OPENED: [
                    MessageHandler(text, insolvency_opened),
                    CallbackQueryHandler(insolvency_opened, pattern=r"^io:same$"),
                ],
            },
            fallbacks=[CommandHandler("annuler", cancel)],
            name=FLOW,
            persistent=True,
            allow_reentry=True,
        )
    ]


def handlers() -> list[BaseHandler]:
    """Everything lives in the conversation above (its entry points end a pending question)."""
    return []
