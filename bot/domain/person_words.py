"""Words that make a client's name a private person's (data only)."""

CIVILITIES = frozenset(
    {"m", "mr", "mme", "mlle", "mmes", "monsieur", "madame", "mademoiselle", "messieurs"}
)
PERSON_MARKERS = frozenset({"particulier", "particuliere"})
