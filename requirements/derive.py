"""The files `make lock` derives from requirements/lock.txt, so that every way in installs the same versions:
lock-cpu.txt (the lock without torch's PyPI build and the CUDA libraries it brings, for torch's CPU build) and
../environment.yml (the same pins for conda). Run by `make lock`; tests/test_environment.py checks the committed
files are what this writes."""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOCK, CPU_LOCK, TORCH_CPU, CONDA = (HERE / "lock.txt", HERE / "lock-cpu.txt", HERE / "torch-cpu.txt",
                                    HERE.parent / "environment.yml")
# torch's PyPI build for Linux and what only that build needs; the CPU build (torch-cpu.txt) needs none of them
TORCH_BUILD = re.compile(r"^(torch|triton|nvidia-[\w.-]+|cuda-[\w.-]+)$")
CONDA_PYTHON = "3.11"  # the Python of the committed results


def entries(text: str) -> list[tuple[str, str]]:
    """(name, block) for every package of a uv-compiled requirements file: its pin line with the hash and
    `# via` lines below it."""
    blocks: list[list[str]] = []
    for line in text.splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            blocks.append([line])
        elif blocks:
            blocks[-1].append(line)
    return [(re.split(r"[=<>!~ ;\[]", block[0], maxsplit=1)[0].lower(), "\n".join(block)) for block in blocks]


def pin(block: str) -> str:
    """`name==version ; markers` of a block, without the hashes."""
    return block.splitlines()[0].rstrip(" \\")


def cpu_lock(text: str) -> str:
    kept = [block for name, block in entries(text) if not TORCH_BUILD.match(name)]
    header = ("# requirements/lock.txt without torch's PyPI build and the CUDA libraries only it needs: `make setup`\n"
              "# installs torch's CPU build from requirements/torch-cpu.txt, then this. Written by `make lock`\n"
              "# (requirements/derive.py); edit neither by hand.\n")
    return header + "\n".join(kept) + "\n"


def torch_cpu_pin() -> str:
    line = next(line for line in TORCH_CPU.read_text().splitlines() if line.startswith("torch=="))
    return line.split()[0]


def conda_environment(text: str) -> str:
    pins = [pin(block) for name, block in entries(cpu_lock(text))]
    lines = ["# Written by `make lock` (requirements/derive.py) from requirements/lock.txt: the same versions as `make setup`,",
             "# without pip's hash check (conda's pip section cannot hold hashes beside `-e .`), and torch's CPU build.",
             "#   conda env create -f environment.yml && conda activate cardrepro",
             "#   python -m ipykernel install --sys-prefix --name cardrepro",
             "name: cardrepro",
             "channels:",
             "  - conda-forge",
             "dependencies:",
             f"  - python={CONDA_PYTHON}",
             "  - pip",
             "  - pip:",
             "      - --extra-index-url https://download.pytorch.org/whl/cpu",
             f"      - {torch_cpu_pin()}"]
    lines += [f'      - "{p}"' for p in pins]
    lines.append("      - -e .[dev]")
    return "\n".join(lines) + "\n"


def main() -> int:
    text = LOCK.read_text()
    CPU_LOCK.write_text(cpu_lock(text))
    CONDA.write_text(conda_environment(text))
    print(f"{CPU_LOCK.name} and {CONDA.name} written from {LOCK.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
