# Two commands a newcomer needs: `make repro` (set up + run the pipeline) and `make test`.
# Everything lands in .venv; torch is installed first (TORCH: pass an --index-url for its CPU build, see README).
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(abspath $(VENV))/bin
# the pipeline's stages call `cardrepro`, `papermill` and the kernel from this environment
RUN    := PATH="$(BIN):$$PATH" HF_HUB_DISABLE_TELEMETRY=1
TORCH  := torch==2.13.0
KERNEL := cardrepro

.PHONY: setup kernel repro seeds data repro-real plots test notebooks bench gpu lab clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet $(TORCH)
	$(BIN)/pip install --quiet -e '.[dev]'
	$(MAKE) kernel
	touch $@

kernel:
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python ($(KERNEL))"

repro: setup
	$(RUN) $(BIN)/dvc repro

# Seed variance: the runs of params/seeds.yaml repeated at its seeds, and their summary.
seeds: setup
	$(RUN) $(BIN)/dvc repro seeds/dvc.yaml

# The cards' public data into data/raw/ (verified against the pinned SHA-256 sums in src/cardfetch/sources.yaml);
# one line per data set says what is missing and where to put it.
data: setup
	$(RUN) $(BIN)/python -m cardfetch

# The cards' recipes on that data (real/dvc.yaml, runs of params/real.yaml), then both summaries again: they read
# reports/real/ without a DVC dependency on it (see dvc.yaml), so they are forced, alone (-s).
repro-real: setup
	$(RUN) $(BIN)/dvc repro real/dvc.yaml
	$(RUN) $(BIN)/dvc repro --force --single-item summary
	$(RUN) $(BIN)/dvc repro --force --single-item seeds/dvc.yaml:summary

# `dvc plots show` as a page that renders offline (Vega inlined): open dvc_plots/index.html.
PLOTS_TEMPLATE := .dvc/tmp/offline_plots.html
plots: setup
	$(RUN) $(BIN)/python -m cardreview.offline_plots $(PLOTS_TEMPLATE)
	$(RUN) $(BIN)/dvc plots show --html-template $(abspath $(PLOTS_TEMPLATE))

test: setup
	$(RUN) $(BIN)/pytest

# Re-execute the thin notebooks in place with the smoke profile (the outputs nbval checks).
notebooks: setup
	$(RUN) $(BIN)/cardrepro smoke

# The generated-data benchmarks behind the Performance tables of docs/performance.md (about 30 min here), then the tables.
# The Eedi rows need the competition files: add --source real --raw <folder> (see docs/substitutions.md).
bench: setup
	$(RUN) $(BIN)/python -m benchmarks.bench_training --steps 20 --repeats 3
	$(RUN) $(BIN)/python -m benchmarks.length_grouping --recipes cosine --steps 60
	$(RUN) $(BIN)/python -m benchmarks.overheads --repeats 3 --tests
	$(RUN) $(BIN)/python -m benchmarks.report

# On a GPU machine: every card's recipe (benchmarks/gpu_recipes.py; docs/scale-out.md), into a
# new folder: its own pairs, models and reports, and gpu_recipes.md, the GPU's times and metrics beside the CPU run's.
GPU_OUT ?= gpu_run
gpu: setup
	$(RUN) $(BIN)/python -m benchmarks.gpu_recipes --out $(GPU_OUT)

lab: setup
	$(RUN) $(BIN)/jupyter lab

clean:
	rm -rf $(VENV) models/smoke reports/smoke .pytest_cache
