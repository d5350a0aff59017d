"""The words layer: Jinja2 templates rendered into messages, letters and PDFs (DESIGN §2, §6)."""
