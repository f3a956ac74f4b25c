"""Reproduce five sentence-transformers model cards as a papermill + DVC pipeline."""

import warnings

__version__ = "0.1.0"


def _one_line_warning(message, category, filename, lineno, line=None) -> str:
    return f"warning: {message}\n"


def one_line_warnings() -> None:
    """Show warnings as ``warning: <message>``: dropped-row counts read as one line, with no machine paths.

    Called by the CLI and by each notebook, whose stored stderr nbval compares on other machines.
    """
    warnings.formatwarning = _one_line_warning
