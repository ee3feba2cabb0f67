"""Stage 9, the shell: `bulletin` and its subcommands, a thin click layer over the library API.

In come the user's arguments; out go records, flags and reviews on standard output or
into files, with progress and errors on standard error. Exit codes: 0 clean, 1 error-level
flags or failed files, 2 usage errors.
"""
from .app import cli, main

__all__ = ["cli", "main"]
