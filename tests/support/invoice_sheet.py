"""A page to draw test invoices on with ReportLab: text at a place, lines, pages."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas


class Sheet:
    """A4 pages in points from the bottom left, Helvetica; `pdf()` gives the bytes."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self._canvas = Canvas(self._buffer, pagesize=A4, invariant=1)

    def at(self, x: float, y: float, text: str, size: float = 10, right: bool = False) -> None:
        self._canvas.setFont("Helvetica", size)
        if right:
            self._canvas.drawRightString(x, y, text)
        else:
            self._canvas.drawString(x, y, text)

    def rule(self, y: float) -> None:
        self._canvas.line(50, y, 545, y)

    def new_page(self) -> None:
        self._canvas.showPage()

    def pdf(self) -> bytes:
        self._canvas.showPage()
        self._canvas.save()
        return self._buffer.getvalue()
