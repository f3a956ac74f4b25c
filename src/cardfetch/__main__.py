"""``python -m cardfetch [names...]`` (``make data``): one line per data set; exit status 1 if any is missing."""

from __future__ import annotations

import argparse
import sys

from cardfetch.download import FetchError
from cardfetch.fetch import Differs, fetch
from cardfetch.sources import datasets
from cardrepro.paths import project_root


def main(argv: list[str] | None = None) -> int:
    known = datasets()
    parser = argparse.ArgumentParser(prog="python -m cardfetch", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"some of {', '.join(known)} (default: all)")
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in known]
    if unknown:
        parser.exit(2, f"error: unknown data set {', '.join(unknown)}; fix: use some of {', '.join(known)}\n")
    root, failed = project_root(), 0
    for name in args.names or known:
        dataset = known[name]
        try:
            print(f"{name} ({', '.join(dataset.runs)}): {fetch(dataset, root)}")
        except FetchError as exc:
            failed += 1
            state = "differs" if isinstance(exc, Differs) else "missing"
            print(f"{name} ({', '.join(dataset.runs)}): {state}: {exc}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
