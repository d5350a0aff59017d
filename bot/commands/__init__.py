"""Command-line entry points: `python -m bot <command>`, one module each with `main(argv)`."""
