"""`/nouveau`: the intake of one unpaid invoice, one short question at a time (DESIGN §9).

Every answer is written to the database (with the next state) before the bot replies, so a
crash or a restart resumes the intake at the question the user was shown.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.domain.contract import default_due_date
from bot.domain.facts import (
    Case,
    Channel,
    Contact,
    Debtor,
    DebtorKind,
    Invoice,
    Payment,
    Response,
    ResponseKind,
    Step,
)
from bot.domain.parsing import ParseError, parse_amount, parse_date, read_amount
from bot.domain.understand import choices
from conversations import answer, lookup
from conversations.common import (
    TEXT,
    Drafts,
    answer_query,
    close_choice,
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
from conversations.profile import clean_contact

FLOW = "intake"

(
    NAME,
    KIND,
    AMOUNT,
    NUMBER,
    DUE,
    ISSUE,
    DONE,
    DONE_DATE,
    REACTION,
    PROMISE_DATE,
    PARTIAL_AMOUNT,
    PARTIAL_DATE,
    DISPUTE_NOTE,
    SIGNATURE,
    CONTACT,
    AMOUNT_VAT,
) = range(16)

MAX_NAME = 120
MAX_NUMBER = 40
MAX_NOTE = 500

KIND_LABELS = {
    DebtorKind.BUSINESS: "Une entreprise",
    DebtorKind.PUBLIC: "Un organisme public",
    DebtorKind.CONSUMER: "Un particulier",
}
STEP_LABELS = {
    Step.PREVENTIVE_REMINDER: "Rappel avant échéance",
    Step.FRIENDLY_REMINDER: "Rappel courtois",
    Step.FIRM_REMINDER: "Relance ferme",
    Step.FINAL_NOTICE: "Dernier avis amiable",
    Step.FORMAL_NOTICE: "Mise en demeure (LRAR)",
    Step.CALL: "Un appel seulement",
}
DEFAULT_CHANNEL = {
    Step.FORMAL_NOTICE: Channel.REGISTERED_LETTER,
    Step.CALL: Channel.PHONE,
}
REACTION_LABELS = {
    "none": "Pas de réponse",
    ResponseKind.PROMISE.value: "A promis une date",
    ResponseKind.DISPUTE.value: "Conteste",
    ResponseKind.CLAIMS_PAID.value: "Dit avoir payé",
    ResponseKind.HARDSHIP.value: "Des difficultés",
    ResponseKind.REFUSAL.value: "Refuse de payer",
    "partial": "A payé une partie",
}


# --- storage of the answers -------------------------------------------------------------


_DRAFTS = Drafts(FLOW)
_load, _save = _DRAFTS.load, _DRAFTS.save


# --- the steps ----------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await answer_query(update)  # when started from a "Nouveau dossier" button
    state = await _save(update, context, {}, NAME)  # saved before asking (kill -9)
    await send(update, context, html("ask/name"))
    return state


async def got_name(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    name = " ".join((update.effective_message.text or "").split())
    if not name or len(name) > MAX_NAME:
        return await retry(update, context, "name_invalid", NAME)
    await guard_reply(update, context, name)
    data = await _load(update, context)
    data["name"] = name
    return await _LOOKUP.after_name(update, context, data)


def _kind_keyboard():
    return keyboard([[(label, f"k:{kind.value}")] for kind, label in KIND_LABELS.items()])


async def got_kind(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    kind = DebtorKind(update.callback_query.data.removeprefix("k:"))
    await close_choice(update, KIND_LABELS[kind])
    return await _chosen_kind(update, context, kind)


async def typed_kind(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A typed answer naming a button ("une entreprise") counts as the button."""
    named = choices.kind_named(update.effective_message.text or "")
    if named is None:
        return await kind_typed(update, context)
    return await _chosen_kind(update, context, DebtorKind(named))


async def _chosen_kind(update: Update, context: ContextTypes.DEFAULT_TYPE, kind: DebtorKind) -> int:
    data = await _load(update, context)
    data["kind"] = kind.value
    return await ask_next(update, context, data)


async def kind_typed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    name = (await _load(update, context))["name"]
    return await _ask_again(update, context, KIND, html("ask/kind", name=name), _kind_keyboard())


async def _ask_again(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    state: int,
    question: str,
    markup: InlineKeyboardMarkup,
) -> int:
    """A typed answer that names no button: one message saying so, the question and its
    buttons again (the guard first when the text is risky)."""
    text = update.effective_message.text or ""
    if await guard_reply(update, context, text):
        await send(update, context, question, markup)
    else:
        await send(update, context, f"{html('error/use_buttons_below')}\n\n{question}", markup)
    return state


async def got_amount(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    try:
        read = read_amount(update.effective_message.text or "")
    except ParseError as error:
        return await retry(update, context, error_name(error, "amount_invalid"), AMOUNT)
    data = await _load(update, context)
    if read.excl_vat and not await _vat_free(update, context):
        data["amount_excl_vat"] = str(read.value)  # asked once: is VAT owed on top?
        await _save(update, context, data, AMOUNT_VAT)
        await _ask_vat(update, context, read.value)
        return AMOUNT_VAT
    data["amount"] = str(read.value)
    return await ask_next(update, context, data)


async def _vat_free(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the user's profile says they do not charge VAT (franchise en base)."""
    user = await services(context).repo.get_user(user_ids(update)[0])
    return user is not None and user.vat_franchise is True


async def _ask_vat(update: Update, context: ContextTypes.DEFAULT_TYPE, excl_vat: Decimal) -> None:
    from bot.words.render import money

    buttons = keyboard([[("TTC : saisir le montant TTC", "v:ttc")], [("Pas de TVA", "v:none")]])
    await send(update, context, html("ask/amount_vat", amount=money(excl_vat)), buttons)


async def got_vat(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The answer to the VAT question: no VAT (the amount stands) or the amount with VAT."""
    choice = update.callback_query.data.removeprefix("v:")
    data = await _load(update, context)
    if choice == "none":
        await close_choice(update, "Pas de TVA")
        data["amount"] = data.pop("amount_excl_vat", None)
        return await ask_next(update, context, data)
    await close_choice(update, "TTC")
    await _save(update, context, data, AMOUNT)
    await send(update, context, html("ask/amount_incl_vat"))
    return AMOUNT


async def typed_vat(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A typed amount at the VAT question is the amount with VAT; anything else asks again."""
    data = await _load(update, context)
    try:
        read = read_amount(update.effective_message.text or "")
    except ParseError:
        read = None
    if read is None or read.excl_vat:
        await _ask_vat(update, context, Decimal(data["amount_excl_vat"]))
        return AMOUNT_VAT
    data.pop("amount_excl_vat", None)
    data["amount"] = str(read.value)
    return await ask_next(update, context, data)


async def got_number(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    number: str | None = None
    if update.callback_query is not None:
        await close_choice(update, "Passer")
    else:
        number = " ".join((update.effective_message.text or "").split())
        if not number or len(number) > MAX_NUMBER:
            return await retry(update, context, "number_invalid", NUMBER)
    data = await _load(update, context)
    data["number"] = number
    return await ask_next(update, context, data)


async def ask_next(update: Update, context: ContextTypes.DEFAULT_TYPE, data: dict[str, Any]) -> int:
    """Ask the first question still unanswered, in the intake's order (an invoice PDF may
    have answered several at once)."""
    if not data.get("name"):
        state = await _save(update, context, data, NAME)
        await send(update, context, html("ask/name"))
    elif not data.get("kind"):
        state = await _save(update, context, data, KIND)
        await send(update, context, html("ask/kind", name=data["name"]), _kind_keyboard())
    elif not data.get("amount"):
        state = await _save(update, context, data, AMOUNT)
        await send(update, context, html("ask/amount"))
    elif "number" not in data:
        state = await _save(update, context, data, NUMBER)
        await send(update, context, html("ask/number"), keyboard([[("Passer", "n:skip")]]))
    elif not data.get("due_date") and not data.get("issue_date"):
        state = await _save(update, context, data, DUE)
        await _ask_due(update, context)
    else:
        if not data.get("due_date"):
            issue = date.fromisoformat(data["issue_date"])
            data["due_date"] = default_due_date(issue, DebtorKind(data["kind"])).isoformat()
        state = await _after_dates(update, context, data)
    return state


async def _ask_due(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await send(
        update,
        context,
        html("ask/due"),
        keyboard([[("Je ne connais que la date de facture", "d:issue")]]),
    )


def _parse_past(update: Update, context: ContextTypes.DEFAULT_TYPE) -> date | str:
    """A date not after today, or the name of the error template."""
    today = user_today(context)
    text = update.effective_message.text or ""
    try:
        return parse_date(text, today, prefer="past", not_after=today)
    except ParseError as error:
        return error_name(error, "date_invalid")


async def got_due(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    today = user_today(context)
    try:
        due = parse_date(update.effective_message.text or "", today, prefer="nearest")
    except ParseError as error:
        return await retry(update, context, error_name(error, "date_invalid"), DUE)
    data = await _load(update, context)
    data["due_date"] = due.isoformat()
    return await _after_dates(update, context, data)


async def due_unknown(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await close_choice(update, "Je ne connais que la date de facture")
    data = await _load(update, context)
    state = await _save(update, context, data, ISSUE)
    await send(update, context, html("ask/issue"))
    return state


async def got_issue(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    issue = _parse_past(update, context)
    if isinstance(issue, str):
        return await retry(update, context, issue, ISSUE)
    data = await _load(update, context)
    data["issue_date"] = issue.isoformat()
    data["due_date"] = default_due_date(issue, DebtorKind(data["kind"])).isoformat()
    return await _after_dates(update, context, data)


async def _after_dates(
    update: Update, context: ContextTypes.DEFAULT_TYPE, data: dict[str, Any]
) -> int:
    state = await _save(update, context, data, DONE)
    await send(update, context, html("ask/done"), _done_keyboard())
    return state


def _done_keyboard():
    rows = [[(label, f"s:{step.value}")] for step, label in STEP_LABELS.items()]
    rows.insert(0, [("Rien encore", "s:none")])
    return keyboard(rows)


async def got_done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    choice = update.callback_query.data.removeprefix("s:")
    await close_choice(update, "Rien encore" if choice == "none" else STEP_LABELS[Step(choice)])
    return await _chosen_done(update, context, choice)


async def typed_done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Typed "rien encore", "une relance ferme"…: the button named; else ask again."""
    named = choices.step_named(update.effective_message.text or "")
    if named is None or (named != "none" and Step(named) not in STEP_LABELS):
        return await _ask_again(update, context, DONE, html("ask/done"), _done_keyboard())
    return await _chosen_done(update, context, named)


async def _chosen_done(update: Update, context: ContextTypes.DEFAULT_TYPE, choice: str) -> int:
    data = await _load(update, context)
    if choice == "none":
        data["step"] = None
        return await _finish(update, context, data)
    step = Step(choice)
    data["step"] = step.value
    state = await _save(update, context, data, DONE_DATE)
    await send(update, context, html("ask/done_date", step_label=STEP_LABELS[step]))
    return state


async def got_done_date(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    when = _parse_past(update, context)
    if isinstance(when, str):
        return await retry(update, context, when, DONE_DATE)
    data = await _load(update, context)
    data["step_date"] = when.isoformat()
    state = await _save(update, context, data, REACTION)
    await send(update, context, html("ask/reaction"), _reaction_keyboard())
    return state


def _reaction_keyboard():
    return keyboard([[(label, f"r:{key}")] for key, label in REACTION_LABELS.items()])


async def got_reaction(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    reaction = update.callback_query.data.removeprefix("r:")
    await close_choice(update, REACTION_LABELS[reaction])
    return await _chosen_reaction(update, context, reaction)


async def typed_reaction(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The reaction described in words ("il a promis de payer vendredi": a promise on that
    Friday); what it says beyond the button (the date, the amount) spares a question."""
    text = update.effective_message.text or ""
    today = user_today(context)
    named = choices.reaction_named(text, today)
    if named is None or named.key not in REACTION_LABELS:
        question = html("ask/reaction")
        return await _ask_again(update, context, REACTION, question, _reaction_keyboard())
    data = await _load(update, context)
    if named.key == ResponseKind.PROMISE.value and named.when and named.when >= today:
        data.update(reaction=named.key, promised_date=named.when.isoformat())
        return await _finish(update, context, data)
    if named.key == ResponseKind.DISPUTE.value:
        await guard_reply(update, context, text)
        data.update(reaction=named.key, note=text.strip()[:MAX_NOTE] or None)
        return await _finish(update, context, data)
    return await _chosen_reaction(update, context, named.key)


async def _chosen_reaction(
    update: Update, context: ContextTypes.DEFAULT_TYPE, reaction: str
) -> int:
    data = await _load(update, context)
    data["reaction"] = reaction
    follow_up = {
        ResponseKind.PROMISE.value: (PROMISE_DATE, "ask/promise_date", None),
        "partial": (PARTIAL_AMOUNT, "ask/partial_amount", None),
        ResponseKind.DISPUTE.value: (
            DISPUTE_NOTE,
            "ask/dispute_note",
            keyboard([[("Passer", "t:skip")]]),
        ),
    }.get(reaction)
    if follow_up is None:
        return await _finish(update, context, data)
    state, template, markup = follow_up
    await _save(update, context, data, state)
    await send(update, context, html(template), markup)
    return state


async def got_promise_date(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    today = user_today(context)
    try:
        promised = parse_date(
            update.effective_message.text or "", today, prefer="future", not_before=today
        )
    except ParseError as error:
        from bot.words.render import short_date

        example = short_date(today + timedelta(days=7))
        return await retry(
            update, context, error_name(error, "date_invalid"), PROMISE_DATE, example=example
        )
    data = await _load(update, context)
    data["promised_date"] = promised.isoformat()
    return await _finish(update, context, data)


async def got_partial_amount(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    try:
        amount = parse_amount(update.effective_message.text or "")
    except ParseError as error:
        return await retry(update, context, error_name(error, "amount_invalid"), PARTIAL_AMOUNT)
    data = await _load(update, context)
    if amount <= 0:
        return await retry(update, context, "amount_not_positive", PARTIAL_AMOUNT)
    if amount >= Decimal(data["amount"]):
        from bot.words.render import money

        return await retry(
            update, context, "partial_too_big", PARTIAL_AMOUNT, amount=money(data["amount"])
        )
    data["partial_amount"] = str(amount)
    state = await _save(update, context, data, PARTIAL_DATE)
    await send(update, context, html("ask/partial_date"))
    return state


async def got_partial_date(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    when = _parse_past(update, context)
    if isinstance(when, str):
        return await retry(update, context, when, PARTIAL_DATE)
    data = await _load(update, context)
    data["partial_date"] = when.isoformat()
    return await _finish(update, context, data)


async def got_dispute_note(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    data = await _load(update, context)
    if update.callback_query is not None:
        await close_choice(update, "Passer")
        data["note"] = None
    else:
        note = (update.effective_message.text or "").strip()[:MAX_NOTE]
        await guard_reply(update, context, note)
        data["note"] = note or None
    return await _finish(update, context, data)


# --- the end: store the case, ask for a signature once, show the answer -------------------


def case_from_draft(data: dict[str, Any], today: date) -> Case:
    """The domain's case from the intake answers."""
    kind = DebtorKind(data["kind"])
    contacts: tuple[Contact, ...] = ()
    if data.get("step"):
        step = Step(data["step"])
        contacts = (
            Contact(
                date=date.fromisoformat(data["step_date"]),
                step=step,
                channel=DEFAULT_CHANNEL.get(step, Channel.EMAIL),
            ),
        )
    responses: tuple[Response, ...] = ()
    payments: tuple[Payment, ...] = ()
    reaction = data.get("reaction")
    if reaction == "partial":
        payments = (
            Payment(date.fromisoformat(data["partial_date"]), Decimal(data["partial_amount"])),
        )
    elif reaction and reaction != "none":
        promised = data.get("promised_date")
        responses = (
            Response(
                date=today,
                kind=ResponseKind(reaction),
                promised_date=date.fromisoformat(promised) if promised else None,
                note=data.get("note"),
            ),
        )
    issue, served = data.get("issue_date"), data.get("service_date")
    return Case(
        debtor=Debtor(
            name=data["name"], kind=kind, siren=data.get("siren"), address=data.get("address")
        ),
        invoice=Invoice(
            amount=Decimal(data["amount"]),
            due_date=date.fromisoformat(data["due_date"]),
            number=data.get("number"),
            issue_date=date.fromisoformat(issue) if issue else None,
            service_date=date.fromisoformat(served) if served else None,
            penalty_rate=Decimal(rate) if (rate := data.get("penalty_rate")) else None,
        ),
        payments=payments,
        contacts=contacts,
        responses=responses,
        insolvency=lookup.insolvency_from_draft(data),
    )


async def _finish(update: Update, context: ContextTypes.DEFAULT_TYPE, data: dict[str, Any]) -> int:
    user_id, chat_id = user_ids(update)
    svc = services(context)
    if "case_id" not in data:
        case = case_from_draft(data, user_today(context))
        data["case_id"] = await svc.repo.create_case(user_id, case, chat_id=chat_id)
    user = await svc.ensure_user(user_id, chat_id)
    if not user.signature_asked and not user.full_name:
        await svc.repo.update_profile(user_id, signature_asked=True)
        state = await _save(update, context, data, SIGNATURE)
        await send(update, context, html("ask/signature"), keyboard([[("Passer", "p:skip")]]))
        return state
    await _DRAFTS.end(update, context)
    await answer.show_assessment(update, context, data["case_id"])
    return ConversationHandler.END


async def got_signature(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    user_id, _ = user_ids(update)
    svc = services(context)
    if update.callback_query is not None:
        await close_choice(update, "Passer")
    else:
        text = " ".join((update.effective_message.text or "").split())[:MAX_NAME]
        if text:
            name, _, business = (part.strip() for part in text.partition("—"))
            if not business:
                name, _, business = (part.strip() for part in text.partition(" - "))
            await svc.repo.update_profile(
                user_id, full_name=name or None, business_name=business or None
            )
            user = await svc.repo.get_user(user_id)
            if user is not None and not (user.email or user.phone or user.contact):
                data = await _load(update, context)
                state = await _save(update, context, data, CONTACT)
                await send(update, context, html("details/contact"))
                return state
    data = await _load(update, context)
    await _DRAFTS.end(update, context)
    await answer.show_assessment(update, context, data["case_id"])
    return ConversationHandler.END


async def got_contact(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The sender's e-mail or phone, asked once right after the name (DESIGN §6)."""
    value = clean_contact(update.effective_message.text or "")
    if value is None:
        return await retry(update, context, "profile/error/contact_invalid", CONTACT)
    user_id, _ = user_ids(update)
    await services(context).repo.update_profile(
        user_id, **{"email" if "@" in value else "phone": value}
    )
    data = await _load(update, context)
    await _DRAFTS.end(update, context)
    await answer.show_assessment(update, context, data["case_id"])
    return ConversationHandler.END


RESUME = keyboard([[("Reprendre le dossier", "intake:resume")]])
# What the intake cannot read: a voice note, a video, a sticker… (photos and documents are
# answered by `invoice_pdf`, which reads a PDF invoice at any question).
MEDIA = (
    filters.VOICE | filters.AUDIO | filters.VIDEO | filters.VIDEO_NOTE | filters.Sticker.ALL
    | filters.LOCATION | filters.CONTACT | filters.ANIMATION
)  # fmt: skip


async def in_progress(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The client's name (or "") of the intake under way in this chat, None when there is none."""
    user_id, chat_id = user_ids(update)
    record = await services(context).repo.load_conversation(user_id, FLOW, (chat_id, user_id))
    if record is None or record.state is None:
        return None
    return str((await _load(update, context)).get("name") or "")


async def note_kept(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """After another command in the middle of the intake: the answers so far are kept."""
    command = (update.effective_message.text or "").split()[0].split("@")[0].lower()
    if command in {"/nouveau", "/annuler"}:
        return
    name = await in_progress(update, context)
    if name is not None:
        await send(update, context, html("intake_kept", name=name), RESUME)


async def media(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A voice note or a video mid-intake: what the bot can take; the question stays."""
    await send(update, context, html("intake_media"), RESUME)


async def resume(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """"Reprendre le dossier": the question still unanswered is asked again."""
    await close_choice(update, "Reprendre le dossier")
    return await ask_next(update, context, await _load(update, context))


def kept_note_handler() -> MessageHandler:
    """Registered in a later group: runs after the command itself was handled."""
    return MessageHandler(filters.COMMAND, note_kept)


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    data = await _DRAFTS.load(update, context)
    await _DRAFTS.end(update, context)
    await send(update, context, html("cancelled", kept="case_id" in data))
    return ConversationHandler.END


_LOOKUP = lookup.IntakeLookup(_load, _save, go_on=ask_next)


def build() -> ConversationHandler:
    from conversations import invoice_pdf

    text = TEXT
    return ConversationHandler(
        entry_points=[
            CommandHandler("nouveau", start),
            CallbackQueryHandler(start, pattern=r"^new$"),
            *invoice_pdf.handlers(),
        ],
        states={
            NAME: [MessageHandler(text, got_name)],
            **_LOOKUP.states(),
            KIND: [
                CallbackQueryHandler(got_kind, pattern=r"^k:(business|consumer|public)$"),
                MessageHandler(text, typed_kind),
            ],
            AMOUNT: [MessageHandler(text, got_amount)],
            AMOUNT_VAT: [
                CallbackQueryHandler(got_vat, pattern=r"^v:(ttc|none)$"),
                MessageHandler(text, typed_vat),
            ],
            NUMBER: [
                MessageHandler(text, got_number),
                CallbackQueryHandler(got_number, pattern=r"^n:skip$"),
            ],
            DUE: [
                MessageHandler(text, got_due),
                CallbackQueryHandler(due_unknown, pattern=r"^d:issue$"),
            ],
            ISSUE: [MessageHandler(text, got_issue)],
            DONE: [
                CallbackQueryHandler(got_done, pattern=r"^s:[a-z_]+$"),
                MessageHandler(text, typed_done),
            ],
            DONE_DATE: [MessageHandler(text, got_done_date)],
            REACTION: [
                CallbackQueryHandler(got_reaction, pattern=r"^r:[a-z_]+$"),
                MessageHandler(text, typed_reaction),
            ],
            PROMISE_DATE: [MessageHandler(text, got_promise_date)],
            PARTIAL_AMOUNT: [MessageHandler(text, got_partial_amount)],
            PARTIAL_DATE: [MessageHandler(text, got_partial_date)],
            DISPUTE_NOTE: [
                MessageHandler(text, got_dispute_note),
                CallbackQueryHandler(got_dispute_note, pattern=r"^t:skip$"),
            ],
            SIGNATURE: [
                MessageHandler(text, got_signature),
                CallbackQueryHandler(got_signature, pattern=r"^p:skip$"),
            ],
            CONTACT: [MessageHandler(text, got_contact)],
        },
        fallbacks=[
            CommandHandler("annuler", cancel),
            CallbackQueryHandler(resume, pattern=r"^intake:resume$"),
            MessageHandler(MEDIA, media),
        ],
        name=FLOW,
        persistent=True,
        allow_reentry=True,
    )
