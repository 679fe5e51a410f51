"""Hostile-input benchmark (issue 10): how long `validate` takes on each crafted zip.

The zips are the security review's (tests/hostile.py): 40,000 unclosed ``<img ``, 100,000
spaces after ``src=`` and ``url(``, a one-line manifest listing 40,000 missing files, a
manifest with entities, one 1 GiB member listed 5,000 times. Before the fix they took
minutes to hours; each must now finish well under 5 s. Prints wall and CPU seconds (the
median of several runs; CPU time is the steadier figure on a shared machine), plus the
build-side cases of the review (a body with 20,000 links, 24,000 identical titles) and the
peak memory of building a course with one 300 MB asset.

Figures are printed, never asserted. Usage: python bench/hostile.py [--runs N] [--large-mb MB]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import hostile  # noqa: E402
from cbtforge.validate import validate_package  # noqa: E402


def measure(func: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median (wall, CPU) seconds of ``func``."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        func()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--large-mb",
        type=int,
        default=300,
        help="size of the one asset whose build's peak memory is measured (0: skip)",
    )
    args = parser.parse_args()
    print(f"{'validate':<16}{'zip size':>12}{'problems':>10}{'wall s':>9}{'cpu s':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, make in hostile.MAKERS.items():
            path = make(folder)
            count = len(validate_package(path))
            wall, cpu = measure(lambda path=path: validate_package(path), args.runs)
            size = path.stat().st_size
            print(f"{name:<16}{size:>12,}{count:>10,}{wall:>9.2f}{cpu:>8.2f}")
        builds = getattr(hostile, "BUILD_MAKERS", {})
        if builds:
            from cbtforge.build import compile_course

            print(f"\n{'build':<16}{'course':>12}{'':>10}{'wall s':>9}{'cpu s':>8}")
            for name, make in builds.items():
                course = make(folder / name)
                size = sum(p.stat().st_size for p in course.rglob("*") if p.is_file())
                wall, cpu = measure(lambda c=course: compile_course(c), args.runs)
                print(f"{name:<16}{size:>12,}{'':>10}{wall:>9.2f}{cpu:>8.2f}")
        if args.large_mb:
            print(large_asset_memory(folder, args.large_mb))


def large_asset_memory(folder: Path, megabytes: int) -> str:
    """Peak memory of `cbtforge build` (a fresh process) for a course with one large,
    incompressible asset: the review measured 943 MB for 300 MB."""
    course = folder / "large"
    course.mkdir()
    (course / "course.yaml").write_text(
        "title: Large\nchapters:\n  - title: C\n    screens:\n      - type: content\n"
        "        title: S\n        body: '![A scan of the form](scan.png)'\n",
        encoding="utf-8",
    )
    block = os.urandom(1024 * 1024)  # repeated beyond deflate's 32 KB window: incompressible
    with (course / "scan.png").open("wb") as handle:
        for _ in range(megabytes):
            handle.write(block)
    code = (
        "import resource, sys\n"
        "from cbtforge.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    )
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code, "build", str(course), "-o", str(folder / "large.zip")],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - start
    peak_mb = int(result.stderr.strip().splitlines()[-1]) / 1024  # ru_maxrss is in KiB
    return (
        f"\nbuild with one {megabytes} MB asset: peak memory {peak_mb:.0f} MB, {seconds:.1f} s wall"
    )


if __name__ == "__main__":
    main()
