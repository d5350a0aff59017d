"""`python -m bot chat`: scripted terminal sessions (a real subprocess reading stdin) and the
terminal rendering of bot/local/terminal.py."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from bot.local.bot_api import BotCall, UploadedFile
from bot.local.terminal import (
    RULE,
    Transcript,
    flat_buttons,
    format_buttons,
    html_to_text,
    parse_press,
    save_document,
)

ROOT = Path(__file__).resolve().parents[2]


def run_chat(
    tmp_path: Path, lines: list[str], *args: str, db: Path | None = None
) -> tuple[int, str, str]:
    """Run `python -m bot chat ARGS` in `tmp_path` with `lines` on stdin."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db or tmp_path / 'relance.sqlite3'}",
        "PYTHONPATH": str(ROOT),
        "PYTHONIOENCODING": "utf-8",
        "NO_COLOR": "1",
    }
    env.pop("TELEGRAM_BOT_TOKEN", None)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat", *args],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=env,
        timeout=180,
    )
    return done.returncode, done.stdout, done.stderr


def chunks(stdout: str) -> list[tuple[str, str]]:
    """The transcript as (what the user typed, what was printed after it); the first
    pair has the input "" (banner and digest)."""
    pairs: list[tuple[str, str]] = []
    typed, buffer = "", []
    for line in stdout.split("\n"):
        if line.startswith("› "):
            pairs.append((typed, "\n".join(buffer)))
            typed, buffer = line[2:], []
        else:
            buffer.append(line)
    pairs.append((typed, "\n".join(buffer)))
    return pairs


INTAKE = [
    "/start",
    "/nouveau",
    "Studio Martin",
    "#1",  # Une entreprise
    "1 250",
    "#1",  # Passer (no invoice number)
    "23/09/2026",  # due two months ago
    "#5",  # Dernier avis amiable
    "02/11/2026",  # three weeks ago
    "#1",  # Pas de réponse
    "#2",  # Non (no part paid yet)
    "#1",  # Passer (signature)
]


@pytest.mark.slow
def test_full_session_then_another_user_sees_nothing(tmp_path: Path) -> None:
    script = [
        *INTAKE,
        "#3",  # 💬 SMS on the ready message
        "Julie Moreau",  # asked once: who signs
        "06 12 34 56 78",  # asked once: how the client reaches the sender
        "#1",  # 📋 Copier le message (the SMS fits a copy button)
        "#6",  # 📄 Lettre PDF
        "12 rue des Lilas, 69003 Lyon",  # asked once: the sender's address (city from it)
        "8 avenue Foch, 75016 Paris",  # asked once: the client's address
        "#1",  # Passer (the optional contact person)
        "#42",  # no such button
        "/dossiers",
        "/quitter",
        "/aide",  # after /quitter: never read
    ]
    code, out, err = run_chat(tmp_path, script, "--today", "2026-11-23")
    assert code == 0, err
    steps = chunks(out)
    typed = [t for t, _ in steps[1:]]
    assert typed == script[: script.index("/quitter") + 1]
    said = dict(steps)  # last occurrence of each input wins; look at them by position
    banner = steps[0][1]
    assert "utilisateur 1" in banner and "23 novembre 2026" in banner
    assert "Rappel du 23 novembre 2026" in banner  # --today shows that morning's digest

    def reply(i: int) -> str:
        return steps[i + 1][1]

    assert "Relance" in reply(0)  # /start
    assert "[1] Une entreprise" in reply(2)
    assert "(message modifié) → *Une entreprise*" in reply(3)
    assert "[5] Dernier avis amiable" in reply(6)
    ready = reply(11)
    assert "Studio Martin" in ready
    assert "Étape : mise en demeure" in ready
    assert "Votre message prêt à envoyer" in ready
    assert ready.count(RULE) == 2  # the copyable block is framed
    assert "[3] 💬 SMS" in ready and "[5] 📄 Lettre PDF" in ready

    assert "quel nom" in reply(12) and "joindre" in reply(13)
    sms = reply(14)
    assert "(SMS)" in sms and "Julie Moreau" in sms
    assert "[1] 📋 Copier le message" in sms and "[6] 📄 Lettre PDF" in sms
    copied = reply(15)
    assert copied.startswith("(copié)") and "1 315,38 €" in copied

    assert "adresse postale" in reply(16) and "adresse postale" in reply(17)
    assert "facultative" in reply(18)
    pdf_reply = reply(19)
    found = re.search(r"📎 (\S+\.pdf) \(\d+ octets\) → (.+)", pdf_reply)
    assert found, pdf_reply
    pdf_path = tmp_path / found[2].strip()
    assert pdf_path.parent == tmp_path / "data" / "chat-files"
    data = pdf_path.read_bytes()
    assert data.startswith(b"%PDF")
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    assert "mise en demeure" in text.lower()
    assert "Studio Martin" in text and "8 avenue Foch" in text and "Lyon, le " in text

    assert "Pas de bouton #42" in reply(20)
    assert "Studio Martin" in reply(21)  # /dossiers
    assert out.rstrip().endswith("Au revoir.")
    assert "/aide" not in said

    # The same database, another Telegram user: nothing of user 1's case.
    code, out2, err2 = run_chat(
        tmp_path, ["/dossiers", "/mesdonnees"], "--user", "2", "--files", "u2"
    )
    assert code == 0, err2
    steps2 = chunks(out2)
    assert "utilisateur 2" in steps2[0][1]
    assert "Studio Martin" not in out2
    assert "aucun dossier" in steps2[1][1]
    export = json.loads((tmp_path / "u2" / "relance-mes-donnees.json").read_text("utf-8"))
    assert export["user"]["telegram_user_id"] == 2
    assert export["cases"] == []
    assert out2.rstrip().endswith("Au revoir.")  # end of input ends the session cleanly

    # User 1 again, the next day: the case is still there and the digest lists it.
    code, out3, err3 = run_chat(tmp_path, ["/dossiers"], "--today", "2026-11-24")
    assert code == 0, err3
    steps3 = chunks(out3)
    assert "Rappel du 24 novembre 2026" in steps3[0][1]
    assert "Studio Martin" in steps3[0][1]
    assert "Studio Martin" in steps3[1][1]


def test_bad_arguments_and_database(tmp_path: Path) -> None:
    code, _, err = run_chat(tmp_path, [], "--today", "23/11/2026")
    assert code == 2 and "YYYY-MM-DD" in err
    env_db = tmp_path / "not-a-dir.txt"
    env_db.write_text("x")
    code, _, err = run_chat(tmp_path, [], db=env_db / "sub" / "db.sqlite3")
    assert code == 2 and "DATABASE_URL" in err


# --- bot/local/terminal.py ----------------------------------------------------------------------


def test_html_to_text_emphasis_entities_and_links() -> None:
    text = html_to_text(
        "👉 <b>Étape : relance</b> &amp; <i>note</i> &lt;x&gt; <code>15/10</code> "
        '<a href="https://example.org">site</a> <strong>fort</strong>'
    )
    assert text == "👉 *Étape : relance* & _note_ <x> 15/10 site (https://example.org) *fort*"
    assert html_to_text("<b>a</b>", emphasis=False) == "a"
    assert html_to_text("<b>a</b>", ansi=True) == "\x1b[1ma\x1b[22m"


def test_html_to_text_frames_the_pre_block_without_emphasis_inside() -> None:
    text = html_to_text("✉️ <b>Prêt</b>\n<pre>Objet : <b>x</b>\n\nBonjour &amp; merci</pre>")
    assert text == f"✉️ *Prêt*\n{RULE}\nObjet : x\n\nBonjour & merci\n{RULE}"
    quoted = html_to_text("Avant<blockquote>un\ndeux</blockquote>")
    assert quoted == "Avant\n│ un\n│ deux"


def test_buttons_numbered_across_rows() -> None:
    keyboard = [
        [{"text": "📋 Copier", "copy_text": {"text": "x"}}],
        [{"text": "📧 E-mail", "callback_data": "a"}, {"text": "💬 SMS", "callback_data": "b"}],
        [{"text": "Aide", "url": "https://example.org"}],
    ]
    assert format_buttons(keyboard) == (
        "  [1] 📋 Copier\n  [2] 📧 E-mail  [3] 💬 SMS\n  [4] Aide (https://example.org)"
    )
    assert flat_buttons(keyboard)[2]["text"] == "💬 SMS"
    assert format_buttons([]) == ""


@pytest.mark.parametrize(
    ("line", "number"),
    [("#2", 2), (" #12 ", 12), ("# 3", 3), ("#", None), ("#a", None), ("2", None), ("a #2", None)],
)
def test_parse_press(line: str, number: int | None) -> None:
    assert parse_press(line) == number


def _call(method: str, message_id: int, **params: object) -> BotCall:
    return BotCall(method, {"chat_id": 1, **params}, result={"message_id": message_id})


def test_transcript_shows_edits_as_what_changed() -> None:
    view = Transcript()
    markup = {"inline_keyboard": [[{"text": "Oui", "callback_data": "y"}]]}
    first = view.render(
        _call("sendMessage", 5, text="<b>Question ?</b>", parse_mode="HTML", reply_markup=markup)
    )
    assert first == "*Question ?*\n  [1] Oui"
    edited = view.render(
        _call("editMessageText", 5, text="Question ?\n→ <b>Oui</b>", parse_mode="HTML")
    )
    assert edited == "(message modifié) → *Oui*"
    rewritten = view.render(_call("editMessageText", 5, text="Autre chose", parse_mode="HTML"))
    assert rewritten == "(message modifié)\nAutre chose"
    assert view.render(BotCall("answerCallbackQuery", {"callback_query_id": "1"})) is None
    toast = BotCall("answerCallbackQuery", {"callback_query_id": "1", "text": "Noté"})
    assert view.render(toast) == "(notification) Noté"
    failed = _call("sendMessage", 6, text="x")
    failed.ok = False
    assert view.render(failed) is None


def test_documents_are_saved_and_announced(tmp_path: Path) -> None:
    upload = UploadedFile("document", "../../evil/lettre.pdf", b"%PDF-1.4 test", "application/pdf")
    path = save_document(upload, tmp_path / "files")
    assert path == tmp_path / "files" / "lettre.pdf"
    assert path.read_bytes() == b"%PDF-1.4 test"
    call = BotCall(
        "sendDocument",
        {"chat_id": 1, "caption": "À <b>imprimer</b>", "parse_mode": "HTML"},
        result={"message_id": 9},
        files={"document": upload},
    )
    shown = Transcript().render(call, path)
    assert shown == f"📎 lettre.pdf (13 octets) → {path}\nÀ *imprimer*"


def test_a_file_sent_from_the_terminal_is_read_as_an_invoice(tmp_path: Path) -> None:
    from tests.support.invoice_plain import classic

    (tmp_path / "facture.pdf").write_bytes(classic())
    script = ["/start", "+ facture.pdf", "#1", "+ absent.pdf"]
    code, out, err = run_chat(tmp_path, script, "--today", "2026-11-23")
    assert code == 0, err
    steps = dict(chunks(out)[1:])
    assert "Facture 2026-041 — Atelier Dupuis SARL (SIREN 552 100 554)" in steps["+ facture.pdf"]
    assert "Atelier Dupuis SARL* est" in steps["#1"]  # the kind: not on an invoice
    assert "Impossible de lire absent.pdf" in steps["+ absent.pdf"]


def test_annuaire_looks_the_client_up_in_the_local_standin(tmp_path: Path) -> None:
    script = ["/nouveau", "Studio Lumen", "#1"]
    code, out, err = run_chat(tmp_path, script, "--today", "2026-11-30", "--annuaire")
    assert code == 0, err
    assert "Je cherche *Studio Lumen* dans l'annuaire des entreprises…" in out
    assert "STUDIO LUMEN · PARIS 11 · 830 124 574" in out
    assert "*Studio Lumen est en redressement judiciaire*" in out
