"""Clients of the public services the bot calls: the company register and the BODACC."""
