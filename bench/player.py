"""Player benchmark: size, time to first screen, and cmi.suspend_data sizes.

Prints
  * player.js + player.css, raw and gzipped, per course (each ships only the screen modules
    it uses; budget: under 20 KB gzipped for Arizona) and with every module;
  * the launch page's time to first screen in headless Chromium (from navigation start until
    the first screen's h1 exists), median of several runs, for the Arizona course,
    public_trust, federal_cx, the question types test course and a generated 1,000-screen
    course, standalone (no LMS frame);
  * suspend_data sizes for the same courses: a fresh start, everything visited and answered
    with typical reflections (100 characters, or the field's limit if lower), and the worst
    case (every text field full), both as the player's encoder writes it (run in node) and as
    the build computes it (src/cbtforge/suspend.py).

Figures are printed, never asserted: shared machines are noisy.
Usage: python bench/player.py [--runs N]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))  # Chromium's launch settings live with the test LMS

from tests.e2e.lms import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

from cbtforge import coursedata, suspend  # noqa: E402
from cbtforge.build import (  # noqa: E402
    bundle_player,
    compile_course,
    screen_modules,
    write_directory,
)
from cbtforge.loader import load  # noqa: E402
from gencourse import generate  # noqa: E402

ARIZONA = ROOT / "courses" / "arizona_quality_cs"
PUBLIC_TRUST = ROOT / "courses" / "public_trust"
# Issue 14's course: ratings, media, glossary, the new question types, a not-kept exercise.
FEDERAL_CX = ROOT / "courses" / "federal_cx"
# Numeric, fill-in, matching and sequencing questions (their modules of player/questions/).
QUESTION_TYPES = ROOT / "tests" / "courses" / "questions"

# Records when the first screen's h1 appears, relative to navigation start.
FIRST_SCREEN_PROBE = """
new MutationObserver(function (_, observer) {
  if (document.querySelector('h1.cbt-title')) {
    window.__cbtFirstScreen = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""

# Encodes three states with the player's own modules (see tests/player/helpers.js).
SUSPEND_SIZES_JS = """
const fs = require("node:fs");
const { CBT, maximal } = require(process.argv[1]);
const course = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const idx = CBT.state.index(course);
const fresh = CBT.state.initial(idx);
const typical = maximal(idx);
idx.pages.forEach((page, p) => {
  if (page.screen && page.screen.type === "reflection") {
    typical.text[p] = page.screen.fields.map((f) =>
      "I will greet every caller by name. ".repeat(4).slice(0, Math.min(100, f.maxLength)));
  }
});
const size = (s) => CBT.suspend.encode(idx, s).length;
const sizes = { fresh: size(fresh), typical: size(typical), worst: size(maximal(idx)) };
console.log(JSON.stringify(sizes));
"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def player_sizes(courses: dict[str, Path]) -> None:
    """Each course ships only the screen modules it uses (build.screen_modules); every
    module together is what the player would weigh without that."""
    bundles: list[tuple[str, dict[str, bytes]]] = []
    for name, course_dir in courses.items():
        modules = screen_modules(load(course_dir).course)
        bundles.append((f"{name} (minified, as shipped)", bundle_player(modules=modules)))
        bundles.append(
            (
                f"{name}, SCORM 2004 package (minified)",
                bundle_player(modules=modules, adapter="scorm2004.js"),
            )
        )
    bundles.append(("every module (minified)", bundle_player()))
    bundles.append(("every module (sources, unminified)", bundle_player(minify=False)))
    for label, bundle in bundles:
        print(f"player bundle, {label}")
        total_raw = total_gz = 0
        for name, data in bundle.items():
            gz = len(gzip.compress(data, 9))
            total_raw += len(data)
            total_gz += gz
            print(f"  {name:12s} {len(data) / 1024:7.1f} KB raw {gz / 1024:7.1f} KB gzip")
        verdict = "within" if total_gz < 20 * 1024 else "OVER"
        print(f"  {'total':12s} {total_raw / 1024:7.1f} KB raw {total_gz / 1024:7.1f} KB gzip")
        if label.startswith("arizona"):  # the budget is the Arizona player's
            print(f"  budget: 20 KB gzip ({verdict}; {total_gz:,} bytes)")


def first_screen_ms(site: Path, names: list[str], runs: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    results: dict[str, float] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for name in names:
                url = f"http://127.0.0.1:{server.server_port}/{name}/index.html"
                times = []
                for _ in range(runs):
                    context = browser.new_context()
                    context.add_init_script(script=FIRST_SCREEN_PROBE)
                    page = context.new_page()
                    page.goto(url)
                    page.wait_for_function("window.__cbtFirstScreen !== undefined")
                    times.append(page.evaluate("window.__cbtFirstScreen"))
                    context.close()
                results[name] = statistics.median(times)
            browser.close()
    finally:
        server.shutdown()
    return results


def suspend_sizes(data: dict[str, Any], tmp: Path) -> dict[str, int]:
    course_json = tmp / f"{data['id']}.json"
    course_json.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    helpers = ROOT / "tests" / "player" / "helpers.js"
    out = subprocess.run(
        ["node", "-e", SUSPEND_SIZES_JS, str(helpers), str(course_json)],
        capture_output=True,
        text=True,
        check=True,
    )
    sizes = json.loads(out.stdout)
    sizes["python_worst"] = suspend.worst_case(data)
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="page loads per course (median)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="cbt-bench-player-"))
    try:
        courses: dict[str, Path] = {}
        if ARIZONA.is_dir():
            courses["arizona"] = ARIZONA
        if PUBLIC_TRUST.is_dir():
            courses["public_trust"] = PUBLIC_TRUST
        if FEDERAL_CX.is_dir():
            courses["federal_cx"] = FEDERAL_CX
        # Rating screens and a nine-question exercise not kept (issue 14's test course).
        courses["player-rating"] = ROOT / "tests" / "courses" / "player-rating"
        courses["question-types"] = QUESTION_TYPES
        courses["generated-1000"] = generate(tmp / "src" / "gen1000", 1000)
        player_sizes(courses)
        site = tmp / "site"
        payloads = {}
        for name, course_dir in courses.items():
            compiled = compile_course(course_dir)
            write_directory(compiled.entries, site / name)
            payloads[name] = coursedata.course_data(compiled.course)
            page = compiled.entries["index.html"]
            screens = compiled.screen_count
            print(f"\n{name}: {screens} screens, launch page {len(page) / 1024:.1f} KB raw")
        times = first_screen_ms(site, list(courses), args.runs)
        print("\ntime to first screen (headless Chromium, standalone, median)")
        for name, ms in times.items():
            print(f"  {name:16s} {ms:7.1f} ms ({args.runs} runs)")
        print("\ncmi.suspend_data (characters; SCORM 1.2 allows 4,096)")
        print(f"  {'course':16s} {'fresh':>6s} {'all done':>9s} {'worst js':>9s} {'worst py':>9s}")
        for name, data in payloads.items():
            s = suspend_sizes(data, tmp)
            print(
                f"  {name:16s} {s['fresh']:6d} {s['typical']:9d} {s['worst']:9d} "
                f"{s['python_worst']:9d}"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
