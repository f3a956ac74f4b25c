"""Reproduce five sentence-transformers model cards as a papermill + DVC pipeline."""

__version__ = "0.1.0"
