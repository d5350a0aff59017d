"""Relance benchmarks: `python -m bench` writes bench/RESULTS.md (see bench/run.py)."""
