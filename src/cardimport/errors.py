"""The one error a card can raise, worded so a user can fix the card without reading code."""

from __future__ import annotations


class CardError(Exception):
    """A card the importer cannot read: which card, which section, what is wrong and how to fix it."""

    def __init__(self, section: str, problem: str, fix: str, card: str = "card") -> None:
        super().__init__(section, problem, fix, card)
        self.section, self.problem, self.fix, self.card = section, problem, fix, card

    def naming(self, card: str) -> CardError:
        """The same error, naming the card file (the readers below it see only the text)."""
        return CardError(self.section, self.problem, self.fix, card)

    def __str__(self) -> str:
        return f"{self.card}: {self.section}: {self.problem}; fix: {self.fix}"
