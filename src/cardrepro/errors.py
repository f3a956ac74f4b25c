"""One line for every error a command can meet, the same for ``cardrepro`` and for the train stage's own command
(``python -m cardrepro.train_stage``), so that a ``dvc repro`` and a ``cardrepro train`` fail alike."""

from __future__ import annotations

import sys
from collections.abc import Callable

from cardrepro.paths import shown


def one_line_errors(command: str, action: Callable[[], None],
                    more: Callable[[Exception], int | None] | None = None) -> int:
    """Run ``action`` and turn what it raises into one ``error:`` line and an exit code: 2 for bad input (params,
    values, paths), 130 or 143 for Ctrl-C or SIGTERM, 1 for a failed publication; ``more`` may answer other
    exceptions with a code (having printed its line), else they propagate as the bugs they are."""
    from cardrepro.outputs import Interrupted, PublishError
    from cardrepro.params import ParamsError

    try:
        action()
    except (ParamsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        where = f"{shown(exc.filename)}: " if exc.filename else ""
        message = f"{where}{exc.strerror}" if exc.strerror else str(exc)  # the package's readers write their own
        fix = "" if "fix:" in message else "; fix: check the path and its permissions"
        print(f"error: {message}{fix}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        _close_progress_bars()  # else the trainer's bar, freed with the traceback, redraws below the error line
        print(f"error: {command} interrupted; nothing was published, the previous results are as they were",
              file=sys.stderr)
        return 143 if isinstance(exc, Interrupted) else 130  # the shells' codes for SIGTERM and Ctrl-C
    except PublishError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        code = more(exc) if more else None
        if code is None:
            raise
        return code
    return 0


def _close_progress_bars() -> None:
    """Close the bars an interrupted run left open, so that the error is the last line on the terminal."""
    from tqdm.std import tqdm

    for bar in list(getattr(tqdm, "_instances", ())):
        bar.close()
