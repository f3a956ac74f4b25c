"""The same recipe at other training seeds: which real-data runs repeat a run, and how far its figures move.

A run of params/real.yaml repeats another when it names the same run and data and sets the same values but
``training.seed``. Its report reads their measurements (real/dvc.yaml makes them dependencies) and gives each
figure an interval over seeds and held-out items together: each resample draws one of the seeds, then the
held-out items with replacement, and recomputes the figure from that seed's per-item scores. That is the
spread of one run of the recipe, the thing a card's figure is, where the held-out resampling alone holds the
training seed fixed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cardrepro.params import RunParams, real_runs
from cardrepro.uncertainty import LEVEL, RESAMPLES, _statistic  # one statistic for both kinds of interval

METHOD = ("two-level bootstrap: each of {resamples} resamples draws one of the {seeds} training seeds, then the "
          "{items} held-out items with replacement")


def _without_seed(entry: dict) -> dict:
    changes = {section: dict(values) for section, values in (entry.get("set") or {}).items()}
    changes.get("training", {}).pop("seed", None)
    return {"run": entry["run"], "raw": entry["raw"], "set": {k: v for k, v in changes.items() if v}}


def repeat_names(params: RunParams) -> list[str]:
    """The runs of params/real.yaml that repeat this one at other training seeds (none for generated runs)."""
    name = (params.origin or {}).get("real")
    if name is None:
        return []
    runs = real_runs()
    return [other for other, entry in runs.items()
            if other != name and _without_seed(entry) == _without_seed(runs[name])]


def load_repeats(params: RunParams) -> dict[int, dict]:
    """{training seed: measurements} of the runs that repeat this one, read from their train stages' records."""
    from cardrepro.measurements import load
    from cardrepro.params import load_run
    from cardrepro.report_inputs import check_measured

    found = {}
    for name in repeat_names(params):
        repeat = load_run(params.origin["params_file"], profile=params.origin["profile"], real=name)
        found[repeat.training["seed"]] = load(check_measured(repeat))
    return found


def seed_item_intervals(per_seed: dict[int, pd.DataFrame], resamples: int = RESAMPLES, level: float = LEVEL,
                        seed: int = 0, against: dict[int, pd.DataFrame] | None = None) -> dict[str, list[float]]:
    """Percentile intervals of each metric over seeds and held-out items together (the module's method).
    ``per_seed``: each training seed's per-item scores on the same held-out items, in the same order. With
    ``against`` (per-item scores at the same seeds), the interval of the paired difference ``per_seed - against``:
    each resample draws one seed for both and the same items from both."""
    seeds = sorted(per_seed)
    if against is not None and sorted(against) != seeds:
        raise ValueError(f"paired seeds differ: {seeds} and {sorted(against)}; fix: compare runs at the same seeds")
    frames = [per_seed[s] for s in seeds] + ([against[s] for s in seeds] if against is not None else [])
    if any(not frame.index.equals(frames[0].index) for frame in frames):
        raise ValueError("the repeats scored different held-out items; fix: repeat with the same data")
    rng = np.random.default_rng(seed)
    chosen = rng.integers(0, len(seeds), size=resamples)
    draws = rng.integers(0, len(frames[0]), size=(resamples, len(frames[0])))
    statistics = [_statistic(frame) for frame in frames]
    if against is None:
        sampled = [statistics[which](rows) for which, rows in zip(chosen, draws, strict=True)]
    else:
        def difference(which: int, rows) -> dict[str, float]:
            mine, theirs = statistics[which](rows), statistics[len(seeds) + which](rows)
            return {name: mine[name] - theirs[name] for name in mine}
        sampled = [difference(which, rows) for which, rows in zip(chosen, draws, strict=True)]
    tail = (1 - level) / 2 * 100
    return {name: [round(float(v), 6) for v in np.percentile([s[name] for s in sampled], [tail, 100 - tail])]
            for name in sampled[0]}


def repeats_record(seed: int, measured: dict, repeats: dict[int, dict], metrics: list[str]) -> dict | None:
    """details.json's ``repeats``: the seeds, each seed's tuned figures, the intervals over seeds and items and
    how they were drawn; None without repeats."""
    if not repeats:
        return None
    runs = {seed: measured, **repeats}
    seeds = sorted(runs)
    per_seed = {s: runs[s]["tuned_per_query"] for s in seeds}
    items = len(per_seed[seeds[0]])
    return {"seeds": seeds,
            "tuned": {name: {str(s): runs[s]["tuned_scores"].get(name) for s in seeds} for name in metrics},
            "intervals": seed_item_intervals(per_seed),
            "method": METHOD.format(resamples=RESAMPLES, seeds=len(seeds), items=items)}


def eval_at_card_steps(measured: dict, repeats: dict[int, dict], logged: dict, metric: str) -> dict:
    """The run's held-out metric at each step the card logged an evaluation, with every seed's value there."""
    column = f"eval_{metric}"
    rows = {}
    for step, card in logged.items():
        def at(record: dict) -> float | None:
            history = record["history"]
            found = history.loc[history["step"] == int(step), column].dropna() if column in history else []
            return float(found.iloc[0]) if len(found) else None

        run = at(measured)
        seeds = [value for value in (at(record) for record in [measured, *repeats.values()]) if value is not None]
        rows[str(step)] = {"card": float(card), "run": run, "seeds": seeds if repeats else []}
    return rows


def repeated_runs(overlay=None) -> dict[str, str]:
    """{name: the run it repeats} for every run of params/real.yaml that repeats an earlier one at another seed."""
    runs = real_runs(overlay) if overlay is not None else real_runs()
    found, seen = {}, {}
    for name, entry in runs.items():
        key = repr(_without_seed(entry))
        if key in seen:
            found[name] = seen[key]
        else:
            seen[key] = name
    return found
