"""Build-time benchmark: how long `cbtforge build` takes, relative to two floors.

Prints, for the Arizona course and a generated 1,000-screen course:
  * the wall time of `cbtforge build` as a fresh process (median of several runs);
  * the time of just importing its dependencies in a fresh process
    (`python -c "import lxml.etree, jinja2, pydantic, click"`): the cost no build can avoid;
  * the time of zipping the very same bytes with `zipfile` (deflate), in process;
  * the ratios build / import and build / zip, plus package sizes.

Figures are printed, never asserted: shared machines are noisy.
Usage: python bench/build.py [--runs N]
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from cbtforge.build import compile_course  # noqa: E402
from gencourse import generate  # noqa: E402

IMPORTS = "import lxml.etree, jinja2, pydantic, click"


def median_time(func: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def zip_bytes(entries: dict[str, bytes]) -> int:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            archive.writestr(name, entries[name])
    return buffer.tell()


def measure(label: str, course_dir: Path, runs: int, import_time: float, out: Path) -> None:
    build_cmd = [sys.executable, "-m", "cbtforge", "build", str(course_dir), "-o", str(out)]
    build_time = median_time(lambda: run(build_cmd), runs)
    compiled = compile_course(course_dir)
    in_process = median_time(lambda: compile_course(course_dir), runs)
    zip_time = median_time(lambda: zip_bytes(compiled.entries), runs)
    raw = sum(len(b) for b in compiled.entries.values())
    print(f"\n{label}: {compiled.screen_count} screens, {compiled.question_count} quiz questions")
    print(f"  package: {out.stat().st_size / 1024:8.1f} KB zipped, {raw / 1024:8.1f} KB raw")
    print(f"  cbtforge build (fresh process) {build_time * 1000:8.1f} ms")
    print(f"  compile in process             {in_process * 1000:8.1f} ms")
    print(f"  import deps (fresh process)    {import_time * 1000:8.1f} ms")
    print(f"  zipfile of the same bytes      {zip_time * 1000:8.1f} ms")
    print(f"  ratio build / import           {build_time / import_time:8.2f}x")
    print(f"  ratio build / zip              {build_time / zip_time:8.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    args = parser.parse_args()

    import_time = median_time(lambda: run([sys.executable, "-c", IMPORTS]), args.runs)
    print(f"python {sys.version.split()[0]}, {args.runs} runs each, medians")
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        measure(
            "Arizona course",
            ROOT / "courses" / "arizona_quality_cs",
            args.runs,
            import_time,
            tmpdir / "arizona.zip",
        )
        large = generate(tmpdir / "large", screens=1000)
        measure("Generated course", large, args.runs, import_time, tmpdir / "large.zip")


if __name__ == "__main__":
    main()
