"""Runtime helpers beside the wiring point `bot.app`: time, logs, services, the webhook."""
