"""Command-line entry points: `python -m bot <command>`; one module per command, each with `main(argv)`."""
