"""Read a sentence-transformers model card (its README.md) into the ``card:`` section of params/<run>.yaml.

The params files kept that section by hand; reading it from the card keeps the two from drifting apart.
"""

from __future__ import annotations

from cardimport.card import card_section
from cardimport.errors import CardError

__all__ = ["CardError", "card_section"]
