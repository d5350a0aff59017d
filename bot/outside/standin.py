"""A local stand-in of the company register and the BODACC: a real HTTP server in a thread,
speaking both services' formats over the fixtures in `bot/outside/fixtures/` (or others).

    with OutsideStandin() as standin:
        Outside.create(standin.url, standin.url)  # one server answers both paths

`throttle(n)` answers the next n requests 429 with Retry-After; `slow(seconds)` delays every
answer; `requests` lists what was asked (path, query parameters)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlsplit

from bot.outside import bodacc, registry
from bot.outside.standin_search import (
    OdsqlError,
    establishments,
    evaluate,
    matches_words,
    parse_where,
)

MAX_TOTAL = 10_000
BASE_FIELDS = (
    "siren", "nom_complet", "nom_raison_sociale", "sigle", "nombre_etablissements",
    "nombre_etablissements_ouverts", "activite_principale", "categorie_entreprise",
    "date_creation", "date_fermeture", "date_mise_a_jour", "etat_administratif",
    "nature_juridique", "section_activite_principale", "tranche_effectif_salarie",
    "statut_diffusion", "matching_etablissements",
)  # fmt: skip
INCLUDABLE = ("siege", "complements", "dirigeants", "finances")


def fixture(name: str) -> list[dict[str, Any]]:
    """The `results` of one of the bundled fixtures (`registry` or `bodacc`)."""
    text = resources.files("bot.outside").joinpath("fixtures", f"{name}.json").read_text("utf-8")
    return json.loads(text)["results"]


class Refusal(Exception):
    def __init__(self, body: dict[str, Any]) -> None:
        super().__init__(body)
        self.body = body


def _int(params: dict[str, str], name: str, default: int, low: int, high: int, error: Any) -> int:
    text = params.get(name)
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        raise Refusal(error(f"Veuillez indiquer un entier pour le paramètre {name}.")) from None
    if not low <= value <= high:
        raise Refusal(error(f"Le paramètre {name} doit être compris entre {low} et {high}."))
    return value


def _registry_error(message: str) -> dict[str, Any]:
    return {"erreur": message}


def _bodacc_error(message: str) -> dict[str, Any]:
    return {"error_code": "InvalidRESTParameterError", "message": message}


def search(units: list[dict[str, Any]], params: dict[str, str]) -> dict[str, Any]:
    """The register's `/search` over `units`."""
    query = (params.get("q") or "").strip()
    page = _int(params, "page", 1, 1, 1000, _registry_error)
    per_page = _int(params, "per_page", 10, 1, 25, _registry_error)
    if page * per_page > MAX_TOTAL:
        raise Refusal(_registry_error("Le nombre total de résultats est limité à 10 000."))
    postcodes = [p for p in (params.get("code_postal") or "").split(",") if p]
    if any(len(p) != 5 or not p.isalnum() for p in postcodes):
        raise Refusal(_registry_error("Chaque code postal doit contenir 5 caractères."))
    state = params.get("etat_administratif")
    if state not in (None, "A", "C"):
        raise Refusal(_registry_error("etat_administratif doit valoir A ou C."))
    number = registry.identifier(query)
    if number is None and len(query) < 3 and not (postcodes or state):
        raise Refusal(
            _registry_error("Veuillez indiquer au moins un paramètre de recherche (3 caractères).")
        )
    found: list[dict[str, Any]] = []
    for unit in units:
        if number is not None:
            hits = [e for e in establishments(unit) if e["siret"] == number]
            if unit["siren"] != number and not hits:
                continue
            found.append(_shown(unit, hits, params))
            continue
        if query and not matches_words(unit, query):
            continue
        if state and unit["etat_administratif"] != state:
            continue
        hits = [e for e in establishments(unit) if not postcodes or e["code_postal"] in postcodes]
        if postcodes and not hits:
            continue
        found.append(_shown(unit, hits if postcodes else [], params))
    total = min(len(found), MAX_TOTAL)
    return {
        "results": found[(page - 1) * per_page : page * per_page],
        "total_results": total,
        "page": page,
        "per_page": per_page,
        "total_pages": -(-total // per_page),
    }


def _shown(
    unit: dict[str, Any], hits: list[dict[str, Any]], params: dict[str, str]
) -> dict[str, Any]:
    """A unit as the register shows it, trimmed by `minimal` / `include`."""
    full = {k: v for k, v in unit.items() if not k.startswith("_")}
    full["matching_etablissements"] = hits
    if params.get("minimal") != "true":
        return full
    included = {part for part in (params.get("include") or "").split(",") if part}
    keep = set(BASE_FIELDS) | (included & set(INCLUDABLE))
    return {k: v for k, v in full.items() if k in keep}


def records(notices: list[dict[str, Any]], params: dict[str, str]) -> dict[str, Any]:
    """The portal's `records` endpoint over `notices`."""
    limit = _int(params, "limit", 10, -1, 100, _bodacc_error)
    offset = _int(params, "offset", 0, 0, MAX_TOTAL, _bodacc_error)
    limit = 100 if limit == -1 else limit
    if offset + limit > MAX_TOTAL:
        raise Refusal(_bodacc_error("offset + limit must be at most 10000"))
    found = notices
    if params.get("where"):
        try:
            tree = parse_where(params["where"])
            found = [r for r in notices if evaluate(tree, r)]
        except OdsqlError as error:
            raise Refusal({"error_code": "ODSQLError", "message": str(error)}) from None
    order = (params.get("order_by") or "").split()
    if order:
        if order[0] not in ("dateparution", "numeroannonce", "id"):
            raise Refusal({"error_code": "ODSQLError", "message": f"Unknown field: {order[0]}"})
        reverse = len(order) > 1 and order[1].lower() == "desc"
        found = sorted(found, key=lambda r: r[order[0]], reverse=reverse)
    return {"total_count": len(found), "results": found[offset : offset + limit]}


class OutsideStandin:
    """Both services on one local HTTP server (127.0.0.1, a free port)."""

    def __init__(
        self,
        units: list[dict[str, Any]] | None = None,
        notices: list[dict[str, Any]] | None = None,
        *,
        port: int = 0,
    ) -> None:
        self.units = fixture("registry") if units is None else units
        self.notices = fixture("bodacc") if notices is None else notices
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._lock = threading.Lock()
        self._throttled = 0
        self._retry_after = "1"
        self._delay = 0.0
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> OutsideStandin:
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="outside-standin", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> OutsideStandin:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def throttle(self, count: int, retry_after: str = "1") -> None:
        """Answer the next `count` requests 429 Too Many Requests."""
        with self._lock:
            self._throttled, self._retry_after = count, retry_after

    def slow(self, seconds: float) -> None:
        """Wait `seconds` before every answer (0 to stop)."""
        self._delay = seconds

    def answer(self, path: str, params: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        """Status, extra headers and JSON body for one GET."""
        with self._lock:
            self.requests.append((path, params))
            if self._throttled > 0:
                self._throttled -= 1
                return 429, {"Retry-After": self._retry_after}, {"erreur": "Too Many Requests"}
        try:
            if path == registry.SEARCH_PATH:
                return 200, {}, search(self.units, params)
            if path == bodacc.RECORDS_PATH:
                return 200, {}, records(self.notices, params)
        except Refusal as refusal:
            return 400, {}, refusal.body
        return 404, {}, {"error": "not found"}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once

            def do_GET(self) -> None:
                if standin._delay:
                    time.sleep(standin._delay)
                parts = urlsplit(self.path)
                params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                status, headers, body = standin.answer(parts.path, params)
                data = json.dumps(body, ensure_ascii=False).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler
