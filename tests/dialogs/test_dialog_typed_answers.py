"""Typed answers at the intake's button steps count as the button they name (DESIGN §9);
a typed answer that names nothing is asked again with the buttons shown again. New date and
amount forms are accepted at the typed questions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.domain.facts import DebtorKind, ResponseKind, Step
from tests.support import dialog_fixtures

bot_env = dialog_fixtures.bot_env

ME = 1001


async def _to_done_step(chat, *, kind: str = "une entreprise", due: str = "15/10/2026") -> None:
    await chat.send("/nouveau")
    await chat.send("Atelier Dupuis")
    await chat.send(kind)
    await chat.send("850 HT")
    await chat.press("Pas de TVA")
    await chat.press("Passer")
    await chat.send(due)


async def _only_case(env):
    cases = await env.services.repo.list_open_cases(ME)
    assert len(cases) == 1
    return cases[0].case


async def test_typed_kind_nothing_done(bot_env):
    chat = bot_env.chat(ME)
    await _to_done_step(chat, kind="Un particulier")
    assert "déjà" in chat.last_text.lower() or "fait" in chat.last_text.lower()
    await chat.send("rien encore")
    await chat.send("non")  # no part paid yet
    await chat.send("Julie Moreau")
    case = await _only_case(bot_env)
    assert case.debtor.kind == DebtorKind.CONSUMER
    assert case.invoice.amount == Decimal("850.00")
    assert case.contacts == ()


async def test_typed_step_and_promise_with_its_date(bot_env):
    chat = bot_env.chat(ME)
    await _to_done_step(chat)
    await chat.send("une relance ferme")
    await chat.send("avant-hier")
    await chat.send("il a promis de payer vendredi")
    await chat.send("non")  # no part paid yet
    await chat.send("Julie Moreau")
    case = await _only_case(bot_env)
    assert case.debtor.kind == DebtorKind.BUSINESS
    assert [(c.step, c.date) for c in case.contacts] == [(Step.FIRM_REMINDER, date(2026, 11, 21))]
    assert [(r.kind, r.promised_date) for r in case.responses] == [
        (ResponseKind.PROMISE, date(2026, 11, 27))
    ]


async def test_typed_dispute_keeps_the_words_as_note(bot_env):
    chat = bot_env.chat(ME)
    await _to_done_step(chat, due="fin octobre")
    await chat.send("rappel courtois")
    await chat.send("ce matin")
    await chat.send("il conteste, il dit que le site n'est pas fini")
    await chat.send("non")  # no part paid yet
    await chat.send("Julie Moreau")
    case = await _only_case(bot_env)
    assert case.invoice.due_date == date(2026, 10, 31)
    assert [(r.kind, r.note) for r in case.responses] == [
        (ResponseKind.DISPUTE, "il conteste, il dit que le site n'est pas fini")
    ]


async def test_unclear_typed_answers_show_the_buttons_again(bot_env):
    chat = bot_env.chat(ME)
    await chat.send("/nouveau")
    await chat.send("Atelier Dupuis")
    await chat.send("bof")
    assert "Une entreprise" in chat.button_labels()
    await chat.send("une association")
    await chat.send("1k")
    await chat.press("Passer")
    await chat.send("le 15")
    await chat.send("je sais pas trop")
    assert "Rien encore" in chat.button_labels()
    await chat.send("Un appel seulement")
    await chat.send("hier")
    await chat.send("hmm")
    assert "Pas de réponse" in chat.button_labels()
    await chat.send("pas de réponse")
    await chat.send("non")  # no part paid yet
    await chat.send("Julie Moreau")
    case = await _only_case(bot_env)
    assert case.invoice.amount == Decimal("1000.00")
    assert case.invoice.due_date == date(2026, 11, 15)
    assert [c.step for c in case.contacts] == [Step.CALL]
    assert case.responses == ()


async def _to_amount_step(chat) -> None:
    await chat.send("/nouveau")
    await chat.send("Atelier Dupuis")
    await chat.send("une entreprise")


async def test_amount_excl_vat_asks_once_and_takes_the_amount_with_vat(bot_env):
    chat = bot_env.chat(ME)
    await _to_amount_step(chat)
    await chat.send("850 HT")
    assert "850,00 € HT" in chat.last_text
    assert chat.button_labels() == ["TTC : saisir le montant TTC", "Pas de TVA"]
    await chat.press("TTC : saisir le montant TTC")
    assert "TTC" in chat.last_text
    await chat.send("1 020 €")
    await chat.press("Passer")
    await chat.send("15/10/2026")
    await chat.send("rien encore")
    await chat.send("non")  # no part paid yet
    await chat.send("Julie Moreau")
    assert (await _only_case(bot_env)).invoice.amount == Decimal("1020.00")


async def test_amount_excl_vat_without_vat_keeps_the_amount(bot_env):
    chat = bot_env.chat(ME)
    await _to_amount_step(chat)
    await chat.send("850 HT")
    await chat.send("je sais pas")  # neither an amount nor a button: asked again, buttons shown
    assert chat.button_labels() == ["TTC : saisir le montant TTC", "Pas de TVA"]
    await chat.press("Pas de TVA")
    await chat.press("Passer")
    await chat.send("15/10/2026")
    await chat.send("rien encore")
    await chat.send("non")  # no part paid yet
    await chat.send("Julie Moreau")
    assert (await _only_case(bot_env)).invoice.amount == Decimal("850.00")


async def test_amount_excl_vat_is_not_asked_under_vat_franchise(bot_env):
    chat = bot_env.chat(ME)
    await chat.send("/start")
    await bot_env.services.repo.update_profile(ME, vat_franchise=True)
    await _to_amount_step(chat)
    await chat.send("850 HT")
    assert "Pas de TVA" not in chat.button_labels()
    assert chat.button_labels() == ["Passer"]


async def test_a_name_of_invisible_characters_or_punctuation_is_asked_again(bot_env):
    """NUL, right-to-left marks, zero-width spaces or punctuation alone name nobody: asked
    again (a name of NULs used to pass, then fail at the last answer, every time)."""
    chat = bot_env.chat(ME)
    await chat.send("/nouveau")
    for typed in ("\x00", "\u200f\u200e", "\u200b", "!!!", "\x1b\x07"):
        await chat.send(typed)
        assert chat.last_text.startswith("Le nom doit contenir"), chat.last_text
    await chat.send("\u202eAtelier\x00 Dupuis")
    assert "Atelier Dupuis est" in chat.last_text  # the invisible characters dropped


def _own_buttons(chat) -> list[str]:
    """The labels on the latest message itself (not on an earlier one)."""
    markup = chat.messages[-1].params.get("reply_markup") or {}
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


async def test_a_bad_answer_shows_the_questions_buttons_again(bot_env):
    """DESIGN §9: say what was wrong, ask again, show the buttons again — at every bad
    answer, and the buttons shown again work."""
    chat = bot_env.chat(ME)
    await chat.send("/nouveau")
    await chat.send("Atelier Dupuis")
    await chat.send("une entreprise")
    await chat.send("850 €")
    assert "Passer" in chat.button_labels()  # the invoice number question
    for _ in range(2):
        await chat.send("F-" + "1" * 60)
        assert "trop long" in chat.last_text and _own_buttons(chat) == ["Passer"]
    await chat.send("/aide")  # something else said since: its buttons are not the question's
    await chat.send("F-" + "1" * 60)
    assert "trop long" in chat.last_text and _own_buttons(chat) == []
    await chat.send("F-12")
    assert "échéance" in chat.last_text
