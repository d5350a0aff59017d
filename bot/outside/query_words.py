"""Words people add to a company's name that the register's word search would not find in it:
legal forms (data only)."""

LEGAL_FORMS = frozenset(
    {"sarl", "sas", "sasu", "eurl", "sa", "sci", "snc", "scop", "selarl", "selas", "ei", "eirl",
     "micro-entreprise", "auto-entrepreneur"}
)  # fmt: skip
