"""Progress of long work goes to the terminal that runs ``cardrepro execute``, never into the report.

``run_notebook`` starts the kernel with its process stderr left alone (``capture_fd_output`` off)
and calls ``to_terminal`` before any cell: every tqdm bar (model loading, the trainer's steps,
saving, ``progress``) then draws on the user's terminal, and the trainer's notebook table and
transformers' weight-loading reports stay out of the executed notebook. In JupyterLab nothing
changes: bars draw in the notebook as usual.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager

KERNEL_ARGUMENTS = ["--IPKernelApp.capture_fd_output=False",
                    "--IPKernelApp.exec_lines=['import cardrepro.progress', 'cardrepro.progress.to_terminal()']"]


def _terminal_tqdm():
    import tqdm.std

    class TerminalTqdm(tqdm.std.tqdm):
        """A text bar on the kernel process's own stderr: the terminal of whoever ran the notebook."""

        def __init__(self, *args, **kwargs):
            kwargs["file"] = sys.__stderr__
            super().__init__(*args, **kwargs)

        @classmethod
        def write(cls, s, file=None, end="\n", nolock=False):
            super().write(s, file=sys.__stderr__, end=end, nolock=nolock)

    return TerminalTqdm


def to_terminal() -> None:
    """Send every progress bar to the terminal and keep load reports out of the notebook (run before
    transformers or sentence-transformers is imported, so their ``from tqdm.auto import tqdm`` sees it)."""
    import tqdm.auto
    import tqdm.autonotebook

    tqdm.auto.tqdm = tqdm.autonotebook.tqdm = _terminal_tqdm()
    import transformers.trainer
    import transformers.trainer_callback
    from transformers.utils import logging as transformers_logging

    transformers.trainer.DEFAULT_PROGRESS_CALLBACK = transformers.trainer_callback.ProgressCallback
    transformers_logging.set_verbosity_error()  # load reports name this machine's paths; the TSDAE objective's decoder_facts say what matters


@contextmanager
def quiet_loading(bars: bool = False):
    """No load report (it names this machine's paths) and, unless ``bars``, no weight-loading bar while a model is
    built inside a step that says itself what matters (the TSDAE checks' decoders, the Gemma 3 conversion); the
    settings before are restored after. ``to_terminal`` is the notebook session's own, lasting setting."""
    from transformers.utils import logging as transformers_logging

    shown, verbosity = transformers_logging.is_progress_bar_enabled(), transformers_logging.get_verbosity()
    if not bars:
        transformers_logging.disable_progress_bar()
    transformers_logging.set_verbosity_error()
    try:
        yield
    finally:
        transformers_logging.set_verbosity(verbosity)
        if shown and not bars:
            transformers_logging.enable_progress_bar()


def progress(iterable, desc: str):
    """A bar over ``iterable``: on the terminal under ``cardrepro execute``, in the notebook in JupyterLab."""
    from tqdm.auto import tqdm

    return tqdm(iterable, desc=desc)
