"""Where a dialog keeps its answers and its state, and `advance`: the one way to take a step.

Each step writes the next state and the answers to the database *before* it replies, so the
question last shown survives a crash (`kill -9`) and DraftPersistence resumes it at start.
The process keeps a copy in `user_data` (never persisted by PTB), so reading the answers
back costs no query; after a restart the copy is empty and the database answers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import InlineKeyboardMarkup
from telegram.ext import ConversationHandler

from bot.store.origin import NextStep, set_next_step
from conversations.context import RelanceContext
from conversations.replying import remember_question, reply

Data = dict[str, Any]


Handler = Callable[[object, RelanceContext], Awaitable[int]]


class Drafts:
    """One dialog's answers (a JSON object) and state, by (user, chat)."""

    def __init__(self, flow: str) -> None:
        self.flow = flow
        self.key = f"draft:{flow}"

    def _cache(self, context: RelanceContext) -> dict[str, Any]:
        return context.user_data if context.user_data is not None else {}

    async def load(self, context: RelanceContext) -> Data:
        cached = self._cache(context).get(self.key)
        if cached is not None:
            return dict(cached)
        data = await context.services.draft_data(context.user_id, context.chat_id, self.flow)
        self._cache(context)[self.key] = dict(data)
        return data

    async def peek(self, context: RelanceContext) -> Data:
        """The answers so far, read without keeping a copy (for a step that replaces them)."""
        cached = self._cache(context).get(self.key)
        if cached is not None:
            return dict(cached)
        return await context.services.draft_data(context.user_id, context.chat_id, self.flow)

    async def save(self, context: RelanceContext, data: Data, state: int) -> int:
        """Record `state` (the next question) with the answers so far; returns `state`."""
        cache = self._cache(context)
        await context.services.save_draft(
            context.user_id,
            context.chat_id,
            self.flow,
            state,
            data,
            known_user=self.key in cache,
        )
        cache[self.key] = dict(data)
        return state

    async def advance(
        self,
        context: RelanceContext,
        data: Data,
        state: int,
        question: str,
        markup: InlineKeyboardMarkup | None = None,
        /,
        **values: object,
    ) -> int:
        """Take a step: save the answers with the next state, then ask the next question
        (`templates/bot/<question>.html.j2`); returns the state."""
        await self.save(context, data, state)
        message = await reply(context, question, markup, **values)
        remember_question(context, state, message, markup)
        return state

    def with_the_fact(
        self, context: RelanceContext, data: Data | None = None, *, row_key: str | None = None
    ) -> None:
        """The next fact recorded in this update also writes this dialog's step, in the same
        transaction: without `data` the dialog ends; with it, the dialog keeps its question
        and `data` become its answers (the fact's row id as `data[row_key]`). A crash after
        the fact cannot leave the question open without it, so an answer typed again records
        nothing twice."""
        key = (context.chat_id, context.user_id)
        set_next_step(NextStep(context.user_id, self.flow, key, data, row_key))

    async def end(self, context: RelanceContext) -> int:
        """Forget this dialog's answers; returns ConversationHandler.END."""
        self._cache(context).pop(self.key, None)
        await context.services.drop_draft(context.user_id, context.chat_id, self.flow)
        return ConversationHandler.END

    def end_then(self, show: Callable[[RelanceContext], Awaitable[object]]) -> Handler:
        """A handler that ends this dialog (any pending question of it), then `show`s."""

        async def handler(_update: object, context: RelanceContext) -> int:
            state = await self.end(context)
            await show(context)
            return state

        return handler

    def cancel_saying(self, template: str) -> Handler:
        """The `/annuler` handler of this dialog: its answers forgotten, `template` said."""
        return self.end_then(lambda context: reply(context, template))
