"""Telegram dialogs: parse the input, call the domain, render a template, reply."""
