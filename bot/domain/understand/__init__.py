"""Reading free text (DESIGN §8 `understand`): one message → intent, slots, voice."""

from bot.domain.understand.reader import EVENTS, INTENTS, RESPONSES, Reading, understand

__all__ = ["EVENTS", "INTENTS", "RESPONSES", "Reading", "understand"]
