"""Write docs/samples/: every message of one debtor of each kind, and the formal-notice PDF.

    python scripts/make_samples.py [--out docs/samples]

Each case is assessed by the real engine on a fixed date, so the samples show exactly what the
bot would produce. Files: <kind>_<step>_<channel>.txt, plus mise_en_demeure.pdf (business
debtor) and a two-invoice example.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.domain.assess import assess  # noqa: E402
from bot.domain.facts import (  # noqa: E402
    Case,
    Channel,
    Contact,
    Debtor,
    DebtorKind,
    Insolvency,
    InsolvencyKind,
    Invoice,
    Response,
    ResponseKind,
    Step,
)
from bot.domain.profile import Profile  # noqa: E402
from bot.words.letter_pdf import write_letter_pdf  # noqa: E402
from bot.words.messages import channels_for, render_message, step_for  # noqa: E402

DUE = date(2026, 3, 16)
DEBTORS = {
    DebtorKind.BUSINESS: Debtor(
        "Atelier Dupuis SARL", DebtorKind.BUSINESS, address="8 avenue Jean Jaurès\n69007 Lyon"
    ),
    DebtorKind.CONSUMER: Debtor(
        "Mme Claire Martin", DebtorKind.CONSUMER, address="5 place Bellecour\n69002 Lyon"
    ),
    DebtorKind.PUBLIC: Debtor(
        "Commune de Villeneuve", DebtorKind.PUBLIC, address="Hôtel de ville\n69400 Villeneuve"
    ),
}
PROFILE = Profile(
    full_name="Camille Leroy",
    business_name="Studio Leroy – design graphique",
    email="camille@studio-leroy.fr",
    phone="06 12 34 56 78",
    iban="FR76 3000 6000 0112 3456 7890 189",
    address="12 rue des Lilas\n69003 Lyon",
    siret="732 829 320 00074",
    city="Lyon",
)


def _contact(days: int, step: Step, channel: Channel = Channel.EMAIL) -> Contact:
    return Contact(DUE + timedelta(days=days), step, channel)


LADDER_CONTACTS = [
    _contact(3, Step.FRIENDLY_REMINDER),
    _contact(20, Step.FIRM_REMINDER),
    _contact(35, Step.FINAL_NOTICE),
    _contact(46, Step.FORMAL_NOTICE, Channel.REGISTERED_LETTER),
]


def sample_cases(kind: DebtorKind) -> dict[str, tuple[Case, date]]:
    """One case per message step for a debtor of `kind`, with the date to assess it on."""
    base = Case(DEBTORS[kind], Invoice(Decimal("1250.00"), DUE, "F-2026-014", date(2026, 2, 14)))
    day = DUE.__add__

    def answered(
        contacts: int, on: int, kind: ResponseKind, *, today: int, promised: int | None = None
    ) -> tuple[Case, date]:
        """After `contacts` steps of the ladder, the debtor answered `on` days after the due
        date; assessed `today` days after it."""
        promised_on = day(timedelta(promised)) if promised else None
        response = Response(day(timedelta(on)), kind, promised_on)
        return (
            replace(base, contacts=tuple(LADDER_CONTACTS[:contacts]), responses=(response,)),
            day(timedelta(today)),
        )

    return {
        "preventive_reminder": (base, day(timedelta(days=-5))),
        "friendly_reminder": (base, day(timedelta(days=3))),
        "firm_reminder": (replace(base, contacts=tuple(LADDER_CONTACTS[:1])), day(timedelta(20))),
        "final_notice": (replace(base, contacts=tuple(LADDER_CONTACTS[:2])), day(timedelta(35))),
        "formal_notice": (replace(base, contacts=tuple(LADDER_CONTACTS[:3])), day(timedelta(46))),
        "escalation": (replace(base, contacts=tuple(LADDER_CONTACTS)), day(timedelta(64))),
        "awaiting_promise": answered(1, 5, ResponseKind.PROMISE, promised=12, today=6),
        "payment_plan": answered(2, 22, ResponseKind.HARDSHIP, today=23),
        "dispute": answered(1, 6, ResponseKind.DISPUTE, today=8),
        "verify_payment": answered(2, 22, ResponseKind.CLAIMS_PAID, today=23),
        "insolvency": (
            replace(
                base,
                contacts=tuple(LADDER_CONTACTS[:2]),
                insolvency=Insolvency(InsolvencyKind.RECEIVERSHIP, day(timedelta(25))),
            ),
            day(timedelta(30)),
        ),
    }


def _text(subject: str | None, body: str) -> str:
    return (f"Objet : {subject}\n\n{body}\n" if subject else f"{body}\n").replace("\u00a0", " ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "docs" / "samples"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for kind in DebtorKind:
        # the consumer samples show a sender under the VAT franchise (amounts without "TTC")
        profile = replace(PROFILE, vat_franchise=True) if kind is DebtorKind.CONSUMER else PROFILE
        for expected, (case, today) in sample_cases(kind).items():
            result = assess(case, today)
            step = step_for(result)
            if kind is DebtorKind.CONSUMER and expected == "insolvency":
                continue  # collective proceedings concern businesses
            if step != expected:
                print(f"warning: {kind}/{expected}: engine says {result.stage}", file=sys.stderr)
                if step is None:
                    continue
            for channel in channels_for(step):
                message = render_message(case, result, channel, profile)
                assert message is not None
                name = f"{kind.value}_{step}_{message.channel}.txt"
                (out / name).write_text(_text(message.subject, message.body), encoding="utf-8")
                written += 1
    # Several invoices of one debtor in a single message.
    cases = sample_cases(DebtorKind.BUSINESS)
    case, today = cases["firm_reminder"]
    second = replace(case, invoice=Invoice(Decimal("480.00"), DUE + timedelta(10), "F-2026-019"))
    message = render_message(
        case, assess(case, today), "email", PROFILE, [(second, assess(second, today))]
    )
    assert message is not None
    (out / "business_firm_reminder_email_two_invoices.txt").write_text(
        _text(message.subject, message.body), encoding="utf-8"
    )
    case, today = cases["formal_notice"]
    write_letter_pdf(case, assess(case, today), PROFILE, out / "mise_en_demeure.pdf")
    print(f"{written + 2} files written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
