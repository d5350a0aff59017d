"""`/nouveau`: the intake of one unpaid invoice, one short question at a time (DESIGN §9).

`invoice` asks about the invoice, `history` about what happened since, `finish` stores the
case; `flow` holds the states, the answers and the order of the questions. `dialog`: the wiring,
and what the intake says when it is interrupted (another command, a voice note)."""
