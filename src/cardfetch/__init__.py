"""Fetch the cards' public data into data/raw/ (``make data``), verified against pinned SHA-256 sums.

Kept apart from ``cardrepro``: the runs read data/raw/ and never import this, so a change to how data
is fetched never makes a trained result stale.
"""
