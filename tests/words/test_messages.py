"""The words layer: every template renders, and the §6 content rules hold on the rendered text."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from bot.domain.assess import assess
from bot.domain.contract import case_from_json
from bot.domain.facts import (
    Assessment,
    Case,
    Channel,
    Contact,
    Debtor,
    DebtorKind,
    Insolvency,
    InsolvencyKind,
    Invoice,
    MessageChannel,
    Response,
    ResponseKind,
    Stage,
    Step,
)
from bot.domain.warnings import WARNING_CODES, WARNING_REFERENCES
from bot.words.messages import (
    SMS_LIMIT,
    STEP_FOR_STAGE,
    Message,
    Profile,
    channels_for,
    message_context,
    message_to_json,
    render_message,
    render_warning,
    step_for,
)
from bot.words.render import TEMPLATES_DIR, long_date, money, render

ROOT = Path(__file__).resolve().parents[2]
_FIXTURE = ROOT / "tests" / "support" / "fixtures" / "scenarios.json"
_SHARED = ROOT.parent / "shared" / "scenarios" / "public.json"
SCENARIOS = json.loads((_FIXTURE if _FIXTURE.exists() else _SHARED).read_text())
CHANNELS = [c.value for c in MessageChannel]
NO_MESSAGE = {Stage.NOT_DUE, Stage.PAID, Stage.TIME_BARRED}
FORBIDDEN = [
    r"réseaux? sociaux",
    r"publier",
    r"publiquement",
    r"\bavis\b",
    r"employeur",
    r"famille",
    r"réputation",
    r"huissier",
    r"menac",
    r"facebook|linkedin|google|twitter|instagram",
    r"voisin",
    r"\bidiot|escroc|voleur|malhonn",
]
TUTOIEMENT = re.compile(r"\b(tu|toi|ton|ta|tes|t'as)\b", re.IGNORECASE)
PROFILE = Profile(
    full_name="Camille Leroy",
    business_name="Studio Leroy",
    contact="camille@studio-leroy.fr",
    iban="FR76 3000 6000 0112 3456 7890 189",
    address="12 rue des Lilas\n69003 Lyon",
    city="Lyon",
)
DUE = date(2026, 3, 16)


def scenario(name: str) -> tuple[Case, Assessment]:
    data = next(s for s in SCENARIOS if s["name"] == name)["input"]
    case, today, _ = case_from_json(data)
    return case, assess(case, today)


def all_scenarios() -> list[tuple[str, Case, Assessment]]:
    out = []
    for item in SCENARIOS:
        case, today, _ = case_from_json(item["input"])
        out.append((item["name"], case, assess(case, today)))
    return out


def ladder_case(kind: DebtorKind, step: str) -> tuple[Case, Assessment]:
    """A 1 250 € invoice due on DUE, assessed at the given ladder step by the real engine."""
    contacts = [
        Contact(DUE + timedelta(3), Step.FRIENDLY_REMINDER, Channel.EMAIL),
        Contact(DUE + timedelta(20), Step.FIRM_REMINDER, Channel.EMAIL),
        Contact(DUE + timedelta(35), Step.FINAL_NOTICE, Channel.EMAIL),
        Contact(DUE + timedelta(46), Step.FORMAL_NOTICE, Channel.REGISTERED_LETTER),
    ]
    plan = {
        "preventive_reminder": (0, -5),
        "friendly_reminder": (0, 3),
        "firm_reminder": (1, 20),
        "final_notice": (2, 35),
        "formal_notice": (3, 46),
        "escalation": (4, 64),
    }
    taken, offset = plan[step]
    case = Case(
        Debtor("Atelier Dupuis SARL", kind),
        Invoice(Decimal("1250.00"), DUE, "F-2026-014"),
        contacts=tuple(contacts[:taken]),
    )
    result = assess(case, DUE + timedelta(offset))
    assert result.stage.value == step, (kind, step, result.stage)
    return case, result


def text_of(message: Message) -> str:
    return f"{message.subject or ''}\n{message.body}"


def all_messages() -> list[tuple[str, Case, Assessment, Message]]:
    out = []
    for name, case, result in all_scenarios():
        for channel in CHANNELS:
            for profile in (None, PROFILE):
                message = render_message(case, result, channel, profile)
                if message is not None:
                    out.append((f"{name}/{channel}", case, result, message))
    for kind in DebtorKind:
        for step in ("preventive_reminder", "friendly_reminder", "firm_reminder"):
            for channel in CHANNELS:
                case, result = ladder_case(kind, step)
                message = render_message(case, result, channel)
                assert message is not None
                out.append((f"{kind}/{step}/{channel}", case, result, message))
        for step in ("final_notice", "formal_notice", "escalation"):
            for channel in CHANNELS:
                case, result = ladder_case(kind, step)
                message = render_message(case, result, channel)
                assert message is not None
                out.append((f"{kind}/{step}/{channel}", case, result, message))
    return out


MESSAGES = all_messages()


# --- every template, every scenario, every channel -------------------------------------------


def message_templates() -> list[tuple[str, str]]:
    folder = TEMPLATES_DIR / "messages"
    return sorted(
        (path.parent.name, path.stem)
        for path in folder.glob("*/*.j2")
        if not path.name.startswith("_") and path.stem in CHANNELS
    )


def test_every_step_has_email_and_the_ladder_has_sms_and_call():
    steps = set(STEP_FOR_STAGE.values())
    assert {step for step, _ in message_templates()} == steps
    for step in steps:
        assert "email" in channels_for(step), step
    for step in ("preventive_reminder", "friendly_reminder", "firm_reminder", "final_notice"):
        assert set(channels_for(step)) == {"email", "sms", "call"}
    assert set(channels_for("formal_notice")) == {"email", "sms", "call", "letter"}


@pytest.mark.parametrize("step,channel", message_templates())
def test_template_renders_for_every_scenario_strictly(step, channel):
    """StrictUndefined: any missing variable raises. Forced onto every scenario's figures."""
    others_case = Case(
        Debtor("Atelier Dupuis SARL", DebtorKind.BUSINESS),
        Invoice(Decimal("480.00"), date(2026, 1, 10), None),
    )
    for _, case, result in all_scenarios():
        other = (others_case, assess(others_case, result.today))
        for others in ((), (other,)):
            for profile in (None, PROFILE):
                ctx = message_context(case, result, step, channel, profile, others)
                text = render(f"messages/{step}/{channel}.j2", **ctx)
                assert len(text) > 40
                assert "{{" not in text and "{%" not in text and "None" not in text


def test_every_scenario_and_channel_gives_a_message_or_none_by_stage():
    for name, case, result in all_scenarios():
        for channel in [*CHANNELS, None]:
            message = render_message(case, result, channel)
            if result.stage in NO_MESSAGE or (
                result.stage is Stage.INSOLVENCY and result.next_step_on is None
            ):
                assert message is None, name
                continue
            assert message is not None, name
            assert message.step == step_for(result)
            assert message.body.strip(), name
            if channel in channels_for(message.step):
                assert message.channel == channel
            elif channel is None:
                expected = "letter" if message.step == "formal_notice" else "email"
                assert message.channel == expected
            else:
                assert message.channel == "email"  # fallback
            if message.channel in ("email", "letter"):
                assert message.subject
            else:
                assert message.subject is None


def test_message_to_json_shape():
    case, result = scenario("3 days late, nothing sent: friendly reminder")
    message = render_message(case, result)
    assert message is not None
    data = message_to_json(message)
    assert data == {
        "step": "friendly_reminder",
        "channel": "email",
        "subject": message.subject,
        "body": message.body,
    }
    json.dumps(data)


# --- §6 content rules ------------------------------------------------------------------------


def test_sms_never_exceeds_320_characters():
    sms = [m for _, _, _, m in MESSAGES if m.channel == "sms"]
    assert len(sms) > 20
    assert max(len(m.body) for m in sms) <= SMS_LIMIT


def test_sms_stays_short_with_many_invoices_and_long_names():
    profile = Profile(full_name="Marie-Charlotte de La Rochefoucauld-Montbazon", business_name="X")
    debtor = Debtor(
        "Société Anonyme des Établissements Généraux du Grand Ouest", DebtorKind.BUSINESS
    )
    cases = [
        Case(debtor, Invoice(Decimal("12345.67"), DUE - timedelta(i), f"FACT-2026-000{i}-ABCD"))
        for i in range(6)
    ]
    for step, offset in (("friendly_reminder", 3), ("firm_reminder", 20)):
        contacts = (Contact(DUE + timedelta(3), Step.FRIENDLY_REMINDER, Channel.EMAIL),)
        main = replace(cases[0], contacts=contacts if step == "firm_reminder" else ())
        today = DUE + timedelta(offset)
        result = assess(main, today)
        others = [(c, assess(c, today)) for c in cases[1:]]
        message = render_message(main, result, "sms", profile, others)
        assert message is not None and message.step == step
        assert len(message.body) <= SMS_LIMIT, message.body


def test_invoice_amount_due_date_and_days_late_in_french_format():
    case, result = ladder_case(DebtorKind.BUSINESS, "friendly_reminder")
    for channel in ("email", "sms", "call"):
        message = render_message(case, result, channel)
        assert message is not None
        text = text_of(message)
        assert "F-2026-014" in text
        assert "1 250,00 €" in text
        assert "16 mars 2026" in text
        assert "3 jours" in text


def test_friendly_reminder_deadline_is_dated_ten_days_later_on_a_working_day():
    case, result = ladder_case(DebtorKind.BUSINESS, "friendly_reminder")
    assert result.deadline is not None
    message = render_message(case, result)
    assert message is not None
    assert f"au plus tard le {long_date(result.deadline)}" in message.body


def test_every_ladder_message_states_the_deadline():
    for label, _, result, message in MESSAGES:
        if message.step in {"friendly_reminder", "firm_reminder", "final_notice", "formal_notice"}:
            assert result.deadline is not None
            assert long_date(result.deadline) in message.body, label


@pytest.mark.parametrize("kind", [DebtorKind.BUSINESS, DebtorKind.PUBLIC])
def test_interest_and_indemnity_with_basis_from_the_firm_reminder_on(kind):
    for step in ("firm_reminder", "final_notice", "formal_notice"):
        case, result = ladder_case(kind, step)
        message = render_message(case, result, "email")
        assert message is not None
        text = text_of(message)
        assert "indemnité forfaitaire" in text.lower()
        assert "40,00 €" in text
        assert money(result.amounts.interest) in text
        assert money(result.amounts.total) in text
        assert "%" in text
        if kind is DebtorKind.BUSINESS:
            assert "L441-10" in text and "D441-5" in text
            assert "BCE majoré de 10 points" in text
        else:
            assert "L2192-13" in text and "R2192-31" in text
            assert "majoré de 8 points" in text and "intérêts moratoires" in text.lower()
            assert "L441-10" not in text


@pytest.mark.parametrize("kind", list(DebtorKind))
def test_no_fees_claimed_before_the_firm_reminder(kind):
    for step in ("preventive_reminder", "friendly_reminder"):
        case, result = ladder_case(kind, step)
        for channel in CHANNELS:
            message = render_message(case, result, channel)
            assert message is not None
            text = text_of(message).lower()
            assert "indemnité" not in text and "40,00 €" not in text and "pénalités" not in text


def test_consumer_messages_never_claim_the_40_euros():
    consumer = [(label, m) for label, case, _, m in MESSAGES if case.debtor.kind == "consumer"]
    assert len(consumer) > 15
    for label, message in consumer:
        text = text_of(message).lower()
        assert "40 €" not in text and "40,00 €" not in text, label
        assert "indemnité forfaitaire" not in text, label
        assert "l441-10" not in text, label


def test_consumer_formal_notice_starts_legal_interest():
    case, result = ladder_case(DebtorKind.CONSUMER, "formal_notice")
    message = render_message(case, result)
    assert message is not None and message.channel == "letter"
    assert "1231-6" in message.body and "1344-1" in message.body
    assert result.amounts.interest == 0
    case, result = scenario("consumer after formal notice: legal interest only")
    message = render_message(case, result)
    assert message is not None
    assert "intérêt légal" in message.body and money(result.amounts.interest) in message.body


def test_formal_notice_title_breakdown_deadline_and_next_lawful_step():
    for kind in DebtorKind:
        case, result = ladder_case(kind, "formal_notice")
        for channel in ("letter", "email"):
            message = render_message(case, result, channel)
            assert message is not None and message.channel == channel
            assert message.subject is not None and message.subject.startswith("Mise en demeure")
            body = message.body
            assert "mets en demeure" in body
            assert "Principal restant dû : 1 250,00 €" in body
            assert f"Total dû au {long_date(result.today)} : {money(result.amounts.total)}" in body
            assert "8 jours" in body and long_date(result.deadline) in body
            lawful = ("injonction de payer", "petites créances", "tribunal administratif")
            assert any(step in body for step in lawful)
        letter = render_message(case, result, "letter")
        assert "Lettre recommandée avec accusé de réception" in letter.body


def test_small_claims_named_up_to_5000_euros_and_injonction_above():
    case, result = ladder_case(DebtorKind.BUSINESS, "formal_notice")
    body = render_message(case, result).body
    assert "petites créances" in body and "commissaire de justice" in body
    big = replace(case, invoice=replace(case.invoice, amount=Decimal("8000.00")))
    big_result = assess(big, result.today)
    body = render_message(big, big_result).body
    assert "petites créances" not in body and "injonction de payer" in body


def test_forbidden_words_and_tutoiement_absent_everywhere():
    for label, _, _, message in MESSAGES:
        text = text_of(message).lower()
        for pattern in FORBIDDEN:
            assert not re.search(pattern, text), (label, pattern)
        assert not TUTOIEMENT.search(text), label
        if message.step != "escalation":  # the case summary addresses no one
            assert re.search(r"\bvo(us|tre|s)\b", text), label


def test_tone_rises_with_the_step():
    markers = {
        "preventive_reminder": "à titre préventif",
        "friendly_reminder": "simple oubli",
        "firm_reminder": "malgré mon précédent rappel",
        "final_notice": "dernier rappel amiable",
        "formal_notice": "je vous mets en demeure",
    }
    order = list(markers)
    bodies = {}
    for step in order:
        case, result = ladder_case(DebtorKind.BUSINESS, step)
        bodies[step] = render_message(case, result, "email").body.lower()
    for i, step in enumerate(order):
        assert markers[step] in bodies[step], step
        for earlier in order[:i]:
            assert "mets en demeure" not in bodies[earlier]
            assert "injonction" not in bodies[earlier]
    assert "mise en demeure" not in bodies["firm_reminder"]
    assert "mise en demeure" in bodies["final_notice"]


def test_several_invoices_listed_in_one_message_with_a_total():
    case, result = ladder_case(DebtorKind.BUSINESS, "firm_reminder")
    second = replace(case, invoice=Invoice(Decimal("480.00"), DUE + timedelta(5), "F-2026-019"))
    paid = replace(case, invoice=Invoice(Decimal("99.00"), DUE, "F-PAID"), payments=())
    paid_result = replace(assess(paid, result.today), stage=Stage.PAID)
    others = [(second, assess(second, result.today)), (paid, paid_result)]
    message = render_message(case, result, "email", PROFILE, others)
    assert message is not None
    text = text_of(message)
    assert "F-2026-014" in text and "F-2026-019" in text and "F-PAID" not in text
    assert "Total restant dû : 1 730,00 €" in text
    assert "80,00 €" in text  # 40 € per invoice
    other_interest = others[0][1].amounts.interest
    total = Decimal("1730.00") + result.amounts.interest + other_interest + Decimal("80.00")
    assert money(total) in text
    sms = render_message(case, result, "sms", PROFILE, others)
    assert "F-2026-019" in sms.body and len(sms.body) <= SMS_LIMIT


def test_signature_from_profile_or_left_out():
    case, result = ladder_case(DebtorKind.BUSINESS, "friendly_reminder")
    signed = render_message(case, result, "email", PROFILE).body
    assert "Camille Leroy" in signed and "Studio Leroy" in signed
    assert "FR76 3000 6000 0112 3456 7890 189" in signed
    assert "[Votre nom]" not in signed
    anonymous = render_message(case, result, "email").body
    assert "[" not in anonymous and "Camille" not in anonymous
    letter = render_message(*ladder_case(DebtorKind.BUSINESS, "formal_notice"), "letter", PROFILE)
    assert "12 rue des Lilas" in letter.body and "Lyon, le " in letter.body


def test_a_provisional_rate_is_never_told_to_the_debtor():
    """[v2] The user's card flags it; the debtor's messages say nothing of it (§5)."""
    case, result = scenario("today in a semester missing from the rate table")
    assert result.amounts.provisional
    for channel in CHANNELS:
        body = render_message(case, result, channel).body.lower()
        assert "provisoire" not in body and "publié" not in body and "semestre" not in body


def test_special_stages():
    case, result = scenario("hardship, no plan yet")
    body = render_message(case, result).body
    assert result.proposed_plan
    for installment in result.proposed_plan:
        assert long_date(installment.date) in body and money(installment.amount) in body

    case, result = scenario("dispute")
    body = render_message(case, result).body
    assert "par écrit" in body and "appel" in body and "médiat" in body.lower()

    case, result = scenario("claims already paid")
    body = render_message(case, result).body
    assert "référence" in body

    case, result = scenario("promise not yet due")
    message = render_message(case, result, "sms")
    assert message.channel == "sms" and long_date(result.promised_date) in message.body

    case, result = scenario("insolvency")
    body = render_message(case, result).body
    assert "Déclaration de créance" in render_message(case, result).subject
    assert "mandataire judiciaire" in body and "L622-24" in body
    assert "BODACC" in body

    case, result = scenario("escalation, large amount")
    message = render_message(case, result, "sms")  # no SMS summary: falls back to e-mail
    assert message.channel == "email"
    body = message.body
    for needle in (
        "commissaire de justice",
        "Pièces à réunir",
        "accusé de réception",
        "Injonction de payer",
        "Avocat",
        "Médiateur des entreprises",
    ):
        assert needle in body, needle
    assert "Cerfa 12946" in body


def test_public_escalation_points_to_the_administrative_judge():
    case, result = ladder_case(DebtorKind.PUBLIC, "escalation")
    body = render_message(case, result).body
    assert "tribunal administratif" in body
    # [v2] never the commissaire de justice route nor the injonction de payer
    assert "commissaire de justice" not in body and "injonction" not in body.lower()


def test_consumer_insolvency_and_unknown_number_still_render():
    case = Case(
        Debtor("Jean Dupont", DebtorKind.CONSUMER),
        Invoice(Decimal("300.00"), DUE),
        insolvency=Insolvency(InsolvencyKind.LIQUIDATION, DUE + timedelta(20)),
    )
    result = assess(case, DUE + timedelta(25))
    for channel in CHANNELS:
        message = render_message(case, result, channel)
        assert message is not None and "300,00 €" in message.body


@pytest.mark.parametrize("contacts", [(), ((1, Step.FRIENDLY_REMINDER),),
                                      ((1, Step.FRIENDLY_REMINDER), (16, Step.FIRM_REMINDER)),
                                      ((1, Step.FRIENDLY_REMINDER), (16, Step.FIRM_REMINDER),
                                       (31, Step.FINAL_NOTICE))])
def test_invoice_without_number_is_described_once(contacts):
    case = Case(
        Debtor("Jean Dupont", DebtorKind.BUSINESS),
        Invoice(Decimal("300.00"), DUE),
        contacts=tuple(Contact(DUE + timedelta(d), s, Channel.EMAIL) for d, s in contacts),
    )
    result = assess(case, DUE + timedelta(60))
    for channel in CHANNELS:
        message = render_message(case, result, channel)
        assert message is not None
        for line in message.body.splitlines():  # one sentence never says it twice
            assert line.count(long_date(DUE)) + line.count("300,00 €") <= 2, line


# --- warnings --------------------------------------------------------------------------------


@pytest.mark.parametrize("code", WARNING_CODES)
def test_every_warning_has_an_explanation_with_its_reference(code):
    text = render_warning(code)
    assert WARNING_REFERENCES[code] in text
    assert 40 < len(text) < 600
    assert len(re.findall(r"[.!?] [A-ZÀ-Ý]", text)) <= 3  # title + one or two sentences
    html = render_warning(code, html=True)
    assert html.startswith("<b>") and WARNING_REFERENCES[code] in html


def test_guard_and_unknown_codes():
    assert "312-10" in render_warning("threat")
    assert render_warning("no_such_code") == "no_such_code"
    assert render_warning("<x>", html=True) == "&lt;x&gt;"


def test_step_for():
    assert step_for(scenario("not due yet, far away")[1]) is None
    assert step_for(scenario("paid late: interest and indemnity remain claimable")[1]) is None
    assert step_for(scenario("refusal: straight to formal notice")[1]) == "formal_notice"
    assert set(STEP_FOR_STAGE) == set(Stage) - NO_MESSAGE
    responses = (Response(DUE, ResponseKind.PROMISE, DUE + timedelta(3)),)
    case = Case(
        Debtor("A", DebtorKind.BUSINESS), Invoice(Decimal("10.00"), DUE), responses=responses
    )
    assert step_for(assess(case, DUE + timedelta(1))) == "awaiting_promise"


def test_profile_like_objects_are_accepted():
    class Stored:
        full_name = "Camille Leroy"
        iban = "  "
        tz = "Europe/Paris"

    case, result = ladder_case(DebtorKind.BUSINESS, "friendly_reminder")
    body = render_message(case, result, "email", Stored()).body  # type: ignore[arg-type]
    assert "Camille Leroy" in body and "IBAN" not in body
