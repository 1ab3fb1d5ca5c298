"""Run every benchmark and print its figures (`make bench`). Targets are printed, not asserted.

Arguments (``make bench ARGS="--quarto"``) go to the render benchmark only.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHES = ["read_bench.py", "render_bench.py"]


def main() -> int:
    here = Path(__file__).resolve().parent
    status = 0
    for name in BENCHES:
        print(f"== {name}", flush=True)
        extra = sys.argv[1:] if name == "render_bench.py" else []
        status |= subprocess.call([sys.executable, str(here / name), *extra])
    return status


if __name__ == "__main__":
    raise SystemExit(main())
