"""``python -m cardimport CARD.md --run NAME``: print the card's ``card:`` section as YAML; writes no file.

A card it cannot read exits with status 2 and one line on stderr: card, section, problem and fix.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cardimport.card import card_section
from cardimport.errors import CardError
from cardimport.params_file import card_yaml


def as_yaml(run: str, card_file: str, found: dict[str, Any]) -> str:
    """The section under a ``card:`` key, headed by where it goes and where it came from."""
    return f"# params/{run}.yaml, read from {card_file}\n{card_yaml(found)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cardimport", description=__doc__.splitlines()[0])
    parser.add_argument("card", type=Path, help="the model card (README.md) to read")
    parser.add_argument("--run", required=True, help="the run whose params/<run>.yaml the section is for")
    args = parser.parse_args(argv)
    try:
        found = card_section(args.card.read_text(encoding="utf-8"), args.card.name)
    except (OSError, UnicodeDecodeError) as error:
        print(f"{args.card.name}: file: cannot read it ({type(error).__name__}); fix: give a UTF-8 text file",
              file=sys.stderr)
        return 2
    except CardError as error:
        print(error, file=sys.stderr)
        return 2
    sys.stdout.write(as_yaml(args.run, args.card.name, found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
