"""The context every handler gets (PTB `ContextTypes(context=RelanceContext)`): typed
shortcuts for what each step looks up — the services, the repository, the user, today, the
case a button names — and `send`, which writes HTML to the update's chat."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.domain.typed_text import visible
from bot.words.html_split import split_html

if TYPE_CHECKING:
    from bot.runtime.services import Services
    from bot.store import Repo, StoredCase

MAX_TEXT = 4096  # Telegram's limit on one message's text


class RelanceContext(CallbackContext[ExtBot, dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB's CallbackContext, plus the update it was made for and the bot's services."""

    def __init__(
        self,
        application: Application,
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application, chat_id=chat_id, user_id=user_id)
        self.update: Update | None = None

    @classmethod
    def from_update(cls, update: object, application: Application) -> RelanceContext:
        context = super().from_update(update, application)
        if isinstance(update, Update):
            context.update = update
        return context

    @property
    def services(self) -> Services:
        return self.bot_data["services"]

    @property
    def repo(self) -> Repo:
        return self.services.repo

    @property
    def user_id(self) -> int:
        """The Telegram user the update comes from."""
        assert self._user_id is not None
        return self._user_id

    @property
    def chat_id(self) -> int:
        assert self._chat_id is not None
        return self._chat_id

    def today(self) -> date:
        """The user's today, from the injected clock."""
        return self.services.clock.today()

    @property
    def text(self) -> str:
        """The text the user sent ("" for a button press or a file), without the characters
        nobody sees (NUL, bidirectional marks...: `typed_text.visible`)."""
        if self.update is None or self.update.callback_query is not None:
            return ""
        message = self.update.effective_message
        return visible(message.text or "") if message is not None else ""

    @property
    def pressed(self) -> bool:
        """Whether the update is a button press (not a typed answer)."""
        return self.update is not None and self.update.callback_query is not None

    async def case(self, case_id: object) -> StoredCase | None:
        """The user's case of that id (any form: text from a button, an int), else None."""
        return await self.services.case(self.user_id, case_id)

    async def send(self, text: str, markup: InlineKeyboardMarkup | None = None) -> Message:
        """Send HTML text to the update's chat, split under 4096 characters; buttons on the
        last part."""
        parts = split_html(text, MAX_TEXT)
        message: Message | None = None
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            message = await self.bot.send_message(
                self.chat_id,
                part,
                parse_mode=ParseMode.HTML,
                reply_markup=markup if last else None,
                disable_web_page_preview=True,
            )
        assert message is not None
        if self.user_data is not None:  # none for a channel post
            self.user_data[LAST_SENT] = message.message_id
        return message


LAST_SENT = "last_sent"  # user_data: the id of the latest message a step sent this user

CONTEXT_TYPES = ContextTypes(context=RelanceContext)
