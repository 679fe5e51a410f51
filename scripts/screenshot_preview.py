"""Make the README's screenshot of ``cbtforge preview`` (docs/screenshots/preview.png).

Starts ``cbtforge preview`` on the Arizona course (or uses a preview already running, with
--url), opens it in headless Chromium, walks a few screens through the player's UI so that
the panel has learner data and calls to show, and saves the page.

    .venv/bin/python scripts/screenshot_preview.py
    .venv/bin/python scripts/screenshot_preview.py --url http://127.0.0.1:8000/ --out /tmp/p.png
"""

from __future__ import annotations

import argparse
import re
import signal
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # Chromium's launch settings live with the test LMS
from tests.e2e.lms import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

SCREENS = 6


def start_preview(course: Path) -> tuple[subprocess.Popen[str], str]:
    cbtforge = Path(sys.executable).with_name("cbtforge")
    proc = subprocess.Popen(
        [str(cbtforge), "preview", str(course), "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if found:
            return proc, found.group(0)
    raise SystemExit(f"cbtforge preview did not start (exit code {proc.wait()})")


def walk(frame: object, screens: int) -> None:
    """Finish each screen the way a learner does (open panels, answer, submit), then Next."""
    for _ in range(screens):
        for button in frame.locator(".cbt-reveal-button:not(.is-seen)").all():  # type: ignore[attr-defined]
            button.click()
        radio = frame.locator(".cbt-screen input[type=radio]:not(:disabled)")  # type: ignore[attr-defined]
        if radio.count():
            radio.first.check()
            frame.get_by_role("button", name="Submit Answer").click()  # type: ignore[attr-defined]
        frame.get_by_role("button", name="Next", exact=True).click()  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running preview (default: start one)")
    parser.add_argument("--course", type=Path, default=ROOT / "courses" / "arizona_quality_cs")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "preview.png")
    args = parser.parse_args()

    proc = None
    url = args.url
    if url is None:
        proc, url = start_preview(args.course)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(url)
            page.wait_for_function("() => window.cbtPreview && cbtPreview.ready")
            frame = page.frame(name="course")
            assert frame is not None
            walk(frame, SCREENS)
            page.get_by_role("button", name="Relaunch", exact=True).click()
            page.wait_for_function("() => cbtPreview.ready && cbtPreview.session === 2")
            # Back where the learner left off: complete the chapter and go on.
            frame.get_by_role("button", name="Complete Chapter").click()
            frame.get_by_role("button", name="Next", exact=True).click()
            page.locator("#pv-log-scroll").evaluate("(e) => { e.scrollTop = e.scrollHeight; }")
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out))
            browser.close()
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGINT)
            proc.wait(30)
    print(f"Wrote {args.out}")


if __name__ == "__main__":
    main()
