"""Forged or stale callback data, against every button prefix, in and out of dialogs: the
spinner always stops and the user reads that the button is no longer valid; nothing raises."""

from __future__ import annotations

import logging

import pytest

from tests.dialogs.test_dialog_intake import intake
from tests.support import dialog_fixtures

bot_env = dialog_fixtures.bot_env
ME = 1001

BIG = "9" * 40
# Every prefix the bot's buttons use (see the CallbackQueryHandler patterns), each forged.
PREFIXES = ["a", "cases", "case", "c", "pay", "cs", "cc", "cd", "rk", "rn", "pa", "pd", "ef",
            "ev", "k", "n", "d", "s", "r", "t", "p", "wipe", "pr", "pv", "rm", "pdf",
            "lk", "lkc"]  # fmt: skip
FORGED = [
    suffix.format(p=prefix)
    for prefix in PREFIXES
    for suffix in ("{p}", "{p}:", "{p}:x", f"{{p}}:{BIG}", "{p}:-1", "{p}:1:", "{p}:0:x:y:z",
                   f"{{p}}:1:sent:{BIG}:letter", "{p}:1:ch:", "{p}:\x00", "{p}:é" + "é" * 29)
] + [f"a:{BIG}:ch:email", f"a:1:sent:firm_reminder:{BIG}", f"pay:{BIG}", f"case:{BIG}",
     f"cases:{BIG}", f"c:{BIG}:contact", "a:1:pdf", "a:2:ch:letter", "a:1:ch:fax",
     "a:1:sent:nonexistent:email", "a:1:sent:formal_notice:sms", "a:1:sent:friendly_reminder",
     "a:1:pdf:x", "a:1:copy", "a:1:ch:email:x", "rm:25", "rm:-1", "rm:9:30", "rm:on", "rm:off",
     "pr:full_name", "pr:iban", "pv:clear", "pv:skip", "ef:amount", "ev:clear", "cs:formal_notice",
     "cc:email", "cd:today", "rk:promise", "pa:all", "pd:today", "k:business", "s:none",
     "r:promise", "r:dispute", "t:skip", "p:skip", "n:skip", "d:issue", "wipe:yes", "wipe:no",
     "c:1:contact", "c:1:resp", "c:1:edit", "pay:1", "c:1:close", "c:1:delete", "c:1:reopen",
     "c:1:x", "case:1:x", "cases:1:2", "pdf:ok", "pdf:fix", "pdf:fix:amount", "pdf:fix:due",
     "pdf:manual"]  # fmt: skip


async def _press_all(chat, caplog) -> None:
    for data in FORGED:
        with caplog.at_level(logging.ERROR):
            caplog.clear()
            calls = await chat.press_data(data)
        answers = [c for c in calls if c.method == "answerCallbackQuery"]
        assert answers, f"spinner left turning for {data!r}"
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR], data
        texts = [c.plain_text or "" for c in calls if c.is_message] + [
            str(c.params.get("text") or "") for c in answers
        ]
        assert not any("oops" in t or "Désolé" in t for t in texts), (data, texts)
    assert chat.unanswered_callbacks == []


async def test_forged_buttons_outside_any_dialog(bot_env, caplog):
    chat = bot_env.chat(ME)
    await intake(chat)  # a real case (id 1) with real buttons on the last message
    await _press_all(chat, caplog)


@pytest.mark.parametrize("command", ["/nouveau", "/profil", "/rappels"])
async def test_forged_buttons_inside_a_dialog(bot_env, caplog, command):
    chat = bot_env.chat(ME)
    await intake(chat)
    await chat.send(command)
    await _press_all(chat, caplog)
