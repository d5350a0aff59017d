"""Relance: a Telegram assistant that helps French freelancers get unpaid invoices paid."""
