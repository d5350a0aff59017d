"""Readable transcripts of the bot's main dialogs, for reading the experience without Telegram.

    python scripts/make_transcripts.py            # writes docs/transcripts/*.md
    python scripts/make_transcripts.py --out DIR  # elsewhere (the test does this)

Each dialog runs through the real `Application` and the in-process Bot API stand-in
(bot/local/bot_api/) on a fresh SQLite file, with a fixed clock (Monday 23 November 2026, 10:00,
Europe/Paris): the output is the same on every run, so the committed files can be checked
against a fresh run. "👤" is what the user typed, "👆 [..]" a button they tapped; the bot's
messages follow in text blocks as a terminal shows them (bold as *x*, italics as _x_, the
copyable block between two rules, buttons numbered [1], [2]...).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.config import load_settings  # noqa: E402
from bot.local.bot_api import BotCall, LocalChat, StandinRequest  # noqa: E402
from bot.local.offline_app import offline_application  # noqa: E402
from bot.local.terminal import Transcript  # noqa: E402
from bot.runtime.clock import FixedClock  # noqa: E402
from bot.runtime.services import Services  # noqa: E402
from bot.store import Database, upgrade  # noqa: E402

NOW = datetime(2026, 11, 23, 10, 0)  # a Monday, Europe/Paris
USER_ID = 1001
DEFAULT_OUT = ROOT / "docs" / "transcripts"
SIGNATURE = "Julie Moreau — Studio Moreau"


class Recorder:
    """One user's chat with the bot, written down as it goes."""

    def __init__(self, chat: LocalChat) -> None:
        self.chat = chat
        self.view = Transcript()
        self.lines: list[str] = []
        self.recording = True

    async def send(self, text: str) -> list[BotCall]:
        calls = await self.chat.send(text)
        self._write(f"👤 {text}", calls)
        return calls

    async def press(self, label: str) -> list[BotCall]:
        """Tap the button whose label is `label` (exact, else a unique substring)."""
        full = _find_label(self.chat.button_labels(), label)
        calls = await self.chat.press(full)
        self._write(f"👆 [{full}]", calls)
        return calls

    async def forward(self, text: str) -> list[BotCall]:
        """The user forwards a message their client sent them (forward_origin set)."""
        sent_at = int(self.chat.request.state.clock()) - 3600  # an hour ago
        calls = await self.chat.send(text, forwarded_from="Atelier Dupuis", forwarded_at=sent_at)
        self._write(f"↪️ (transféré) {text}", calls)
        return calls

    def note(self, text: str) -> None:
        """A narrator's remark (in italics), e.g. what the next step illustrates."""
        if self.recording:
            self.lines += [f"*{text}*", ""]

    def _write(self, action: str, calls: list[BotCall]) -> None:
        shown = [text for call in calls if (text := self._render(call)) is not None]
        if not self.recording:
            return
        self.lines += [f"**{action}**", ""]
        for text in shown:
            self.lines += ["```text", text, "```", ""]

    def _render(self, call: BotCall) -> str | None:
        if call.chat_id not in (None, self.chat.user_id):
            return None
        if call.method == "sendDocument" and call.ok:
            name = call.document.filename if call.document else "document"
            caption = self.view.render(call)  # keeps the edit tracking in step
            caption_lines = (caption or "").split("\n")[1:]
            return "\n".join([f"📎 {name}", *caption_lines])
        text = self.view.render(call)
        return None if text is None else f"🤖 {text}"


def _find_label(labels: list[str], wanted: str) -> str:
    if wanted in labels:
        return wanted
    matches = [label for label in labels if wanted.casefold() in label.casefold()]
    if len(matches) != 1:
        raise LookupError(f"button {wanted!r} not found or ambiguous among {labels}")
    return matches[0]


# --- the dialogs ----------------------------------------------------------------------------


async def intake(
    r: Recorder,
    *,
    name: str = "Atelier Dupuis",
    kind: str = "Une entreprise",
    amount: str = "1 250,50 €",
    number: str | None = "F-2026-014",
    due: str = "15/10/2026",
    issue: str = "15/09/2026",
    step: str = "Rappel courtois",
    step_date: str = "02/11/2026",
    reaction: str = "Pas de réponse",
    follow_up: tuple[str, ...] = (),
    paid: tuple[str, ...] = (),
    signature: str | None = SIGNATURE,
) -> None:
    """`/nouveau` from the first question to the answer (`paid`: the amount and the date of
    a part already paid)."""
    await r.send("/nouveau")
    await r.send(name)
    await r.press(kind)
    await r.send(amount)
    if number is None:
        await r.press("Passer")
    else:
        await r.send(number)
    if due.startswith("@"):
        await r.press(due[1:])
        await r.send(issue)
    else:
        await r.send(due)
    await r.press(step)
    if step != "Rien encore":
        await r.send(step_date)
        await r.press(reaction)
        for answer in follow_up:
            await (r.press(answer[1:]) if answer.startswith("@") else r.send(answer))
    if step == "Rien encore" or reaction != "A payé une partie":
        await r.press("Oui" if paid else "Non")
        for answer in paid:
            await r.send(answer)
    if _asks_signature(r):
        await (r.send(signature) if signature else r.press("Passer"))
    if "joindre" in (r.chat.last_text or ""):  # the contact, asked once after the name
        await r.send("julie@studio-moreau.fr")


def _asks_signature(r: Recorder) -> bool:
    return "Pour signer vos messages" in (r.chat.last_text or "")


async def intake_business(r: Recorder) -> None:
    r.note("A new user, a business client, a courteous reminder already sent three weeks ago.")
    await r.send("/start")
    await intake(r)
    r.note("The user sends the message by e-mail, then tells the bot.")
    await r.press("Je l'ai envoyé")


async def intake_consumer(r: Recorder) -> None:
    r.note("A private client, no invoice number, a due date typed in words, nothing done yet.")
    await intake(
        r,
        name="M. Bernard",
        kind="Un particulier",
        amount="480",
        number=None,
        due="il y a 3 semaines",
        step="Rien encore",
    )


async def intake_public(r: Recorder) -> None:
    r.note("A public body, only the invoice date known, a firm reminder sent yesterday.")
    await intake(
        r,
        name="Mairie de Saint-Aubin",
        kind="Un organisme public",
        amount="3 600 €",
        number="F-2026-009",
        due="@Je ne connais que la date de facture",
        step="Relance ferme",
        step_date="hier",
        paid=("1 000 €", "hier"),
    )


async def reaction_promise(r: Recorder) -> None:
    r.note("The client promised to pay on a given date.")
    await intake(r, reaction="A promis une date", follow_up=("30/11",))


async def reaction_dispute(r: Recorder) -> None:
    r.note("The client disputes the invoice.")
    await intake(r, reaction="Conteste", follow_up=("Le logo livré ne serait pas conforme",))


async def reaction_partial(r: Recorder) -> None:
    r.note("The client paid part of the invoice.")
    await intake(r, reaction="A payé une partie", follow_up=("500 €", "10/11/2026"))


async def bad_input(r: Recorder) -> None:
    r.note("Every wrong answer gets one sentence with an example, and the same question again.")
    await r.send("/nouveau")
    await r.send("Atelier Dupuis")
    await r.send("je sais pas")
    r.note("A typed answer that names a button counts as that button.")
    await r.send("une boîte")
    await r.send("mille euros")
    await r.send("0")
    await r.send("1250")
    await r.send("F-7")
    await r.send("31/02/2026")
    await r.send("bientôt")
    await r.send("15/10/2026")
    await r.send("le rappel")
    await r.press("Rappel courtois")
    await r.send("demain")
    await r.send("02/11")
    await r.press("Pas de réponse")
    await r.send("non")
    await r.press("Passer")


async def cancel(r: Recorder) -> None:
    r.note("/annuler in the middle of the intake; then a message outside any question.")
    await r.send("/nouveau")
    await r.send("Atelier Dupuis")
    await r.press("Une entreprise")
    await r.send("/annuler")
    await r.send("Bonjour")
    r.note("A risky intention typed freely gets a warning and the lawful alternative.")
    await r.send("je vais publier son nom sur Facebook pour qu'il paie")


async def channels(r: Recorder) -> None:
    r.note("The same step as an SMS, then as a phone call script.")
    await intake(r)
    await r.press("SMS")
    await r.press("Script d'appel")


async def cases(r: Recorder) -> None:
    r.recording = False
    await intake(r)
    await intake(
        r,
        name="M. Bernard",
        kind="Un particulier",
        amount="480",
        number=None,
        due="01/11/2026",
        step="Rien encore",
    )
    r.recording = True
    r.note("Two cases were created with /nouveau beforehand (Atelier Dupuis, M. Bernard).")
    await r.send("/dossiers")
    await r.press("Atelier Dupuis")
    r.note("A payment of 400 € arrived last Friday.")
    await r.press("Paiement reçu")
    await r.send("400")
    await r.send("20/11")
    await r.press("Voir le dossier")


async def free_text(r: Recorder) -> None:
    r.recording = False
    await intake(r)
    await intake(r, name="Studio Lumen", amount="2 477,55", number="F-2026-118")
    r.recording = True
    r.note("Two cases were created with /nouveau beforehand (Atelier Dupuis, Studio Lumen).")
    await r.send("Studio Lumen m'a viré 500€ hier")
    await r.press("Oui")
    await r.send("combien il me doit dupuis ?")
    await r.send("je l'ai relancé par mail ce matin, relance ferme")
    await r.press("Atelier Dupuis")
    await r.press("Oui")
    await r.send("merci !")


async def forwarded_reply(r: Recorder) -> None:
    r.recording = False
    await intake(r)
    r.recording = True
    r.note("One case (Atelier Dupuis, F-2026-014); the user forwards the client's e-mail.")
    await r.forward(
        "Bonjour, nous vous réglerons la facture F-2026-014 vendredi. Cordialement, J. Dupuis"
    )
    await r.press("Oui")


async def profile(r: Recorder) -> None:
    await r.send("/profil")
    await r.press("Nom")
    await r.send("Julie Moreau")
    await r.press("Entreprise")
    await r.send("Studio Moreau")
    await r.press("IBAN")
    await r.send("FR76 3000 6000 0112 3456 7890 189")


async def reminders(r: Recorder) -> None:
    await r.send("/rappels")
    await r.press("Désactiver")
    await r.press("Activer")
    await r.press("Autre heure")
    await r.send("8h30")
    await r.send("14h")


async def my_data(r: Recorder) -> None:
    r.recording = False
    await intake(r)
    r.recording = True
    r.note("One case was created with /nouveau beforehand.")
    await r.send("/mesdonnees")
    await r.send("/supprimer")
    await r.press("Non")
    await r.send("/supprimer")
    await r.press("Oui, tout supprimer")
    await r.send("/dossiers")


@dataclass(frozen=True)
class Dialog:
    name: str
    title: str
    summary: str
    run: Callable[[Recorder], Awaitable[None]]


DIALOGS = [
    Dialog(
        "01_intake_business",
        "Intake: a business client",
        '/start, the full intake, signature, the answer, "Je l\'ai envoyé".',
        intake_business,
    ),
    Dialog(
        "02_intake_consumer",
        "Intake: a private client",
        "Number skipped, a due date in words, nothing done yet.",
        intake_consumer,
    ),
    Dialog(
        "03_intake_public",
        "Intake: a public body",
        "Only the invoice date known; a firm reminder sent yesterday.",
        intake_public,
    ),
    Dialog(
        "04_reaction_promise",
        "Reaction: a promised date",
        "The client promised to pay on 30 November.",
        reaction_promise,
    ),
    Dialog(
        "05_reaction_dispute",
        "Reaction: a dispute",
        "The client disputes the invoice.",
        reaction_dispute,
    ),
    Dialog(
        "06_reaction_partial",
        "Reaction: a partial payment",
        "500 € already received.",
        reaction_partial,
    ),
    Dialog(
        "07_bad_input",
        "Bad input, asked again",
        "Wrong answers at several questions.",
        bad_input,
    ),
    Dialog(
        "08_cancel_and_free_text",
        "/annuler and free text",
        "Cancelling mid-intake; idle text; a risky intention.",
        cancel,
    ),
    Dialog(
        "09_channels",
        "Other channels",
        "The message as an SMS and as a call script.",
        channels,
    ),
    Dialog(
        "10_cases_and_payment",
        "/dossiers, a case card, a payment",
        "The list, one card, recording a payment.",
        cases,
    ),
    Dialog("11_profile", "/profil", "Name, business, IBAN.", profile),
    Dialog("12_reminders", "/rappels", "Off, on, another hour.", reminders),
    Dialog(
        "13_my_data",
        "/mesdonnees and /supprimer",
        "The JSON export, then deleting everything.",
        my_data,
    ),
    Dialog(
        "14_free_text",
        "Free text",
        "A payment, a question and a contact typed as one would, each confirmed by a tap.",
        free_text,
    ),
    Dialog(
        "15_forwarded_reply",
        "A forwarded client reply",
        "The client's e-mail forwarded: read as their promise, recorded after a tap.",
        forwarded_reply,
    ),
]


# --- running ----------------------------------------------------------------------------------


class _Errors(logging.Handler):
    """Collects errors logged by the bot: a transcript showing an apology is a bug."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


async def record(dialog: Dialog, workdir: Path) -> str:
    """Run one dialog on a fresh database; return its Markdown transcript."""
    url = f"sqlite:///{workdir / (dialog.name + '.sqlite3')}"
    upgrade(url)
    db = Database(url)
    settings = load_settings({"DATABASE_URL": url})
    services = Services.create(db, settings, FixedClock(NOW))
    request = StandinRequest()
    app = offline_application(settings, services, request)
    try:
        async with app:
            recorder = Recorder(LocalChat(app, request, USER_ID, first_name="Julie"))
            await dialog.run(recorder)
    finally:
        await db.dispose()
    head = [
        f"# {dialog.title}",
        "",
        f"{dialog.summary} Recorded on Monday 23 November 2026 at 10:00 (Paris time).",
        "Generated by `scripts/make_transcripts.py`: do not edit by hand.",
        "",
    ]
    return "\n".join(head + recorder.lines).rstrip("\n") + "\n"


def index(dialogs: list[Dialog]) -> str:
    lines = [
        "# Transcripts",
        "",
        "The bot's main dialogs, as a user sees them: 👤 what the user typed, 👆 [..] a button",
        "they tapped, then the bot's messages in text blocks (bold as `*x*`, italics as `_x_`,",
        "the copyable message between two rules, buttons numbered `[1]`, `[2]`…).",
        "",
        "Regenerate with `python scripts/make_transcripts.py` (real `Application`, in-process",
        "Bot API stand-in, fixed clock); `tests/test_transcripts.py` fails when these files",
        "differ from a fresh run.",
        "",
    ]
    lines += [f"- [{d.title}]({d.name}.md): {d.summary}" for d in dialogs]
    return "\n".join(lines) + "\n"


async def generate(out: Path, dialogs: list[Dialog] | None = None) -> list[Path]:
    """Write every transcript and the README index into `out`; return the files written."""
    dialogs = DIALOGS if dialogs is None else dialogs
    out.mkdir(parents=True, exist_ok=True)
    errors = _Errors()
    logging.getLogger().addHandler(errors)
    written: list[Path] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for dialog in dialogs:
                path = out / f"{dialog.name}.md"
                path.write_text(await record(dialog, Path(tmp)), encoding="utf-8")
                written.append(path)
    finally:
        logging.getLogger().removeHandler(errors)
    if errors.records:
        raise RuntimeError(f"the bot logged errors: {[r.getMessage() for r in errors.records]}")
    readme = out / "README.md"
    readme.write_text(index(dialogs), encoding="utf-8")
    return [*written, readme]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    for path in asyncio.run(generate(args.out)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
