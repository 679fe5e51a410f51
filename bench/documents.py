"""Documents benchmark: page counts, sizes and times of `cbtforge guide` and `cbtforge print`.

For courses/ct_module2 and the Arizona course, each document is written as PDF and as HTML
through a fresh `cbtforge` process (what a user waits for, WeasyPrint's import included),
several times; the median wall time is printed with the CPU time of the child process (on a
busy shared machine the wall time says more about the neighbours than about cbtforge).

Figures are printed, never asserted: shared machines are noisy.
Usage: python bench/documents.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
COURSES = [ROOT / "courses" / "ct_module2", ROOT / "courses" / "arizona_quality_cs"]
COMMANDS = [("guide", []), ("print", []), ("print", ["--answers"])]


def run(args: list[str]) -> tuple[float, float]:
    """(wall seconds, child CPU seconds) of one cbtforge process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "cbtforge", *args],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'course':<20} {'document':<18} {'pages':>5} {'size':>9} {'wall s':>7} {'cpu s':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for course in COURSES:
            for command, extra in COMMANDS:
                for ext in (".pdf", ".html"):
                    out = Path(tmp) / f"{course.name}-{command}{''.join(extra)}{ext}"
                    times = [
                        run([command, str(course), "-o", str(out), *extra])
                        for _ in range(args.runs)
                    ]
                    wall = statistics.median(t[0] for t in times)
                    cpu = statistics.median(t[1] for t in times)
                    pages = len(PdfReader(str(out)).pages) if ext == ".pdf" else "-"
                    name = f"{command}{' ' + ' '.join(extra) if extra else ''} {ext[1:]}"
                    size = f"{out.stat().st_size / 1024:.0f} KB"
                    row = f"{course.name:<20} {name:<18} {pages:>5} {size:>9}"
                    print(f"{row} {wall:>7.1f} {cpu:>6.1f}")


if __name__ == "__main__":
    main()
