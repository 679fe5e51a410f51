"""Make the README's screenshots of the Arizona course (docs/screenshots/*.png).

Builds courses/arizona_quality_cs with cbtforge's compiler and launches the zip the way an
agency's learners meet it: inside an LMS. The LMS is the one the end-to-end tests use
(tests/lms/host.html with scorm-again 3.4.3, served on 127.0.0.1 by tests/e2e/lms.py; run
``bash scripts/test.sh`` once to install it). A learner (tests/e2e/arizona.py) then walks the
course through its real UI in headless Chromium at 1280x800, and five states are saved,
cropped to the course frame:

    reveal.png        an Oscar "Expectation / Reality" screen, both panels open
    classifier.png    Scenario B after Submit Answer, with its feedback
    poll.png          "How Concerned?" answered
    reflection.png    Hot Buttons, three hot buttons typed
    quiz-result.png   the final quiz's results, passed

    .venv/bin/python scripts/screenshots.py [--out-dir docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the test LMS and the learner live in tests/e2e

from tests.e2e.arizona import COURSE_DIR, Learner, arizona_course, right_plan  # noqa: E402
from tests.e2e.lms import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    Lms,
    LmsServer,
    build_package,
    prerequisite_problems,
)

VIEWPORT = {"width": 1280, "height": 800}
HOT_BUTTONS = [
    "Being interrupted mid-sentence",
    '"That\'s not my problem"',
    "Someone tapping on the counter while I'm on the phone",
]


def shoot(session: Any, out: Path, focus: Any = None) -> None:
    """Save the course frame as ``out``; ``focus``, if given, is scrolled into view first
    (only when it is not already visible: a screen that fits stays at its top)."""
    if focus is not None:
        focus.scroll_into_view_if_needed()
    session.page.locator("iframe#course").screenshot(
        path=str(out), animations="disabled", caret="hide"
    )
    print(out.relative_to(ROOT) if out.is_relative_to(ROOT) else out)


def make(out_dir: Path, workdir: Path) -> None:
    from playwright.sync_api import sync_playwright

    package = build_package(COURSE_DIR, workdir / "arizona_quality_cs.zip")
    course = arizona_course()
    plan = right_plan(course)
    plan.polls["how-concerned"] = "Moderate concern"
    plan.classifiers["scenario-b"] = "Operations Driven"
    plan.reflections["hot-buttons-list"] = HOT_BUTTONS
    out_dir.mkdir(parents=True, exist_ok=True)

    server = LmsServer().start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            lms = Lms(browser, server, workdir / "lms")
            try:
                session = lms.launch(package, viewport=VIEWPORT)
                learner = Learner(session, course, plan)

                learner.walk("how-concerned")
                learner.do_page()
                shoot(session, out_dir / "poll.png")
                learner.next()

                learner.walk("oscar-entering")
                learner.do_page()
                shoot(session, out_dir / "reveal.png", learner.main.locator(".cbt-count"))
                learner.next()

                learner.walk("scenario-b")
                learner.do_page()
                shoot(session, out_dir / "classifier.png", learner.main.locator(".cbt-feedback"))
                learner.next()

                learner.walk("hot-buttons-list")
                learner.do_page()
                shoot(session, out_dir / "reflection.png")
                learner.next()

                learner.walk_to_quiz()
                attempt = learner.take_quiz(correct=True)
                assert attempt.score == 100, attempt.score
                shoot(session, out_dir / "quiz-result.png")

                session.close()
                session.assert_clean()  # the screenshots show a course the LMS was happy with
            finally:
                lms.close()
                browser.close()
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    problems = prerequisite_problems()
    if problems:
        raise SystemExit("cannot make the screenshots:\n  " + "\n  ".join(problems))
    with tempfile.TemporaryDirectory(prefix="cbtforge-shots-") as tmp:
        make(args.out_dir.resolve(), Path(tmp))


if __name__ == "__main__":
    main()
