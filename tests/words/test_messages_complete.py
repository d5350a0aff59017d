"""DESIGN §6 rev 2: every message ready to send — no bracketed gap, true and exact words."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from bot.domain.assess import assess
from bot.domain.facts import (
    Case,
    Channel,
    Contact,
    Debtor,
    DebtorKind,
    Invoice,
    MessageChannel,
    Response,
    ResponseKind,
    Step,
)
from bot.domain.profile import Profile, missing_fields, normalize_invoice_number
from bot.words.letter_pdf import letter_sections
from bot.words.messages import render_message
from tests.words.test_messages import MESSAGES, all_scenarios, ladder_case

GAP = re.compile(r"\[[^\]]*\]")
CHANNELS = [c.value for c in MessageChannel]
FULL = Profile(
    full_name="Camille Leroy",
    business_name="Studio Leroy",
    email="camille@studio-leroy.fr",
    phone="06 12 34 56 78",
    iban="FR7630006000011234567890189",
    address="12 rue des Lilas\n69003 Lyon",
    city="Lyon",
    siret="73282932000074",
)
PROFILES = {"full": FULL, "empty": Profile(), "none": None}
LADDER = ("preventive_reminder", "friendly_reminder", "firm_reminder", "final_notice",
          "formal_notice", "escalation")
DUE = date(2026, 3, 16)


def text(message) -> str:
    return f"{message.subject or ''}\n{message.body}"


def rendered():
    """Every ladder step × channel × debtor kind and every scenario, under every profile."""
    for label, profile in PROFILES.items():
        for kind in DebtorKind:
            for step in LADDER:
                case, result = ladder_case(kind, step)
                for channel in CHANNELS:
                    yield f"{label}/{kind}/{step}/{channel}", render_message(
                        case, result, channel, profile
                    )
        for name, case, result in all_scenarios():
            for channel in CHANNELS:
                message = render_message(case, result, channel, profile)
                if message is not None and message.step != "insolvency":
                    yield f"{label}/{name}/{channel}", message


def test_no_bracketed_gap_in_any_message():
    count = 0
    for label, message in rendered():
        assert message is not None, label
        assert not GAP.search(text(message)), (label, GAP.search(text(message)).group())
        count += 1
    assert count > 300


@pytest.mark.parametrize("profile", ["full", "empty"])
@pytest.mark.parametrize("kind", list(DebtorKind))
def test_letter_pdf_sections_have_no_gap(profile, kind):
    case, result = ladder_case(kind, "formal_notice")
    sections = letter_sections(case, result, PROFILES[profile])
    assert not any(GAP.search(value) for value in sections.values()), sections
    assert sections["attachments"].startswith("Pièce jointe : copie de la facture n° F-2026-014")


def test_missing_fields_by_channel():
    debtor = Debtor("Atelier Dupuis SARL", DebtorKind.BUSINESS)
    assert missing_fields(Profile(), debtor, "email") == ["full_name", "contact"]
    assert missing_fields(Profile(), debtor, "letter") == [
        "full_name", "contact", "address", "city", "debtor.address"
    ]
    assert missing_fields(FULL, debtor, "sms") == []
    assert missing_fields(FULL, debtor, "letter") == ["debtor.address"]
    with_address = replace(debtor, address="3 rue Neuve\n75011 Paris")
    assert missing_fields(FULL, with_address, "letter") == []
    assert missing_fields(Profile(business_name="Studio", contact="06 00 00 00 00"), debtor,
                          "email") == []


def test_full_profile_signs_with_email_and_phone_and_empty_profile_leaves_lines_out():
    case, result = ladder_case(DebtorKind.BUSINESS, "friendly_reminder")
    body = render_message(case, result, "email", FULL).body
    assert "camille@studio-leroy.fr" in body and "06 12 34 56 78" in body
    bare = render_message(case, result, "email", Profile()).body
    assert bare.rstrip().endswith("Bien cordialement,"), bare[-80:]
    call = render_message(case, result, "call", Profile()).body
    assert "Bonjour,  à l'appareil" not in call and "Bonjour. " in call


@pytest.mark.parametrize(
    "raw,bare",
    [("n° 2026-041", "2026-041"), ("N°2026-041", "2026-041"), ("facture 45", "45"),
     ("Facture n° 45", "45"), ("#12", "12"), ("no 7", "7"), ("Nova-1", "Nova-1"),
     ("FA-2026-3", "FA-2026-3")],
)
def test_invoice_number_normalised(raw, bare):
    assert normalize_invoice_number(raw) == bare
    case = Case(Debtor("Atelier Dupuis SARL", DebtorKind.BUSINESS),
                Invoice(Decimal("1250.00"), DUE, raw))
    message = render_message(case, assess(case, DUE + timedelta(3)), "email", FULL)
    assert f"n° {bare}" in text(message)
    assert "n° n°" not in text(message).lower() and "n° facture" not in text(message).lower()


@pytest.mark.parametrize("channel", CHANNELS)
def test_no_ttc_under_vat_franchise(channel):
    for step in LADDER:
        case, result = ladder_case(DebtorKind.BUSINESS, step)
        franchise = render_message(case, result, channel, replace(FULL, vat_franchise=True))
        assert "TTC" not in text(franchise), (step, channel)
    case, result = ladder_case(DebtorKind.BUSINESS, "friendly_reminder")
    assert "TTC" in render_message(case, result, "email", FULL).body


def test_invoice_without_number_named_by_issue_date_never_by_due_date_as_issue():
    issued = date(2026, 2, 14)
    case = Case(Debtor("Jean Dupont", DebtorKind.BUSINESS),
                Invoice(Decimal("300.00"), DUE, None, issued))
    for step_offset in (3, 20, 60):
        result = assess(case, DUE + timedelta(step_offset))
        for channel in CHANNELS:
            words = text(render_message(case, result, channel, FULL))
            assert "du 16/03/2026" not in words and "du 16 mars 2026" not in words, words
    undated = Case(Debtor("Jean Dupont", DebtorKind.BUSINESS), Invoice(Decimal("300.00"), DUE))
    result = assess(undated, DUE + timedelta(60))
    for channel in CHANNELS:
        words = text(render_message(undated, result, channel, FULL))
        assert "facture du 16" not in words, words


def test_formal_notice_cites_only_the_reminders_on_record_with_their_dates():
    debtor = Debtor("Atelier Dupuis SARL", DebtorKind.BUSINESS)
    invoice = Invoice(Decimal("1250.00"), date(2026, 10, 15), "F-1")
    case = Case(debtor, invoice, contacts=(
        Contact(date(2026, 11, 3), Step.FRIENDLY_REMINDER, Channel.EMAIL),
        Contact(date(2026, 11, 17), Step.FIRM_REMINDER, Channel.EMAIL),
        Contact(date(2026, 11, 30), Step.FINAL_NOTICE, Channel.EMAIL),
    ))
    result = assess(case, date(2026, 12, 12))
    assert result.stage.value == "formal_notice"
    body = render_message(case, result, "letter", FULL).body
    assert "Malgré mes relances des 3, 17 et 30 novembre 2026" in body
    assert "Pièce jointe : copie de la facture n° F-1." in body
    silent = Case(debtor, invoice, responses=(
        Response(date(2026, 11, 20), ResponseKind.REFUSAL),
    ))
    result = assess(silent, date(2026, 11, 21))
    assert result.stage.value == "formal_notice"
    body = render_message(silent, result, "letter", FULL).body
    assert "relance" not in body.split("Par la présente")[0]


@pytest.mark.parametrize("step", ["final_notice", "formal_notice"])
def test_final_and_formal_sms_state_the_due_date(step):
    for kind in DebtorKind:
        case, result = ladder_case(kind, step)
        sms = render_message(case, result, "sms", FULL).body
        assert "16 mars 2026" in sms, sms


def test_dispute_reply_uses_what_the_client_disputes():
    case, result = ladder_case(DebtorKind.BUSINESS, "friendly_reminder")
    disputed = replace(case, responses=(
        Response(DUE + timedelta(4), ResponseKind.DISPUTE,
                 note="le logo livré n'est pas au bon format"),
    ))
    result = assess(disputed, DUE + timedelta(5))
    assert result.stage.value == "dispute"
    for channel in ("email", "call"):
        assert "le logo livré n'est pas au bon format" in render_message(
            disputed, result, channel, FULL
        ).body


def test_cli_assess_takes_the_profile_and_names_what_is_missing():
    data = {
        "today": "2026-05-01",
        "debtor": {"name": "Atelier Dupuis SARL", "kind": "business"},
        "invoice": {"number": "n° 2026-041", "amount": "1250.00", "issue_date": "2026-02-14",
                    "due_date": "2026-03-16"},
    }
    run = lambda d: json.loads(subprocess.run(  # noqa: E731
        [sys.executable, "-m", "bot", "assess"], input=json.dumps(d), capture_output=True,
        text=True, check=True).stdout)
    bare = run({**data, "channel": "letter"})
    assert "n° 2026-041" in bare["message"]["body"] and "n° n°" not in bare["message"]["body"]
    assert bare["message"]["channel"] == "email"  # no letter at the friendly reminder
    assert bare["missing"] == ["full_name", "contact"]
    formal = run({**data, "channel": "letter", "responses": [
        {"date": "2026-04-30", "kind": "refusal"}]})
    assert formal["message"]["channel"] == "letter"
    assert formal["missing"] == ["full_name", "contact", "address", "city", "debtor.address"]
    assert not GAP.search(bare["message"]["body"])
    assert "full_name" in bare["missing"] and "contact" in bare["missing"]
    signed = run({**data, "profile": {"full_name": "Camille Leroy", "email": "c@l.fr",
                                      "vat_franchise": True}})
    assert "full_name" not in signed["missing"] and "contact" not in signed["missing"]
    assert "Camille Leroy" in signed["message"]["body"]
    assert "TTC" not in signed["message"]["body"] + (signed["message"]["subject"] or "")


def test_messages_of_the_shared_suite_have_no_gap():
    for label, _, _, message in MESSAGES:
        if message.step != "insolvency":
            assert not GAP.search(text(message)), label


def test_reminder_dates_said_as_one_phrase():
    from bot.words.render import date_list

    assert date_list([date(2026, 11, 17), date(2026, 11, 3)]) == "3 et 17 novembre 2026"
    assert date_list([date(2026, 3, 19), date(2026, 4, 5), date(2026, 4, 20)]) == (
        "19 mars, 5 et 20 avril 2026"
    )
    assert date_list([date(2025, 12, 28), date(2026, 1, 4)]) == "28 décembre 2025 et 4 janvier 2026"
