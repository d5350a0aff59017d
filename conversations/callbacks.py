"""Every button's callback data, named once: its builder, its pattern, Telegram's limit.

An `Action` is one kind of button. `Action.data(**values)` builds its callback data (checked
against Telegram's 64 bytes here and nowhere else); `Action.pattern` is the compiled regex
PTB routes by (`CallbackQueryHandler(callback, pattern=action.pattern)`), whose named groups
the handler reads back from `context.match` — as PTB's `inlinekeyboard2.py` does. The strings
are the ones the bot has always sent, so the buttons of old messages still work.

A `Family` is the common prefix of several actions: the dialogs that ended their pending
question on any of its buttons, stale ones included, route the family's leftovers to a
handler that says the button is no longer valid (and ends the question).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from bot.domain.facts import (
    Channel,
    DebtorKind,
    InsolvencyKind,
    MessageChannel,
    ResponseKind,
    Step,
)

MAX_BYTES = 64  # Telegram's limit on callback data
CASE_ID = r"\d{1,18}"
_FIELD = re.compile(r"\{(\w+)\}")


def one_of(values: Iterable[str | StrEnum]) -> str:
    """A regex alternation of the given codes (enum members give their values)."""
    return "|".join(re.escape(str(value)) for value in values)


def checked(data: str) -> str:
    """`data` itself, once known to fit Telegram's 64 bytes; else ValueError."""
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


# What a question offers, in the order of its buttons (the labels: templates/bot/_buttons).
INTAKE_STEPS = tuple(s for s in Step if s not in (Step.ESCALATION, Step.OTHER))
CONTACT_STEPS = (*INTAKE_STEPS, Step.OTHER)
CONTACT_CHANNELS = tuple(c for c in Channel if c is not Channel.OTHER)
REACTIONS = ("none", "promise", "dispute", "claims_paid", "hardship", "refusal", "partial")
PROFILE_FIELDS = ("full_name", "business_name", "address", "city", "email", "phone", "iban",
                  "siret", "vat_franchise")  # fmt: skip


class Action:
    """One kind of button: `template` such as "a:{case}:ch:{channel}", one regex per field."""

    def __init__(self, template: str, **fields: str) -> None:
        self.template = template
        names = _FIELD.findall(template)
        if set(names) != set(fields):
            raise ValueError(f"fields of {template!r}: {names} ≠ {sorted(fields)}")
        parts, at = [], 0
        for found in _FIELD.finditer(template):
            parts.append(re.escape(template[at : found.start()]))
            parts.append(f"(?P<{found[1]}>{fields[found[1]]})")
            at = found.end()
        parts.append(re.escape(template[at:]))
        self.pattern = re.compile("^" + "".join(parts) + "$")

    def data(self, **values: object) -> str:
        """The callback data for these values (enum members give their values)."""
        text = {k: str(v.value if isinstance(v, StrEnum) else v) for k, v in values.items()}
        return checked(self.template.format(**text))

    def button(self, label: str, **values: object) -> tuple[str, str]:
        """(label, data): one button for `replying.keyboard`."""
        return label, self.data(**values)

    def __repr__(self) -> str:
        return f"Action({self.template!r})"


class Family:
    """The prefix shared by several actions ("c" for "c:<id>:close", "c:<id>:del"…)."""

    def __init__(self, *prefixes: str) -> None:
        self.pattern = re.compile(rf"^({one_of(prefixes)}):")


# --- anywhere ----------------------------------------------------------------------------------
NEW_CASE = Action("new")
HELP = Action("help")
CASES = Action("cases")
CASES_PAGE = Action("cases:{page}", page=r"\d+")
CASE = Action("case:{case}", case=CASE_ID)

# --- a case's message (case_reply, details, the morning digest) -------------------------------
MESSAGE = Action("a:{case}:ch:{channel}", case=CASE_ID, channel=one_of(MessageChannel))
LETTER_PDF = Action("a:{case}:pdf", case=CASE_ID)
SENT = Action("a:{case}:sent:{step}:{channel}", case=CASE_ID, step=one_of(Step),
              channel=one_of(MessageChannel))  # fmt: skip
MESSAGE_FAMILY = Family("a")
DETAIL_SKIP = Action("dt:skip")

# --- the case card's actions ------------------------------------------------------------------
CONTACT = Action("c:{case}:contact", case=CASE_ID)
RESPONSE = Action("c:{case}:resp", case=CASE_ID)
EDIT = Action("c:{case}:edit", case=CASE_ID)
INSOLVENCY = Action("c:{case}:insolv", case=CASE_ID)
PAYMENT = Action("pay:{case}", case=CASE_ID)
CLOSE = Action("c:{case}:close", case=CASE_ID)
CLOSE_AS = Action("c:{case}:close:{status}", case=CASE_ID, status="paid|abandoned")
DELETE = Action("c:{case}:del", case=CASE_ID)
DELETE_YES = Action("c:{case}:del:yes", case=CASE_ID)
REOPEN = Action("c:{case}:reopen", case=CASE_ID)
CASE_FAMILY = Family("case", "c", "pay")
CARD_LOOKUP = Action("lkc:{case}", case=CASE_ID)
CARD_LOOKUP_CHOICE = Action("lkc:{case}:{choice}", case=CASE_ID, choice=r"\d|none")

# --- the case card's questions ----------------------------------------------------------------
CONTACT_STEP = Action("cs:{step}", step=one_of(CONTACT_STEPS))
CONTACT_CHANNEL = Action("cc:{channel}", channel=one_of(CONTACT_CHANNELS))
CONTACT_TODAY = Action("cd:today")
RESPONSE_KIND = Action("rk:{kind}", kind=one_of(ResponseKind))
RESPONSE_NO_NOTE = Action("rn:skip")
PAID_ALL = Action("pa:all")
PAID_TODAY = Action("pd:today")
EDIT_FIELD = Action("ef:{field}", field="amount|due|number|name|kind")
EDIT_CLEAR_NUMBER = Action("ev:clear")
EDIT_KIND = Action("ev:{kind}", kind=one_of(DebtorKind))
INSOLVENCY_KIND = Action("ik:{kind}", kind=one_of(InsolvencyKind))
INSOLVENCY_TODAY = Action("ip:today")
INSOLVENCY_SAME_DATE = Action("io:same")

# --- the intake -------------------------------------------------------------------------------
KIND = Action("k:{kind}", kind=one_of(DebtorKind))
VAT = Action("v:{choice}", choice="ttc|none")
NUMBER_SKIP = Action("n:skip")
DUE_UNKNOWN = Action("d:issue")
DONE = Action("s:{step}", step=one_of(("none", *INTAKE_STEPS)))
REACTION = Action("r:{reaction}", reaction=one_of(REACTIONS))
DISPUTE_NO_NOTE = Action("t:skip")
PAID_PART = Action("pp:{answer}", answer="yes|no")
SIGNATURE_SKIP = Action("p:skip")
RESUME_INTAKE = Action("intake:resume")
LOOKUP_CHOICE = Action("lk:{choice}", choice=r"\d|none")
INVOICE_OK = Action("pdf:ok")
INVOICE_FIX = Action("pdf:fix")
INVOICE_FIX_FIELD = Action("pdf:fix:{field}", field="name|amount|number|due")
INVOICE_MANUAL = Action("pdf:manual")

# --- free text read (understood) --------------------------------------------------------------
FACT = r"\d*:\d*:\d*:\d*:\d*"  # understood.Fact.encode(), decoded (and checked) there
ASK_ABOUT = Action("u:q:{case}:{intent}", case=CASE_ID, intent=r"\d+")
PICK_CASE = Action("u:p:{case}:{fact}", case=CASE_ID, fact=FACT)
OTHER_CASE = Action("u:o:{case}:{fact}", case=CASE_ID, fact=FACT)
CONFIRM_FACT = Action("u:y:{case}:{fact}", case=CASE_ID, fact=FACT)

# --- settings and data ------------------------------------------------------------------------
PROFILE_FIELD = Action("pr:{field}", field=one_of(PROFILE_FIELDS))
PROFILE_SKIP = Action("pv:skip")
PROFILE_CLEAR = Action("pv:clear")
PROFILE_VAT = Action("pv:{choice}", choice="yes|no")
REMINDERS_ON = Action("rm:on")
REMINDERS_OFF = Action("rm:off")
REMINDER_HOUR = Action("rm:h:{hour}", hour=r"\d{1,2}")
REMINDER_OTHER_HOUR = Action("rm:other")
REMINDERS_FAMILY = Family("rm")
WIPE_YES = Action("wipe:yes")
WIPE_NO = Action("wipe:no")
