"""Offline Telegram: a Bot API stand-in in process and its terminal view (`python -m bot chat`)."""
