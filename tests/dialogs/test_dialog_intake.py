"""`/nouveau` through the real Application and the in-process Bot API stand-in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.domain.facts import ResponseKind, Step
from tests.support import dialog_fixtures

bot_env = dialog_fixtures.bot_env

ME, OTHER = 1001, 2002


async def intake(
    chat,
    *,
    name="Atelier Dupuis",
    kind="Une entreprise",
    amount="1 250,50 €",
    number="F-12",
    due="15/10/2026",
    step="Rien encore",
    step_date="02/11/2026",
    reaction=None,
    follow_up=None,
    paid=None,
    signature="Julie Moreau — Studio Moreau",
    contact="julie@studio-moreau.fr",
):
    await chat.send("/nouveau")
    await chat.send(name)
    await chat.press(kind)
    await chat.send(amount)
    if number is None:
        await chat.press("Passer")
    else:
        await chat.send(number)
    await chat.send(due)
    await chat.press(step)
    if step != "Rien encore":
        await chat.send(step_date)
        await chat.press(reaction or "Pas de réponse")
        for text in follow_up or []:
            if text == "PASSER":
                await chat.press("Passer")
            else:
                await chat.send(text)
    if reaction != "A payé une partie":  # a part already paid? (amount, date) or "Non"
        await chat.press("Oui" if paid else "Non")
        for text in paid or ():
            await chat.send(text)
    if signature == "PASSER":
        return await chat.press("Passer")
    calls = await chat.send(signature)
    if "joindre" in (chat.last_text or ""):  # the contact, asked once after the name (§6)
        return await chat.send(contact)
    return calls


async def test_full_intake_gives_card_and_ready_message(bot_env):
    chat = bot_env.chat(ME)
    await chat.send("/start")
    assert "information générale, pas un conseil juridique" in chat.last_text
    calls = await intake(chat)
    texts = "\n".join(c.plain_text or "" for c in calls if c.is_message)
    assert "Atelier Dupuis" in texts
    assert "relance ferme" in texts.lower() or "rappel courtois" in texts.lower()
    assert "1 250,50 €" in texts
    assert "Intérêts de retard" in texts and "40,00 €" in texts
    assert "Votre message prêt à envoyer" in texts
    labels = chat.button_labels()
    assert "✅ Je l'ai envoyé" in labels and "💶 Paiement reçu" in labels
    cases = await bot_env.services.repo.list_open_cases(ME)
    assert len(cases) == 1
    assert cases[0].case.invoice.amount == Decimal("1250.50")
    assert cases[0].case.invoice.number == "F-12"
    user = await bot_env.services.repo.get_user(ME)
    assert user.full_name == "Julie Moreau" and user.business_name == "Studio Moreau"
    assert user.email == "julie@studio-moreau.fr" and "julie@studio-moreau.fr" in texts
    # the draft is gone once the answer is shown
    assert await bot_env.services.repo.list_conversations(ME) == []


async def test_sent_button_records_the_contact(bot_env):
    chat = bot_env.chat(ME)
    # firm reminder sent on 2 Nov, due 15 Oct, no answer: the final notice is due today
    await intake(chat, step="Relance ferme", step_date="02/11/2026", signature="PASSER")
    await chat.press("✅ Je l'ai envoyé")
    assert "C'est noté" in chat.last_text
    [stored] = await bot_env.services.repo.list_open_cases(ME)
    assert [c.step for c in stored.case.contacts] == [Step.FIRM_REMINDER, Step.FINAL_NOTICE]
    assert stored.case.contacts[-1].date == bot_env.clock.today()


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ("Rappel avant échéance", Step.PREVENTIVE_REMINDER),
        ("Rappel courtois", Step.FRIENDLY_REMINDER),
        ("Relance ferme", Step.FIRM_REMINDER),
        ("Dernier avis amiable", Step.FINAL_NOTICE),
        ("Mise en demeure (LRAR)", Step.FORMAL_NOTICE),
        ("Un appel seulement", Step.CALL),
    ],
)
async def test_each_prior_step_is_recorded(bot_env, step, expected):
    chat = bot_env.chat(ME)
    calls = await intake(chat, step=step, step_date="01/11/2026", signature="PASSER")
    assert any(c.is_message for c in calls)
    [stored] = await bot_env.services.repo.list_open_cases(ME)
    [contact] = stored.case.contacts
    assert contact.step is expected
    assert contact.date.isoformat() == "2026-11-01"


@pytest.mark.parametrize(
    ("reaction", "follow_up", "kind", "stage_word"),
    [
        ("Pas de réponse", [], None, None),
        ("A promis une date", ["30/11/2026"], ResponseKind.PROMISE, "attente"),
        ("Conteste", ["le livrable serait incomplet"], ResponseKind.DISPUTE, "contestation"),
        ("Conteste", ["PASSER"], ResponseKind.DISPUTE, "contestation"),
        ("Dit avoir payé", [], ResponseKind.CLAIMS_PAID, "vérifier"),
        ("Des difficultés", [], ResponseKind.HARDSHIP, "échéancier"),
        ("Refuse de payer", [], ResponseKind.REFUSAL, "mise en demeure"),
        ("A payé une partie", ["500", "10/11/2026"], None, None),
    ],
)
async def test_each_reaction(bot_env, reaction, follow_up, kind, stage_word):
    chat = bot_env.chat(ME)
    calls = await intake(
        chat, step="Rappel courtois", reaction=reaction, follow_up=follow_up, signature="PASSER"
    )
    texts = "\n".join(c.plain_text or "" for c in calls if c.is_message).lower()
    [stored] = await bot_env.services.repo.list_open_cases(ME)
    if kind is None:
        assert stored.case.responses == ()
    else:
        assert [r.kind for r in stored.case.responses] == [kind]
    if stage_word:
        assert stage_word in texts
    assert stored.case.invoice.amount == Decimal("1250.50")
    if reaction == "A payé une partie":  # the invoice's amount stays, the part is a payment
        [payment] = stored.case.payments
        assert (payment.amount, payment.date) == (Decimal("500.00"), date(2026, 11, 10))
        assert "750,50 €" in texts
    else:
        assert stored.case.payments == ()


async def test_the_amount_asked_is_the_invoices_not_the_rest(bot_env):
    """A part already paid is recorded as a payment, so the amount asked is the invoice's."""
    chat = bot_env.chat(ME)
    await chat.send("/nouveau")
    await chat.send("Atelier Dupuis")
    await chat.press("Une entreprise")
    asked = chat.last_text or ""
    assert "montant TTC de la facture" in asked and "restant dû" not in asked


BAD_INPUTS = [
    # (answers before the bad one, bad input, expected words in the reply)
    ([], "x" * 200, "entre 1 et 120"),
    (["Client"], "je sais pas", "boutons"),
    (["Client", "@Une entreprise"], "mille euros", "pas compris ce montant"),
    (["Client", "@Une entreprise"], "0", "supérieur à zéro"),
    (["Client", "@Une entreprise", "100"], "N" * 60, "trop long"),
    (["Client", "@Une entreprise", "100", "F1"], "31/02/2026", "n'existe pas"),
    (["Client", "@Une entreprise", "100", "F1"], "bientôt", "pas compris cette date"),
    (
        ["Client", "@Une entreprise", "100", "F1", "@Je ne connais que la date de facture"],
        "12/12/2026",
        "futur",
    ),
    (["Client", "@Une entreprise", "100", "F1", "01/10/2026"], "euh", "boutons"),
    (
        ["Client", "@Une entreprise", "100", "F1", "01/10/2026", "@Rappel courtois"],
        "demain",
        "futur",
    ),
    (
        ["Client", "@Une entreprise", "100", "F1", "01/10/2026", "@Rappel courtois", "hier"],
        "bof",
        "boutons",
    ),
    (
        [
            "Client",
            "@Une entreprise",
            "100",
            "F1",
            "01/10/2026",
            "@Rappel courtois",
            "hier",
            "@A promis une date",
        ],
        "01/01/2026",
        "déjà passée",
    ),
    (
        [
            "Client",
            "@Une entreprise",
            "100",
            "F1",
            "01/10/2026",
            "@Rappel courtois",
            "hier",
            "@A payé une partie",
        ],
        "100",
        "inférieur au montant",
    ),
    (
        [
            "Client",
            "@Une entreprise",
            "100",
            "F1",
            "01/10/2026",
            "@Rappel courtois",
            "hier",
            "@A payé une partie",
            "50",
        ],
        "n'importe quand",
        "pas compris cette date",
    ),
]


async def _answer(chat, answers):
    await chat.send("/nouveau")
    for answer in answers:
        if answer.startswith("@"):
            await chat.press(answer[1:])
        else:
            await chat.send(answer)


@pytest.mark.parametrize(("answers", "bad", "words"), BAD_INPUTS)
async def test_bad_input_is_explained_and_asked_again(bot_env, answers, bad, words):
    chat = bot_env.chat(ME)
    await _answer(chat, answers)
    state_before = await bot_env.services.repo.list_conversations(ME)
    calls = await chat.send(bad)
    replies = [c for c in calls if c.is_message]
    assert len(replies) == 1, [c.plain_text for c in replies]
    assert words in replies[0].plain_text
    # the answers given so far are kept, the question stays the same
    assert await bot_env.services.repo.list_conversations(ME) == state_before


@pytest.mark.parametrize("depth", range(len(BAD_INPUTS[-1][0]) + 1))
async def test_annuler_at_every_step(bot_env, depth):
    chat = bot_env.chat(ME)
    await _answer(chat, BAD_INPUTS[-1][0][:depth])
    await chat.send("/annuler")
    assert "annulé" in chat.last_text
    assert await bot_env.services.repo.list_conversations(ME) == []
    assert await bot_env.services.repo.list_open_cases(ME) == []
    await chat.send("Client")  # back to idle: not taken as an answer
    assert "Je n'attends pas de réponse" in chat.last_text


async def test_guard_warns_at_a_question_and_asks_again(bot_env):
    chat = bot_env.chat(ME)
    await _answer(chat, ["Client", "@Une entreprise"])
    calls = await chat.send("je vais le balancer sur insta")
    text = "\n".join(c.plain_text for c in calls if c.is_message)
    assert "Attention" in text
    await chat.send("300")
    assert "numéro de la facture" in chat.last_text


async def test_two_users_interleaved(bot_env):
    me, other = bot_env.chat(ME), bot_env.chat(OTHER)
    await me.send("/nouveau")
    await other.send("/nouveau")
    await me.send("Client A")
    await other.send("Client B")
    await me.press("Une entreprise")
    await other.press("Un particulier")
    await me.send("100")
    await other.send("200")
    assert "numéro" in me.last_text and "numéro" in other.last_text
    for chat in (me, other):
        await chat.press("Passer")
        await chat.send("01/10/2026")
        await chat.press("Rien encore")
        await chat.press("Non")  # no part paid yet
        await chat.press("Passer")
    [mine] = await bot_env.services.repo.list_open_cases(ME)
    [theirs] = await bot_env.services.repo.list_open_cases(OTHER)
    assert (mine.case.debtor.name, mine.case.invoice.amount) == ("Client A", Decimal("100.00"))
    assert (theirs.case.debtor.name, theirs.case.invoice.amount) == ("Client B", Decimal("200.00"))


async def test_restart_mid_intake_resumes(bot_env):
    chat = bot_env.chat(ME)
    await _answer(chat, ["Client", "@Une entreprise", "480"])
    assert "numéro de la facture" in chat.last_text
    await bot_env.restart()  # a new Application on the same database
    chat = bot_env.chat(ME)
    await chat.send("F-99")
    assert "échéance" in chat.last_text
    await chat.send("01/10/2026")
    await chat.press("Rien encore")
    await chat.press("Non")  # no part paid yet
    await chat.press("Passer")
    [stored] = await bot_env.services.repo.list_open_cases(ME)
    assert stored.case.invoice.amount == Decimal("480.00")
    assert stored.case.invoice.number == "F-99"


async def test_forged_answer_buttons_reveal_nothing(bot_env):
    me, other = bot_env.chat(ME), bot_env.chat(OTHER)
    await intake(me, signature="PASSER")
    await other.send("/start")
    [mine] = await bot_env.services.repo.list_open_cases(ME)
    for data in (
        f"a:{mine.id}:ch:sms",
        f"a:{mine.id}:pdf",
        f"a:{mine.id}:sent:firm_reminder:email",
        "a:999999:ch:sms",
        "a:abc:ch:sms",
        "zzz",
    ):
        calls = await other.press_data(data)
        text = "\n".join(c.plain_text or "" for c in calls if c.is_message)
        assert "Atelier Dupuis" not in text and "1 250" not in text
        assert "plus actif" in text
    [mine_after] = await bot_env.services.repo.list_open_cases(ME)
    assert mine_after.case.contacts == mine.case.contacts


async def test_a_part_already_paid_is_a_payment_and_the_balance_is_what_remains(bot_env):
    chat = bot_env.chat(ME)
    calls = await intake(chat, paid=("400", "01/11/2026"))
    texts = "\n".join(c.plain_text or "" for c in calls if c.is_message)
    [stored] = await bot_env.services.repo.list_open_cases(ME)
    assert [(p.date, p.amount) for p in stored.case.payments] == [
        (date(2026, 11, 1), Decimal("400.00"))
    ]
    assert stored.case.invoice.amount == Decimal("1250.50")
    assert "850,50 €" in texts  # reste dû: the invoice less the part paid


async def test_nouveau_inside_an_intake_says_the_answers_so_far_are_dropped(bot_env):
    """DESIGN §9: a command in the middle of a dialog says what happens to the answers."""
    chat = bot_env.chat(ME)
    await chat.send("/nouveau")
    await chat.send("Atelier <Dupuis>")
    calls = await chat.send("/nouveau")
    said = [c.plain_text or "" for c in calls if c.is_message]
    assert said[0] == (
        "Le dossier commencé pour Atelier <Dupuis> est abandonné : ses réponses sont effacées,"
        " et nous recommençons."
    )
    assert "nom du client" in said[-1]
    await chat.send("/nouveau")  # nothing answered yet: nothing to say
    assert chat.last_text.startswith("Nouvelle facture impayée")
