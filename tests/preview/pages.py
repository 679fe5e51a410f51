"""Drivers for the browser tests: the preview page (the LMS emulator) and a learner who walks
a course through the player's real UI (buttons, radios, checkboxes, text areas).

The walker knows the answers from the course itself (``coursedata.course_data``, the payload
the player gets) and finds the inputs by the ids the player gives them: ``cbt-p<page>-<option>``
on chapter screens, ``cbt-q<question>-<option>`` in the final quiz.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cbtforge import coursedata
from cbtforge.loader import load_course

ERROR_FUNCTIONS = ("LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic")

# What is on the player's current screen, read in one round trip.
_SCREEN_INFO = """() => {
  const screen = document.querySelector(".cbt-screen");
  const h1 = screen.querySelector("h1");
  const unseen = Array.from(screen.querySelectorAll(".cbt-reveal-button:not(.is-seen)"))
    .map((b) => b.getAttribute("data-key"));
  const input = screen.querySelector('input[name^="cbt-"]:not(:disabled)');
  const empty = Array.from(screen.querySelectorAll("textarea")).filter((t) => !t.value)
    .map((t) => t.id);
  const next = document.querySelector(".cbt-pager .cbt-primary");
  const pager = document.querySelector(".cbt-pager");
  return {
    title: h1 ? h1.textContent : "",
    unseen: unseen,
    choice: input ? input.name : "",
    submit: !!screen.querySelector('[data-key="submit"]'),
    empty: empty,
    complete: !!screen.querySelector('[data-key="complete"]'),
    start: !!screen.querySelector('[data-key="start"], [data-key="retake"]'),
    quizNext: screen.querySelector('[data-key="next-question"], [data-key="submit-quiz"]')
      ? screen.querySelector('[data-key="next-question"], [data-key="submit-quiz"]')
          .getAttribute("data-key") : "",
    hasNext: !!next && !next.hidden && !pager.hidden
  };
}"""


@dataclass
class PreviewPage:
    """The emulator page in a browser tab, with its JavaScript errors collected."""

    page: Any
    errors: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, page: Any, url: str, *, wait: bool = True) -> PreviewPage:
        preview = cls(page)
        page.on("pageerror", lambda e: preview.errors.append(str(e)))
        page.on(
            "console",
            lambda m: preview.errors.append(m.text) if m.type == "error" else None,
        )
        page.goto(url)
        if wait:
            preview.wait_ready(1)
        return preview

    @property
    def frame(self) -> Any:
        frame = self.page.frame(name="course")
        assert frame is not None, "the course iframe is missing"
        return frame

    def wait_ready(self, session: int) -> None:
        """Wait until launch number ``session`` has loaded the course."""
        self.page.wait_for_function(
            "(n) => window.cbtPreview && cbtPreview.ready && cbtPreview.session >= n", arg=session
        )

    def session(self) -> int:
        return self.page.evaluate("() => cbtPreview.session")

    def value(self, element: str) -> str | None:
        """What the emulator's runtime holds for ``element`` (the LMS's view)."""
        return self.page.evaluate("(e) => cbtPreview.runtime.values[e]", element)

    def stored(self) -> dict[str, str] | None:
        """The CMI the emulator persisted for the current learner (last commit/finish)."""
        return self.page.evaluate(
            """() => {
              const standard = cbtPreview.standard && cbtPreview.standard !== "scorm12"
                ? ":" + cbtPreview.standard : "";
              const key = "cbtforge-preview:v1:" + cbtPreview.status.course.id + standard;
              const s = JSON.parse(localStorage.getItem(key) || "null");
              return s && s.persisted;
            }"""
        )

    def calls(self) -> list[dict[str, Any]]:
        """Every API call of every session: {seq, fn, args, result, error, session, ...}."""
        return self.page.evaluate("() => cbtPreview.log.filter((e) => !e.separator)")

    def errors_in_log(self) -> list[dict[str, Any]]:
        """Calls the runtime refused (the error functions only echo the last code)."""
        return [c for c in self.calls() if c["error"] != "0" and c["fn"] not in ERROR_FUNCTIONS]

    def button(self, name: str) -> Any:
        return self.page.get_by_role("button", name=name, exact=True)

    def relaunch(self, button: str = "Relaunch") -> None:
        """Press Relaunch (or New attempt) and wait for the next session to load."""
        before = self.session()
        self.button(button).click()
        self.wait_ready(before + 1)

    def title(self) -> str:
        return self.frame.locator(".cbt-screen h1").inner_text()


class CourseWalker:
    """A learner going through a course in the player's UI, knowing the right answers."""

    def __init__(self, preview: PreviewPage, course_dir: Path) -> None:
        self.preview = preview
        self.data = coursedata.course_data(load_course(course_dir))
        self.page_answers: dict[int, list[int]] = {}
        page = 0
        for chapter in self.data["chapters"]:
            page = self._chapter(chapter, page)
        if self.data["evaluation"]:
            self._chapter(self.data["evaluation"], page + 1 if self.data["quiz"] else page)
        self.quiz_title = self.data["quiz"]["title"] if self.data["quiz"] else ""

    def _chapter(self, chapter: dict[str, Any], page: int) -> int:
        """Answer keys of a chapter's screens, by page index (as player/state.js counts)."""
        for screen in chapter["screens"]:
            if screen["type"] == "classifier":
                self.page_answers[page] = [screen["correct"]]
            elif screen["type"] == "question":
                self.page_answers[page] = list(screen["question"]["correct"])
            elif screen["type"] == "poll":
                self.page_answers[page] = [0]
            page += 1
        return page + 1  # the chapter's completion page

    @property
    def frame(self) -> Any:
        return self.preview.frame

    def info(self) -> dict[str, Any]:
        return self.frame.evaluate(_SCREEN_INFO)

    def finish_screen(self) -> dict[str, Any]:
        """Do what the current screen asks so that Next is allowed; returns its info."""
        info = self.info()
        for key in info["unseen"]:
            self.frame.locator(f'[data-key="{key}"]').click()
        if info["choice"] and info["submit"]:
            page = int(re.fullmatch(r"cbt-p(\d+)", info["choice"]).group(1))  # type: ignore[union-attr]
            for option in self.page_answers[page]:
                self.frame.locator(f"#cbt-p{page}-{option}").check()
            self.frame.locator('[data-key="submit"]').click()
        for field_id in info["empty"]:
            self.frame.locator(f"#{field_id}").fill("I will greet every customer by name.")
        if info["complete"]:
            self.frame.locator('[data-key="complete"]').click()
        return info

    def next(self) -> str:
        self.frame.get_by_role("button", name="Next", exact=True).click()
        return self.preview.title()

    def walk(self, *, until: str | None = None, steps: int | None = None) -> str:
        """Finish screens and press Next until the screen titled ``until`` (or ``steps``
        screens, or the end of the course); returns the title reached."""
        done = 0
        while True:
            title = self.preview.title()
            if title == until or (steps is not None and done == steps):
                return title
            info = self.finish_screen()
            if not self.info()["hasNext"]:
                return info["title"]
            self.next()
            done += 1

    def take_quiz(self, *, right: bool = True) -> str:
        """Start (or retake) the final quiz and answer every question; returns the results."""
        self.frame.locator('[data-key="start"], [data-key="retake"]').first.click()
        questions = self.data["quiz"]["questions"]
        while True:
            info = self.info()
            if not info["quizNext"]:
                break
            qi = int(re.fullmatch(r"cbt-q(\d+)", info["choice"]).group(1))  # type: ignore[union-attr]
            question = questions[qi]
            options = list(question["correct"])
            if not right:
                options = [next(i for i in range(len(question["options"])) if i not in options)]
            for option in options:
                self.frame.locator(f"#cbt-q{qi}-{option}").check()
            self.frame.locator(f'[data-key="{info["quizNext"]}"]').click()
        return self.frame.locator(".cbt-screen").inner_text()
