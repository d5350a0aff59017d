"""The reminders sweep with an injected clock, on SQLite and PostgreSQL: working days and
holidays, the user's hour, catch-up, DST, paid cases, promises, nudges once, failures."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from telegram import Bot

from bot.domain.facts import InsolvencyKind, Payment, Response, ResponseKind, Step
from bot.local.bot_api import Failure, StandinRequest
from bot.reminders import schedule, sweep
from bot.reminders.nudges import (
    NUDGE_FORMAL_NOTICE_DEADLINE,
    NUDGE_INSOLVENCY_DEADLINE,
    NUDGE_KINDS,
    NUDGE_LIMITATION_NEAR,
    NUDGE_PREVENTIVE,
    NUDGE_PROMISE_EXPIRED,
)
from bot.runtime.services import Services
from bot.store import Repo
from bot.store import reminder_queries as q
from tests.support.reminders_support import (
    case,
    contact,
    fast_pacer,
    paris,
    sent_texts,
    services_for,
    standin_bot,
)


class Env:
    def __init__(self, services: Services, bot: Bot, request: StandinRequest) -> None:
        self.services = services
        self.repo = services.repo
        self.bot = bot
        self.request = request

    async def run(self, at: datetime, **kwargs: Any) -> Any:
        kwargs.setdefault("pacer", fast_pacer())
        return await sweep(self.services, self.bot, at, **kwargs)

    def texts(self, chat_id: int | None = None) -> list[str]:
        return sent_texts(self.request, chat_id)


@pytest.fixture
async def env(database: Any, db_url: str) -> AsyncIterator[Env]:
    services = services_for(database, db_url)
    bot, request = standin_bot()
    async with bot:
        yield Env(services, bot, request)


async def test_week_with_holiday_sends_on_working_days_at_the_hour(env: Env) -> None:
    await env.repo.create_case(1, case(), chat_id=1)
    sent_on: list[date] = []
    for day in range(9, 16):  # Mon 9 … Sun 15 November 2026; Wed 11 is Armistice Day
        for hour, minute in ((0, 1), (8, 59), (9, 0), (12, 30), (23, 59)):
            report = await env.run(paris(2026, 11, day, hour, minute))
            if report.sent:
                assert (hour, minute) == (9, 0)
                sent_on.append(date(2026, 11, day))
    assert sent_on == [date(2026, 11, 9), date(2026, 11, 10), date(2026, 11, 12),
                       date(2026, 11, 13)]  # fmt: skip
    assert len(env.texts(1)) == 4
    assert "Acme SARL" in env.texts(1)[0]


async def test_the_users_hour_and_switched_off_reminders(env: Env) -> None:
    await env.repo.create_case(1, case(), chat_id=1)
    await env.repo.create_case(2, case("Bêta SAS"), chat_id=2)
    await env.repo.set_reminders(1, True, hour=14)
    await env.repo.set_reminders(2, False)
    assert (await env.run(paris(2026, 11, 12, 9))).sent == 0
    assert (await env.run(paris(2026, 11, 12, 13, 59))).sent == 0
    report = await env.run(paris(2026, 11, 12, 14))
    assert report.sent == 1 and env.texts(2) == []
    assert len(env.texts(1)) == 1


async def test_catch_up_later_the_same_day_never_the_next_day(env: Env) -> None:
    await env.repo.create_case(1, case(), chat_id=1)
    # The bot was down all Thursday morning: the 16:45 sweep catches up.
    assert (await env.run(paris(2026, 11, 12, 16, 45))).sent == 1
    # Friday: nothing before 09:00 (Thursday's digest is not sent again), then Friday's.
    assert (await env.run(paris(2026, 11, 13, 8, 0))).sent == 0
    # Down the whole of Friday: Monday sends Monday's digest only, once.
    assert (await env.run(paris(2026, 11, 16, 10, 0))).sent == 1
    assert (await env.run(paris(2026, 11, 16, 10, 1))).sent == 0
    keys = [r["key"] for r in await env.repo.list_reminders(1) if r["kind"] == "digest"]
    assert keys == ["2026-11-12", "2026-11-16"]


@pytest.mark.parametrize(
    ("before", "at"),
    [  # 09:00 Paris is 07:00 UTC in summer time and 08:00 UTC in winter time
        (datetime(2026, 3, 27, 7, 59, tzinfo=UTC), datetime(2026, 3, 27, 8, 0, tzinfo=UTC)),
        (datetime(2026, 3, 30, 6, 59, tzinfo=UTC), datetime(2026, 3, 30, 7, 0, tzinfo=UTC)),
        (datetime(2026, 10, 23, 6, 59, tzinfo=UTC), datetime(2026, 10, 23, 7, 0, tzinfo=UTC)),
        (datetime(2026, 10, 26, 7, 59, tzinfo=UTC), datetime(2026, 10, 26, 8, 0, tzinfo=UTC)),
    ],
    ids=["fri-before-spring", "mon-after-spring", "fri-before-autumn", "mon-after-autumn"],
)
async def test_nine_oclock_paris_across_dst(env: Env, before: datetime, at: datetime) -> None:
    await env.repo.create_case(1, case(due=date(2026, 1, 5)), chat_id=1)
    assert (await env.run(before)).sent == 0
    assert (await env.run(at)).sent == 1


async def test_a_user_in_another_time_zone(env: Env) -> None:
    await env.repo.create_case(1, case(), chat_id=1)
    await env.repo.update_profile(1, tz="America/New_York")
    assert (await env.run(datetime(2026, 11, 12, 13, 59, tzinfo=UTC))).sent == 0  # 08:59 NY
    assert (await env.run(datetime(2026, 11, 12, 14, 0, tzinfo=UTC))).sent == 1  # 09:00 NY


async def test_a_case_paid_between_two_days_is_not_mentioned(env: Env) -> None:
    paid = await env.repo.create_case(1, case("Payeur SARL"), chat_id=1)
    await env.repo.create_case(1, case("Retard SAS", amount="300"), chat_id=1)
    await env.run(paris(2026, 11, 12, 9))
    assert "Payeur SARL" in env.texts(1)[0] and "Retard SAS" in env.texts(1)[0]
    await env.repo.add_payment(1, paid, Payment(date(2026, 11, 12), Decimal("1250")))
    await env.repo.close_case(1, paid, "paid")
    await env.run(paris(2026, 11, 13, 9))
    assert "Payeur SARL" not in env.texts(1)[1] and "Retard SAS" in env.texts(1)[1]
    # Nothing due at all: nothing sent, the day recorded as handled.
    other = [c.id for c in await env.repo.list_open_cases(1)]
    await env.repo.close_case(1, other[0], "closed")
    report = await env.run(paris(2026, 11, 16, 9))
    assert report.sent == 0 and report.empty == 1 and len(env.texts(1)) == 2
    assert (await env.run(paris(2026, 11, 16, 9, 1))).empty == 0  # not recomputed


async def test_a_case_paid_after_the_claim_is_dropped_before_sending(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    paid = await env.repo.create_case(1, case("Payeur SARL"), chat_id=1)
    await env.repo.create_case(1, case("Retard SAS"), chat_id=1)
    early = await env.repo.create_case(
        1, case("Préventif payé", due=date(2026, 11, 19)), chat_id=1
    )  # its nudge is claimed, then released
    real_load = q.load_batch

    async def load_then_pay(db: Any, owners: Any) -> Any:
        loaded = await real_load(db, owners)  # the digest is claimed, the cases loaded…
        await Repo(db).close_case(1, paid, "paid")  # … and the user taps "payment received"
        await Repo(db).close_case(1, early, "paid")
        return loaded

    monkeypatch.setattr(q, "load_batch", load_then_pay)
    report = await env.run(paris(2026, 11, 12, 9))
    assert report.sent == 1 and report.nudges == 0
    text = env.texts(1)[0]
    assert "Retard SAS" in text and "Payeur SARL" not in text and "Préventif" not in text
    assert [r["kind"] for r in await env.repo.list_reminders(1)] == ["digest"]


async def test_a_promise_expiring(env: Env) -> None:
    promise = Response(date(2026, 10, 20), ResponseKind.PROMISE, promised_date=date(2026, 11, 10))
    await env.repo.create_case(
        1,
        case(contacts=(contact(date(2026, 10, 5), Step.FRIENDLY_REMINDER),), responses=(promise,)),
        chat_id=1,
    )
    assert (await env.run(paris(2026, 11, 9, 9))).sent == 0  # waiting for the promised date
    assert (await env.run(paris(2026, 11, 10, 9))).sent == 0  # the promised day itself
    report = await env.run(paris(2026, 11, 12, 9))  # promise broken: the ladder resumes
    assert report.sent == 1
    assert (1, 1, NUDGE_PROMISE_EXPIRED) in report.lines
    assert "avait promis de payer au plus tard le 10 novembre 2026" in env.texts(1)[0]
    report = await env.run(paris(2026, 11, 13, 9))  # still due, the nudge not repeated
    assert report.sent == 1 and report.nudges == 0
    assert "avait promis" not in env.texts(1)[1]


async def test_each_nudge_exactly_once(env: Env) -> None:
    repo = env.repo
    # Preventive reminder: due on Thu 19 November (D − 7 = 12 November).
    await repo.create_case(1, case("Préventif", due=date(2026, 11, 19)), chat_id=1)
    # Formal notice sent 1 October: 8 days + postage passed, escalation due.
    await repo.create_case(
        1,
        case("Mise en demeure", due=date(2026, 7, 1), contacts=(
            contact(date(2026, 7, 2), Step.FRIENDLY_REMINDER),
            contact(date(2026, 7, 20), Step.FIRM_REMINDER),
            contact(date(2026, 8, 3), Step.FINAL_NOTICE),
            contact(date(2026, 10, 1), Step.FORMAL_NOTICE, "registered_letter"),
        )),
        chat_id=1,
    )  # fmt: skip
    # Limitation near: a business invoice due 1 December 2021 (5 years).
    await repo.create_case(1, case("Prescription", due=date(2021, 12, 1)), chat_id=1)
    # Insolvency published 20 September: declare before 20 November.
    from bot.domain.facts import Insolvency

    await repo.create_case(
        1,
        case("Faillite", due=date(2026, 8, 1),
             insolvency=Insolvency(InsolvencyKind.RECEIVERSHIP, date(2026, 9, 20))),
        chat_id=1,
    )  # fmt: skip
    seen: list[str] = []
    for day in (12, 13, 16, 17):
        report = await env.run(paris(2026, 11, day, 9, 30))
        assert report.sent == 1
        seen += [kind for _, _, kind in report.lines if kind.startswith("nudge:")]
    assert sorted(seen) == sorted(
        [NUDGE_PREVENTIVE, NUDGE_FORMAL_NOTICE_DEADLINE, NUDGE_LIMITATION_NEAR,
         NUDGE_INSOLVENCY_DEADLINE]
    )  # fmt: skip
    first = env.texts(1)[0]
    assert "l'échéance du 19 novembre 2026 approche" in first
    assert "mise en demeure du 1er octobre 2026 est écoulé" in first
    assert "dernier jour pour agir en justice le 1er décembre 2026" in first
    assert "fait repartir le délai" in first
    assert "avant le 20 novembre 2026" in first
    assert not any(k in t for t in env.texts(1)[1:] for k in ("approche", "agir en justice"))
    logged = [r for r in await repo.list_reminders(1) if r["kind"] in NUDGE_KINDS]
    assert len(logged) == 4 and all(r["status"] == "sent" for r in logged)


async def test_most_urgent_first_with_buttons(env: Env) -> None:
    friendly = await env.repo.create_case(1, case("Courtois <b>&Co</b>"), chat_id=1)
    formal = await env.repo.create_case(
        1,
        case("Urgent", due=date(2026, 8, 1), contacts=(
            contact(date(2026, 8, 2), Step.FRIENDLY_REMINDER),
            contact(date(2026, 8, 20), Step.FIRM_REMINDER),
            contact(date(2026, 9, 10), Step.FINAL_NOTICE),
        )),
        chat_id=1,
    )  # fmt: skip
    await env.run(paris(2026, 11, 12, 9))
    call = env.request.calls_of("sendMessage")[0]
    text = call.plain_text or ""
    assert text.index("Urgent") < text.index("Courtois <b>&Co</b>")  # escaped, shown as typed
    assert "&lt;b&gt;&amp;Co" in (call.text or "")
    data = [b["callback_data"] for b in call.buttons]
    assert data == [
        f"a:{formal}:ch:letter", f"a:{formal}:sent:formal_notice:letter",
        f"a:{friendly}:ch:email", f"a:{friendly}:sent:friendly_reminder:email",
    ]  # fmt: skip


async def test_403_switches_that_user_off_and_the_others_still_get_theirs(env: Env) -> None:
    for user in (1, 2, 3):
        await env.repo.create_case(user, case(), chat_id=user)
    env.request.fail_for[2] = 403
    report = await env.run(paris(2026, 11, 12, 9))
    assert (report.sent, report.blocked) == (2, 1)
    assert len(env.texts(1)) == 1 and len(env.texts(3)) == 1
    user = await env.repo.get_user(2)
    assert user is not None and not user.reminders_on and user.blocked_at is not None
    tries = len(env.request.calls_for(2, "sendMessage"))
    await env.run(paris(2026, 11, 12, 9, 1))
    await env.run(paris(2026, 11, 13, 9))
    assert len(env.request.calls_for(2, "sendMessage")) == tries  # not retried


async def test_a_case_that_cannot_be_assessed_costs_only_its_own_users_digest(env: Env) -> None:
    """A case stored with a due date in year 9999 (read from a PDF before those dates were
    refused) makes the rules overflow: its user's digest is given up, logged by user id,
    and released; the users prepared in the same batch get theirs."""
    for user in (1, 2, 3):
        await env.repo.create_case(user, case(), chat_id=user)
    await env.repo.create_case(2, case("Odd SARL", due=date(9999, 12, 31)), chat_id=2)
    report = await env.run(paris(2026, 11, 12, 9))
    assert (report.sent, report.failed) == (2, 1)
    assert len(env.texts(1)) == 1 and len(env.texts(3)) == 1 and env.texts(2) == []
    later = await env.run(paris(2026, 11, 12, 9, 5))  # tried again later, failing alone
    assert (later.sent, later.failed) == (0, 1)


async def test_429_waits_and_retries(env: Env) -> None:
    await env.repo.create_case(1, case(), chat_id=1)
    env.request.fail_for[1] = Failure(429, retry_after=1, times=1)
    report = await env.run(paris(2026, 11, 12, 9))
    assert (report.sent, report.retried) == (1, 1)
    calls = env.request.calls_for(1, "sendMessage")
    assert [c.ok for c in calls] == [False, True]
    assert calls[1].at - calls[0].at >= 0.9  # waited retry_after


async def test_other_errors_release_the_claim_for_a_later_sweep(env: Env) -> None:
    await env.repo.create_case(1, case(), chat_id=1)
    env.request.fail_for[1] = Failure(500, times=1)
    report = await env.run(paris(2026, 11, 12, 9))
    assert (report.sent, report.failed) == (0, 1)
    assert await env.repo.list_reminders(1) == []
    assert (await env.run(paris(2026, 11, 12, 9, 1))).sent == 1
    assert len(env.texts(1)) == 1


async def test_crash_after_claim_is_resent_exactly_once(env: Env) -> None:
    await env.repo.create_case(1, case(), chat_id=1)
    at = paris(2026, 11, 12, 9)
    # A sender claimed the digest and died before sending.
    claims = await q.claim_digests(
        env.services.db, tz="Europe/Paris", key="2026-11-12", hour=9, now=at, limit=10
    )
    assert [c.owner for c in claims] == [1]
    assert (await env.run(at + timedelta(minutes=5))).sent == 0  # maybe still sending
    report = await env.run(at + timedelta(minutes=11))
    assert (report.sent, report.recovered) == (1, 1)
    for minutes in (12, 30, 120):
        assert (await env.run(at + timedelta(minutes=minutes))).sent == 0
    assert len(env.texts(1)) == 1
    [log] = await env.repo.list_reminders(1)
    assert (log["status"], log["attempts"]) == ("sent", 2)


async def test_a_crashed_claim_is_not_sent_the_next_day(env: Env) -> None:
    await env.repo.create_case(1, case(), chat_id=1)
    at = paris(2026, 11, 12, 9)
    await q.claim_digests(
        env.services.db, tz="Europe/Paris", key="2026-11-12", hour=9, now=at, limit=10
    )
    report = await env.run(paris(2026, 11, 13, 9))
    assert (report.sent, report.recovered) == (1, 0)
    assert "13 novembre 2026" in env.texts(1)[0]


async def test_dry_run_records_nothing(env: Env) -> None:
    cid = await env.repo.create_case(1, case(due=date(2026, 11, 19)), chat_id=1)
    report = await env.run(paris(2026, 11, 12, 9), dry_run=True)
    assert report.lines == [(1, cid, "preventive_reminder"), (1, cid, NUDGE_PREVENTIVE)]
    assert env.request.calls_of("sendMessage") == []
    assert await env.repo.list_reminders(1) == []


async def test_schedule_registers_a_minute_job_that_runs_the_sweep(
    database: Any, db_url: str
) -> None:
    from telegram.ext import Application

    from bot.local.bot_api import STANDIN_TOKEN

    services = services_for(database, db_url, paris(2026, 11, 12, 9, 30))
    await services.repo.create_case(1, case(), chat_id=1)
    request = StandinRequest()
    app = (
        Application.builder()
        .token(STANDIN_TOKEN)
        .request(request)
        .get_updates_request(request.companion())
        .build()
    )
    app.bot_data["services"] = services
    async with app:
        job = schedule(app)
        assert job.name == "reminders-sweep"
        assert job.job.trigger.interval == timedelta(seconds=60)
        await job.run(app)
        await job.run(app)
    assert len(sent_texts(request, 1)) == 1


async def test_a_crowded_digest_fits_one_message_and_holds_nothing_back_for_good(
    env: Env,
) -> None:
    long_name = "Établissements Dupont & Fils <SARL> " * 6  # ~200 characters, to be escaped
    for index in range(12):  # limitation near: an item and a nudge each
        await env.repo.create_case(
            1, case(f"{index:02d} {long_name}"[:200], due=date(2021, 12, 1)), chat_id=1
        )
    for index in range(10):
        await env.repo.create_case(1, case(f"Courant {index} {long_name}"[:200]), chat_id=1)
    report = await env.run(paris(2026, 11, 12, 9, 30))
    assert report.sent == 1
    [call] = env.request.calls_of("sendMessage")
    assert call.ok, call.error  # the stand-in refuses over 4 096 characters or broken HTML
    text = call.plain_text or ""
    assert "… et 12 autres dossiers : /dossiers" in text
    assert "… et 4 autres points à noter : /dossiers" in text
    assert text.count("dernier jour pour agir en justice") == 8
    assert call.buttons[-1]["callback_data"] == "cases"
    logged = [r for r in await env.repo.list_reminders(1) if r["kind"] == NUDGE_LIMITATION_NEAR]
    assert sorted(r["status"] for r in logged).count("sent") == 8
    # The four held back come the next working day.
    await env.run(paris(2026, 11, 13, 9, 30))
    second = env.request.calls_of("sendMessage")[1]
    assert second.ok and (second.plain_text or "").count("dernier jour pour agir en justice") == 4
