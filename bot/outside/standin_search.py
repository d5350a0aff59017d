"""The stand-in's imitation of the two services' query languages: the register's word search
and a small subset of Opendatasoft's ODSQL `where` (pure functions)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any

STOP_WORDS = frozenset(
    (
        "le",
        "la",
        "les",
        "de",
        "du",
        "des",
        "et",
        "en",
        "au",
        "aux",
        "a",
        "un",
        "une",
        "sur",
        "pour",
        "par",
    )
)
_TOKEN = re.compile(r"[a-z0-9]+")


class OdsqlError(ValueError):
    """A `where` the stand-in cannot read (answered 400 ODSQLError, like the portal)."""


def fold(text: str) -> str:
    """Lower case, no accents, apostrophes as spaces."""
    text = unicodedata.normalize("NFD", text.lower().replace("’", "'").replace("'", " "))
    return "".join(c for c in text if not unicodedata.combining(c))


def words(text: str) -> set[str]:
    """The searchable words of a text: folded, elisions and stop words out, plurals folded."""
    found = set()
    for token in _TOKEN.findall(fold(text)):
        if (len(token) == 1 and token.isalpha()) or token in STOP_WORDS:
            continue
        if len(token) > 3 and token[-1] in "sx" and not token.isdigit():
            token = token[:-1]
        found.add(token)
    return found


def unit_words(unit: dict[str, Any]) -> set[str]:
    """The words a legal unit is found by: its names and its establishments' addresses."""
    texts = [unit.get("nom_complet"), unit.get("nom_raison_sociale"), unit.get("sigle")]
    texts += [e.get("adresse") for e in establishments(unit)]
    return set().union(*(words(t) for t in texts if t))


def establishments(unit: dict[str, Any]) -> list[dict[str, Any]]:
    return [unit["siege"], *unit.get("_etablissements", [])]


def matches_words(unit: dict[str, Any], query: str) -> bool:
    wanted = words(query)
    return bool(wanted) and wanted <= unit_words(unit)


# --- ODSQL subset: comparisons, IN, AND, OR, NOT, parentheses -------------------------------

_ODSQL = re.compile(
    r"""\s*(?:
      (?P<string>"(?:[^"\\]|\\.)*")
    | date'(?P<date>\d{4}-\d{2}-\d{2})'
    | (?P<number>-?\d+(?:\.\d+)?)
    | (?P<op>>=|<=|!=|=|>|<|\(|\)|,)
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    )""",
    re.VERBOSE,
)


def _tokens(text: str) -> list[tuple[str, Any]]:
    tokens, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = _ODSQL.match(text, position)
        if match is None or match.end() == position:
            raise OdsqlError(f"unexpected character at position {position}")
        position = match.end()
        kind = match.lastgroup
        value: Any = match.group(kind)
        if kind == "string":
            value = value[1:-1].replace('\\"', '"')
        elif kind == "date":
            value = date.fromisoformat(value)
        elif kind == "number":
            value = float(value)
        elif kind == "word" and value.upper() in ("AND", "OR", "NOT", "IN"):
            kind, value = "op", value.upper()
        tokens.append((kind, value))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.at = 0

    def peek(self) -> tuple[str, Any] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, Any]:
        token = self.peek()
        if token is None or (value is not None and token != ("op", value)):
            raise OdsqlError(f"expected {value or 'a value'}")
        self.at += 1
        return token

    def parse(self) -> Any:
        tree = self.disjunction()
        if self.peek() is not None:
            raise OdsqlError(f"unexpected {self.peek()[1]!r}")
        return tree

    def disjunction(self) -> Any:
        return self._joined("OR", self.conjunction)

    def conjunction(self) -> Any:
        return self._joined("AND", self.factor)

    def _joined(self, operator: str, term: Callable[[], Any]) -> Any:
        """`term` (OPERATOR `term`)*, as ("or" | "and", [terms])."""
        terms = [term()]
        while self.peek() == ("op", operator):
            self.take(operator)
            terms.append(term())
        return (operator.lower(), terms)

    def factor(self) -> Any:
        if self.peek() == ("op", "NOT"):
            self.take("NOT")
            return ("not", self.factor())
        if self.peek() == ("op", "("):
            self.take("(")
            tree = self.disjunction()
            self.take(")")
            return tree
        kind, field = self.take()
        if kind != "word":
            raise OdsqlError(f"expected a field name, got {field!r}")
        _, op = self.take()
        if op == "IN":
            self.take("(")
            values = [self.value()]
            while self.peek() == ("op", ","):
                self.take(",")
                values.append(self.value())
            self.take(")")
            return ("in", field, values)
        if op not in ("=", "!=", ">", ">=", "<", "<="):
            raise OdsqlError(f"unknown operator {op!r}")
        return ("cmp", field, op, self.value())

    def value(self) -> Any:
        kind, value = self.take()
        if kind not in ("string", "date", "number"):
            raise OdsqlError(f"expected a literal, got {value!r}")
        return value


def parse_where(text: str) -> Any:
    return _Parser(text).parse()


def _values(record: dict[str, Any], field: str, like: Any) -> list[Any]:
    if field not in record:
        raise OdsqlError(f"Unknown field: {field}")
    raw = record[field]
    items = raw if isinstance(raw, list) else [raw]
    if isinstance(like, date):
        return [date.fromisoformat(item) for item in items if isinstance(item, str)]
    return items


def _compare(left: Any, op: str, right: Any) -> bool:
    if left is None:
        return False
    if isinstance(right, float) and isinstance(left, int | float | str):
        try:
            left = float(left)
        except ValueError:
            return False
    return {
        "=": left == right, "!=": left != right, ">": left > right, ">=": left >= right,
        "<": left < right, "<=": left <= right,
    }[op]  # fmt: skip


def evaluate(tree: Any, record: dict[str, Any]) -> bool:
    """Whether a record passes the parsed `where` (a list field matches on any element)."""
    kind = tree[0]
    if kind == "or":
        return any(evaluate(t, record) for t in tree[1])
    if kind == "and":
        return all(evaluate(t, record) for t in tree[1])
    if kind == "not":
        return not evaluate(tree[1], record)
    if kind == "in":
        _, field, values = tree
        return any(v in values for v in _values(record, field, values[0]))
    _, field, op, value = tree
    return any(_compare(v, op, value) for v in _values(record, field, value))
