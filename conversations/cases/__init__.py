"""`/dossiers` and the case card (DESIGN §9): the list of open cases, a card with its
timeline and next step, and what can be done from it — record a contact, a response, a
payment, insolvency proceedings; correct a fact; close, delete, reopen. One module per
sub-flow; `flow` holds the states, the draft and the steps they share; `dialog` the wiring."""
