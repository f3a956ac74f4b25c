"""Does length grouping change what training learns? Random vs length-grouped batches over seeds.

For each pairwise recipe (TSDAE, CosineSimilarity) the project's training path runs the same
number of steps from the same base model at each seed, once with the trainer's random batches and
once with length-grouped ones. Reported per variant: training seconds, sentence_0 padding, the
mean loss over the last logging window, and the run's held-out metric; and whether the grouped
runs' mean loss and metric move by less than the seed alone moves the random runs (their range).

    python -m benchmarks.length_grouping [--steps 100] [--seeds 42 43 44] [--source real --raw ../shared/data/eedi]
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

from benchmarks.bench_training import add_data_arguments, check_data_arguments

RECIPES = {"tsdae": "tsdae_minilm", "cosine": "cosine_sparql"}  # recipe -> params/<run>.yaml


def one_run(run: str, steps: int, seed: int, group_by_length: bool, train_pairs: list[dict], evaluator) -> dict:
    from cardrepro.evaluation import evaluate
    from cardrepro.models import load_sentence_transformer, resolve_base_model
    from cardrepro.params import load
    from cardrepro.distributed import train

    params = load(f"params/{run}.yaml")
    model = load_sentence_transformer(resolve_base_model(params.model), params.model["max_seq_length"],
                                      params.model.get("normalize"))
    training = {**params.training, "max_steps": steps, "seed": seed, "group_by_length": group_by_length,
                "logging_steps": max(1, steps // 4), "compare_conditioning": False}
    training.pop("compare_seeds", None)
    result = train(model, train_pairs, training)
    losses = result.history.dropna(subset=["loss"])
    return {"seed": seed, "seconds": round(result.seconds, 2), "padding": result.padding,
            "loss_curve": {int(step): round(float(loss), 4) for step, loss in zip(losses["step"], losses["loss"])},
            "last_window_loss": round(float(losses["loss"].iloc[-1]), 4),
            "metric": round(evaluate(model, evaluator)[params.evaluation["metric"]], 4)}


def within_seed_noise(values: list[float], reference: list[float]) -> dict:
    """The grouped runs' mean against the random runs': a shift smaller than the spread the seed alone
    causes among random runs (their max - min) is within seed noise."""
    shift = statistics.fmean(values) - statistics.fmean(reference)
    spread = max(reference) - min(reference)
    return {"mean_shift": round(shift, 4), "random_seed_range": round(spread, 4), "within": abs(shift) <= spread}


def compare(run: str, steps: int, seeds: list[int], source: str = "generated", raw: str | None = None) -> dict:
    from benchmarks.bench_training import benchmark_data, benchmark_pairs
    from cardrepro.data import CORPUS_RUNS, load_pairs
    from cardrepro.evaluation import make_evaluator
    from cardrepro.params import load

    params = load(f"params/{run}.yaml")
    data = benchmark_data(params.data, source, raw)
    train_pairs = benchmark_pairs(run, steps, source, raw)  # the same seeded sample as the throughput benchmark
    corpus = load_pairs(run, data, "corpus") if run in CORPUS_RUNS else None
    evaluator = make_evaluator(params.evaluation, load_pairs(run, data, "eval"), corpus)
    runs = {name: [one_run(run, steps, seed, grouped, train_pairs, evaluator) for seed in seeds]
            for name, grouped in (("random", False), ("length-grouped", True))}
    summary = {name: {"median_seconds": statistics.median(r["seconds"] for r in rows),
                      "padding": rows[0]["padding"],
                      "loss": [r["last_window_loss"] for r in rows], "metric": [r["metric"] for r in rows]}
               for name, rows in runs.items()}
    random, grouped = summary["random"], summary["length-grouped"]
    return {"run": run, "data": source, "pairs": len(train_pairs), "steps": steps, "seeds": seeds,
            "metric": params.evaluation["metric"], "runs": runs,
            "summary": summary, "speedup": round(random["median_seconds"] / grouped["median_seconds"], 3),
            "loss": within_seed_noise(grouped["loss"], random["loss"]),
            "metric_check": within_seed_noise(grouped["metric"], random["metric"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--seeds", type=int, nargs="+", default=[42, 43, 44])
    parser.add_argument("--recipes", nargs="*", default=list(RECIPES), choices=list(RECIPES))
    add_data_arguments(parser)
    parser.add_argument("--out", default="reports/benchmarks/length_grouping.json")
    args = parser.parse_args(argv)
    check_data_arguments(parser, args)
    from cardrepro import one_line_warnings

    one_line_warnings()
    results = {}
    for recipe in args.recipes:
        result = results[recipe] = compare(RECIPES[recipe], args.steps, args.seeds, args.source, args.raw)
        for name, row in result["summary"].items():
            print(f"{recipe:7s} {name:15s} {row['median_seconds']:7.1f} s  padding {row['padding']:.3f}  "
                  f"loss {row['loss']}  {result['metric']} {row['metric']}")
        print(f"{recipe:7s} speed-up x{result['speedup']:.2f}; loss {result['loss']}; metric {result['metric_check']}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
