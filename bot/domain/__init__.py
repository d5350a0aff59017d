"""Pure recovery rules: no Telegram, no database, no templates. `today` is always a parameter."""
