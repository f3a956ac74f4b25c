"""The one-line error handler: a failure never exits 0, since DVC records a stage's outputs only when its command
succeeds (why the train stages need not depend on how a failure is worded)."""

from __future__ import annotations

import pytest

from cardrepro.errors import one_line_errors
from cardrepro.outputs import Interrupted, PublishError
from cardrepro.params import ParamsError

FAILURES = [
    (ParamsError("p.yaml: training.seed: -1; fix: a seed >= 0"), 2, "error: p.yaml: training.seed: -1; fix: a seed"),
    (ValueError("x.csv: empty; fix: fill it"), 2, "error: x.csv: empty; fix: fill it"),
    (FileNotFoundError("x.csv: not found; fix: put it there"), 2, "error: x.csv: not found; fix: put it there"),
    (PermissionError(13, "Permission denied", "/no/x.csv"), 2, "Permission denied; fix: check the path and its"),
    (OSError("the hub could not be reached"), 2, "error: the hub could not be reached; fix: check the path"),
    (KeyboardInterrupt(), 130, "error: train interrupted; nothing was published"),
    (Interrupted(), 143, "error: train interrupted; nothing was published"),
    (PublishError("reports/x: moved 2 of 5 files; fix: run it again"), 1, "error: reports/x: moved 2 of 5 files"),
]


@pytest.mark.parametrize(("raised", "code", "line"), FAILURES, ids=[type(f[0]).__name__ + str(i) for i, f in enumerate(FAILURES)])
def test_every_failure_is_one_line_with_one_fix_and_a_nonzero_code(raised, code, line, capsys):
    def action():
        raise raised

    assert one_line_errors("train", action) == code
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and line in err, err
    assert err.count("fix:") <= 1, err


def test_success_is_zero_and_a_bug_is_not_swallowed():
    assert one_line_errors("train", lambda: None) == 0
    with pytest.raises(RuntimeError, match="a bug"):
        one_line_errors("train", lambda: (_ for _ in ()).throw(RuntimeError("a bug")))
