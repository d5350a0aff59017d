"""The daily BODACC watch over open cases, against the outside stand-in, on SQLite and
PostgreSQL: a new proceeding moves the case and is nudged exactly once."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from bot.domain.assess import assess
from bot.domain.facts import Debtor, DebtorKind, InsolvencyKind, Stage
from bot.local.bot_api import Failure
from bot.outside.lookup import Outside
from bot.outside.standin import OutsideStandin
from bot.reminders.watch import KIND, watch
from tests.support.reminders_support import case, paris, sent_texts, services_for, standin_bot

LUMEN, DUPUIS, MERIDIENNE = "830124574", "812345676", "790456123"
TODAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def server() -> Iterator[OutsideStandin]:
    with OutsideStandin() as standin:
        yield standin


class Env:
    def __init__(self, services: Any, bot: Any, request: Any) -> None:
        self.services, self.repo, self.bot, self.request = services, services.repo, bot, request

    async def add(self, owner: int, name: str, siren: str | None, **kwargs: Any) -> int:
        kind = kwargs.pop("kind", DebtorKind.BUSINESS)
        base = case(name, **kwargs)
        debtor = Debtor(name, kind, siren=siren)
        return await self.repo.create_case(owner, replace(base, debtor=debtor), chat_id=owner)

    async def run(self, today: date = TODAY) -> Any:
        return await watch(self.services, self.bot, today)


@pytest.fixture
async def env(database: Any, db_url: str, server: OutsideStandin) -> AsyncIterator[Env]:
    services = services_for(database, db_url)
    services.outside = Outside.create(server.url, server.url)
    bot, request = standin_bot()
    async with bot:
        yield Env(services, bot, request)
    await services.outside.aclose()


async def test_a_new_proceeding_moves_the_case_and_is_nudged_once(env: Env) -> None:
    lumen = await env.add(1, "Studio Lumen", LUMEN)
    await env.add(1, "Atelier Dupuis", DUPUIS)
    report = await env.run()
    assert (report.checked, report.found, report.sent, report.complete) == (2, 1, 1, True)
    (text,) = sent_texts(env.request, 1)
    assert "Studio Lumen est en redressement judiciaire depuis le 14 octobre 2026" in text
    assert "déclarez votre créance au mandataire judiciaire avant le 24 décembre 2026" in text
    stored = await env.repo.get_case(1, lumen)
    assert stored.case.insolvency is not None
    assert (stored.case.insolvency.kind, stored.case.insolvency.opened_on) == (
        InsolvencyKind.RECEIVERSHIP,
        date(2026, 10, 14),
    )
    assert assess(stored.case, TODAY).stage is Stage.INSOLVENCY
    again = await env.run()
    assert (again.checked, again.sent) == (1, 0)  # the moved case is no longer watched
    assert len(sent_texts(env.request, 1)) == 1


async def test_a_second_worker_never_nudges_the_same_notice_again(env: Env) -> None:
    lumen = await env.add(1, "Studio Lumen", LUMEN)
    await env.run()
    await env.repo.set_insolvency(1, lumen, None)  # as if the first worker crashed before
    report = await env.run()
    assert (report.found, report.sent) == (1, 0)
    assert len(sent_texts(env.request, 1)) == 1
    assert (await env.repo.get_case(1, lumen)).case.insolvency is not None
    (logged,) = [r for r in await env.repo.list_reminders(1) if r["kind"] == KIND]
    assert logged["status"] == "sent"


async def test_a_late_declaration_says_relief(env: Env) -> None:
    await env.add(2, "Boulangerie Méridienne", MERIDIENNE)
    await env.run()
    (text,) = sent_texts(env.request, 2)
    assert "est en liquidation judiciaire depuis le 2 septembre 2026" in text
    assert "relevé de forclusion avant le 10 mars 2027" in text


async def test_not_watched_public_closed_no_siren_or_reminders_off(env: Env) -> None:
    await env.add(3, "Studio Lumen", LUMEN, kind=DebtorKind.PUBLIC)
    closed = await env.add(4, "Studio Lumen", LUMEN)
    await env.repo.close_case(4, closed)
    await env.add(5, "Studio Lumen", None)
    await env.add(6, "Studio Lumen", LUMEN)
    await env.repo.set_reminders(6, False)
    report = await env.run()
    assert (report.checked, report.sent) == (0, 0)


async def test_a_failed_send_is_retried_and_the_case_waits(env: Env) -> None:
    lumen = await env.add(7, "Studio Lumen", LUMEN)
    env.request.fail_for[7] = Failure(500, times=1)
    report = await env.run()
    assert (report.found, report.sent, report.failed) == (1, 0, 1)
    assert (await env.repo.get_case(7, lumen)).case.insolvency is None
    report = await env.run()
    assert report.sent == 1
    assert len(sent_texts(env.request, 7)) == 1


async def test_a_notice_published_after_today_is_ignored(env: Env) -> None:
    await env.add(8, "Studio Lumen", LUMEN)
    report = await env.run(date(2026, 10, 23))
    assert (report.found, report.sent) == (0, 0)


async def test_bodacc_down_changes_nothing(env: Env) -> None:
    lumen = await env.add(9, "Studio Lumen", LUMEN)
    await env.services.outside.aclose()
    env.services.outside = Outside.create("http://127.0.0.1:9", "http://127.0.0.1:9")
    report = await env.run()
    assert (report.complete, report.sent) == (False, 0)
    assert (await env.repo.get_case(9, lumen)).case.insolvency is None


async def test_the_clock_runs_the_watch_once_a_day_from_eight(env: Env) -> None:
    from types import SimpleNamespace

    from bot.reminders.watch import _tick

    await env.add(10, "Studio Lumen", LUMEN)
    context = SimpleNamespace(bot_data={"services": env.services}, bot=env.bot)
    env.services.clock.set(paris(2026, 11, 30, 7, 30))
    await _tick(context)
    assert sent_texts(env.request, 10) == []
    env.services.clock.set(paris(2026, 11, 30, 8, 30))
    await _tick(context)
    assert len(sent_texts(env.request, 10)) == 1
    await env.add(11, "Boulangerie Méridienne", MERIDIENNE)
    await _tick(context)  # done for today
    assert sent_texts(env.request, 11) == []
    env.services.clock.set(paris(2026, 12, 1, 8, 30))
    await _tick(context)
    assert len(sent_texts(env.request, 11)) == 1


def test_the_watch_is_scheduled_only_with_the_outside_services(env: Env) -> None:
    from bot.app import build_application
    from bot.local.bot_api import STANDIN_TOKEN, StandinRequest
    from bot.reminders.watch import JOB_NAME

    request = StandinRequest()
    app = build_application(env.services.settings, env.services, token=STANDIN_TOKEN,
                            request=request, rate_limit=False)  # fmt: skip
    assert app.job_queue.get_jobs_by_name(JOB_NAME)
    env.services.outside, outside = None, env.services.outside
    try:
        app = build_application(env.services.settings, env.services, token=STANDIN_TOKEN,
                                request=request, rate_limit=False)  # fmt: skip
        assert not app.job_queue.get_jobs_by_name(JOB_NAME)
    finally:
        env.services.outside = outside


async def test_the_watch_asks_the_bodacc_again_despite_the_cache(
    env: Env, server: OutsideStandin
) -> None:
    await env.add(12, "Atelier Dupuis", DUPUIS)
    (found,) = await env.services.outside.lookup(DUPUIS)  # cached: no proceeding yet
    assert found.proceedings == ()
    opening = next(n for n in server.notices if LUMEN in n["registre"] and n["jugement"])
    notice = {**opening, "id": "A202612019999", "numeroannonce": 9999,
              "registre": ["812 345 676", DUPUIS], "commercant": "ATELIER DUPUIS"}  # fmt: skip
    server.notices.append(notice)
    try:
        report = await env.run()
    finally:
        server.notices.remove(notice)
    assert report.sent == 1
    assert "Atelier Dupuis est en redressement judiciaire" in sent_texts(env.request, 12)[0]
