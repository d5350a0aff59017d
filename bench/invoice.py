"""`python -m bench.invoice`: time to read a two-page invoice PDF (plain and Factur-X).

The documents are the test fixtures (tests/support/invoice_plain.py and invoice_facturx.py).
The first read (imports included) is reported apart from the median of the next ones.
"""

from __future__ import annotations

import time

from bench.common import emit, median


def _timed(read, data: bytes, runs: int) -> dict[str, float]:
    started = time.perf_counter()
    read(data)
    first = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        read(data)
        times.append(time.perf_counter() - started)
    return {"first_ms": round(first * 1000, 1), "median_ms": round(median(times) * 1000, 1)}


def main(runs: int = 30) -> dict:
    started = time.perf_counter()
    import facturx  # noqa: F401  (the reader imports it on its first read)

    from bot.documents import read_invoice

    imports = time.perf_counter() - started
    from tests.support.invoice_facturx import FACTURX, facturx_pdf
    from tests.support.invoice_plain import two_pages

    result = {
        "name": "invoice_read",
        "import_ms": round(imports * 1000, 1),
        "plain_two_pages": _timed(read_invoice, two_pages(), runs),
        "facturx_en16931": _timed(read_invoice, facturx_pdf(FACTURX[4]), runs),
    }
    emit(result)
    return result


if __name__ == "__main__":
    main()
