# Two commands a newcomer needs: `make repro` (set up + run the pipeline) and `make test`.
# Everything lands in .venv, installed exactly from requirements/lock.txt (hashes checked); `make lock` updates it.
# Paths are quoted: the checkout may sit in a folder whose name has spaces.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(CURDIR)/$(VENV)/bin
UV     := "$(BIN)/uv"
# the pipeline's stages call `cardrepro`, `papermill` and the kernel from this environment
RUN    := PATH="$(BIN):$$PATH" HF_HUB_DISABLE_TELEMETRY=1
# torch's build: cpu (requirements/torch-cpu.txt, the build of the committed results; Python 3.11 on x86_64 Linux)
# or pypi (PyPI's build with the rest of the lock: CUDA on Linux, several GB; any supported Python)
# (an environment made with pypi keeps it: later targets read the build from its stamp)
TORCH_BUILD ?= $(if $(wildcard $(VENV)/.installed-pypi),pypi,cpu)
TORCH_INDEX ?= --extra-index-url https://download.pytorch.org/whl/cpu
KERNEL := cardrepro

.PHONY: setup lock kernel repro seeds data repro-real plots test notebooks bench gpu lab clean

# the stamp names torch's build, so that switching builds makes a new .venv
STAMP  := $(VENV)/.installed-$(TORCH_BUILD)
setup: $(STAMP)

# A new .venv whenever the lock changes, so it holds the lock and nothing else: uv (pinned with its hashes)
# installs torch's build first, then every other package of the lock, then this project without dependencies;
# `pip check` then proves the set complete and consistent.
$(STAMP): pyproject.toml requirements/lock.txt requirements/lock-cpu.txt requirements/torch-cpu.txt requirements/uv.txt
	@$(PYTHON) -c 'import sys' 2>/dev/null || { echo "Makefile: PYTHON=$(PYTHON) is not a Python here; fix: make setup" \
		"PYTHON=python3.11 (or python3.12, python3.13 with TORCH_BUILD=pypi)" >&2; exit 2; }
ifeq ($(TORCH_BUILD),cpu)
	@version=$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])') && [ "$$version" = 3.11 ] || { echo \
		"requirements/torch-cpu.txt: torch's CPU build is hashed for Python 3.11 only, not $$version; fix: make setup" \
		"TORCH_BUILD=pypi (PyPI's build, from the lock), or add the hash of your CPU wheel there" >&2; exit 2; }
	@[ "$$(uname -sm)" = "Linux x86_64" ] || { echo "requirements/torch-cpu.txt: torch's CPU build is hashed for" \
		"x86_64 Linux only, not $$(uname -sm); fix: make setup TORCH_BUILD=pypi (PyPI's build, from the lock)" >&2; exit 2; }
endif
	$(PYTHON) -m venv --clear "$(VENV)"
	"$(BIN)/python" -m pip install --quiet --require-hashes --no-deps -r requirements/uv.txt
ifeq ($(TORCH_BUILD),cpu)
	"$(BIN)/python" -m pip install --quiet --require-hashes --no-deps $(TORCH_INDEX) -r requirements/torch-cpu.txt
	$(UV) pip install --python "$(BIN)/python" --quiet --require-hashes --no-deps -r requirements/lock-cpu.txt
else ifeq ($(TORCH_BUILD),pypi)
	$(UV) pip install --python "$(BIN)/python" --quiet --require-hashes --no-deps -r requirements/lock.txt
else
	$(error TORCH_BUILD=$(TORCH_BUILD): use cpu or pypi)
endif
	$(UV) pip install --python "$(BIN)/python" --quiet --no-deps -e .
	"$(BIN)/python" -m pip check
	$(MAKE) kernel
	touch "$@"

# Re-resolve every package within pyproject.toml's ranges, for Python 3.11 to 3.13 and every platform, with hashes,
# then derive requirements/lock-cpu.txt and environment.yml from it; commit the three, and `make setup` follows.
lock: $(VENV)/bin/uv
	$(UV) pip compile pyproject.toml --extra dev --universal --python-version 3.11 --generate-hashes --quiet \
		--custom-compile-command "make lock" -o requirements/lock.txt
	"$(BIN)/python" requirements/derive.py

$(VENV)/bin/uv: requirements/uv.txt
	$(PYTHON) -m venv "$(VENV)"
	"$(BIN)/python" -m pip install --quiet --require-hashes --no-deps -r requirements/uv.txt

kernel:
	"$(BIN)/python" -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python ($(KERNEL))"

repro: setup
	$(RUN) "$(BIN)/dvc" repro

# Seed variance: the runs of params/seeds.yaml repeated at its seeds, and their summary.
seeds: setup
	$(RUN) "$(BIN)/dvc" repro seeds/dvc.yaml

# The cards' public data into data/raw/ (verified against the pinned SHA-256 sums in src/cardfetch/sources.yaml);
# one line per data set says what is missing and where to put it.
data: setup
	$(RUN) "$(BIN)/python" -m cardfetch

# The cards' recipes on that data (real/dvc.yaml, runs of params/real.yaml), then both summaries again: they read
# reports/real/ without a DVC dependency on it (see dvc.yaml), so they are forced, alone (-s).
repro-real: setup
	$(RUN) "$(BIN)/dvc" repro real/dvc.yaml
	$(RUN) "$(BIN)/dvc" repro --force --single-item summary
	$(RUN) "$(BIN)/dvc" repro --force --single-item seeds/dvc.yaml:summary

# `dvc plots show` as a page that renders offline (Vega inlined): open dvc_plots/index.html.
PLOTS_TEMPLATE := .dvc/tmp/offline_plots.html
plots: setup
	$(RUN) "$(BIN)/python" -m cardreview.offline_plots $(PLOTS_TEMPLATE)
	$(RUN) "$(BIN)/dvc" plots show --html-template "$(CURDIR)/$(PLOTS_TEMPLATE)"

test: setup
	$(RUN) "$(BIN)/pytest"

# Write notebooks/shared-cells.yaml into the run notebooks, then re-execute them in place with the smoke profile
# (the outputs nbval checks).
notebooks: setup
	$(RUN) "$(BIN)/cardrepro" smoke

# The generated-data benchmarks behind the Performance tables of docs/performance.md (about 30 min here), then the tables.
# The Eedi rows need the competition files: add --source real --raw <folder> (see docs/substitutions.md).
bench: setup
	$(RUN) "$(BIN)/python" -m benchmarks.bench_training --steps 20 --repeats 3
	$(RUN) "$(BIN)/python" -m benchmarks.length_grouping --recipes cosine --steps 60
	$(RUN) "$(BIN)/python" -m benchmarks.overheads --repeats 3 --tests
	$(RUN) "$(BIN)/python" -m benchmarks.report

# On a GPU machine, with torch's CUDA build (`make gpu TORCH_BUILD=pypi`): every card's recipe (benchmarks/gpu_recipes.py; docs/scale-out.md), into a
# new folder: its own pairs, models and reports, and gpu_recipes.md, the GPU's times and metrics beside the CPU run's.
GPU_OUT ?= gpu_run
gpu: setup
	$(RUN) "$(BIN)/python" -m benchmarks.gpu_recipes --out $(GPU_OUT)

lab: setup
	$(RUN) "$(BIN)/jupyter" lab

clean:
	rm -rf "$(VENV)" models/smoke reports/smoke .pytest_cache
