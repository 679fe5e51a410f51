"""Helpers for the accessibility tests (test_accessibility.py, test_keyboard.py).

* axe-core, as bundled by the PyPI package ``axe-playwright-python`` (pinned in pyproject.toml;
  :data:`AXE_CORE_VERSION` is asserted, so an upgrade is a deliberate change), run with the
  WCAG 2.0 and 2.1 A and AA rules inside the course's frame: the SCO runs in the LMS's iframe,
  so that document (its ``lang``, its ``h1``, its landmarks) is what a learner's screen reader
  gets. Playwright's ``evaluate`` is not bound by the course's Content-Security-Policy, so the
  package under test is exactly the one shipped.
* The Arizona course's answers, read from the compiler's own player payload
  (``coursedata.course_data``), so the walks follow the course as it is.
* Keyboard: the focused element's role and accessible name as Playwright computes them for
  ``get_by_role`` (its ARIA snapshot), and :func:`tab_to`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
ARIZONA = REPO_ROOT / "courses" / "arizona_quality_cs"

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_CORE_VERSION = "4.12.1"  # what axe-playwright-python 0.1.8 bundles

WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}  # WCAG 1.4.10: 320 CSS px, i.e. 1280 px at 400%
ZOOM = {"width": 640, "height": 400}  # 1280x800 at 200% zoom (WCAG 1.4.4)
MENU_FOLDS_BELOW = 768  # player.css: one column and a folded chapter menu below 48rem


# --- axe-core ----------------------------------------------------------------------------


@cache
def axe_script() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def axe_violations(frame: Any) -> list[dict[str, Any]]:
    """axe-core's violations of the WCAG 2.0/2.1 A and AA rules in ``frame``'s document."""
    if not frame.evaluate("typeof window.axe === 'object'"):
        frame.evaluate(axe_script())
        version = frame.evaluate("axe.version")
        assert version == AXE_CORE_VERSION, f"axe-core {version}, expected {AXE_CORE_VERSION}"
    result = frame.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]
        })""",
        AXE_TAGS,
    )
    return result["violations"]


def describe_violations(violations: list[dict[str, Any]]) -> list[str]:
    """One line per failing node: rule id, impact, target, help (and axe's summary)."""
    lines = []
    for v in violations:
        for node in v["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(
                f"{v['id']} ({v.get('impact')}): {' > '.join(map(str, node['target']))}: "
                f"{v['help']} [{summary}]"
            )
    return lines


# --- the page ----------------------------------------------------------------------------

PAGE_FACTS = """() => {
    const root = document.documentElement;
    const active = document.activeElement;
    return {
        h1: Array.from(document.querySelectorAll("h1")).map(h => h.textContent.trim()),
        lang: root.getAttribute("lang"),
        scrollWidth: root.scrollWidth,
        clientWidth: root.clientWidth,
        focus: active ? active.tagName + (active.className ? "." + active.className : "") : "",
        focusText: active ? active.textContent.trim().slice(0, 80) : "",
    };
}"""


def page_facts(frame: Any) -> dict[str, Any]:
    return frame.evaluate(PAGE_FACTS)


def wait_for_announcement(frame: Any, text: str) -> None:
    """Wait until the live region (role=status, polite) says ``text`` (case-insensitive)."""
    frame.wait_for_function(
        """text => {
            const region = document.getElementById("cbt-live");
            return region && region.getAttribute("aria-live") === "polite"
                && region.getAttribute("role") === "status"
                && region.textContent.toLowerCase().includes(text.toLowerCase());
        }""",
        arg=text,
    )


# --- keyboard ----------------------------------------------------------------------------


def focused(frame: Any) -> tuple[str, str] | None:
    """(role, accessible name) of the focused element of the course, None when focus is not
    inside the course's document (on the LMS page or the browser's own UI)."""
    inside = frame.evaluate(
        "document.hasFocus() && !!document.activeElement"
        " && document.activeElement !== document.body"
    )
    if not inside:
        return None
    # Playwright's ARIA snapshot (YAML): the role and name get_by_role() matches, per the
    # accessible-name computation spec; its first entry is the element itself.
    # A <video> or <audio> has no ARIA role, and its native controls take focus inside it.
    tag = frame.evaluate("document.activeElement.tagName.toLowerCase()")
    if tag in ("video", "audio"):
        return tag, ""
    snapshot = frame.locator(":focus").aria_snapshot()
    entry = yaml.safe_load(snapshot)[0]
    line = next(iter(entry)) if isinstance(entry, dict) else str(entry)
    m = re.match(r'^([a-z]+)(?: "((?:[^"\\]|\\.)*)")?', line)
    assert m, f"unexpected ARIA snapshot {snapshot!r}"
    return m.group(1), re.sub(r"\\(.)", r"\1", m.group(2) or "")


FOCUS_RING = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const rgba = c => c.match(/[\\d.]+/g).map(Number);
    const lum = ([r, g, b]) => {
        const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    // The ring is drawn outside the control (outline-offset): what it sits on is the nearest
    // ancestor with a background.
    let behind = [255, 255, 255];
    for (let n = el.parentElement; n; n = n.parentElement) {
        const c = rgba(getComputedStyle(n).backgroundColor);
        if (c.length < 4 || c[3] > 0) { behind = c; break; }
    }
    const [hi, lo] = [lum(rgba(style.outlineColor)), lum(behind)].sort((a, b) => b - a);
    return {
        visible: el.matches(":focus-visible"), style: style.outlineStyle,
        width: parseFloat(style.outlineWidth), ratio: (hi + 0.05) / (lo + 0.05),
    };
}"""


def assert_focus_ring(frame: Any, what: str) -> None:
    """The focused control shows a ring at least 2 px wide with 3:1 contrast against what it
    is drawn on (WCAG 2.4.7 and 1.4.11)."""
    ring = frame.evaluate(FOCUS_RING)
    assert ring["visible"] and ring["style"] != "none" and ring["width"] >= 2, (what, ring)
    assert ring["ratio"] >= 3, (what, ring)


class KeyboardTrap(AssertionError):
    pass


@dataclass
class Keyboard:
    """Presses keys on the LMS page (the course is in its iframe) and counts them."""

    page: Any
    frame: Any
    presses: int = 0
    max_tabs: int = 60  # the longest honest Tab path in the course is far shorter
    used: set[str] = field(default_factory=set)

    def press(self, key: str) -> None:
        assert key in ALLOWED_KEYS | {"Escape"}, f"{key} is not a key the tests may use"
        self.page.keyboard.press(key)
        self.presses += 1
        self.used.add(key)

    def tab_to(self, name: str, *, role: str | None = None, backwards: bool = False) -> None:
        """Press Tab (Shift+Tab) until the focused element's accessible name is ``name`` (and
        its role ``role``); fail after :attr:`max_tabs` presses, which also proves focus is
        never trapped on the way."""
        key = "Shift+Tab" if backwards else "Tab"
        seen: list[str] = []
        for _ in range(self.max_tabs):
            self.press(key)
            now = focused(self.frame)
            if now and now[1] == name and (role is None or now[0] == role):
                assert_focus_ring(self.frame, f"{now[0]} {name!r}")
                return
            seen.append("(outside the course)" if now is None else f"{now[0]} {now[1]!r}")
        raise KeyboardTrap(
            f"{key} never reached {role or 'control'} {name!r} in {self.max_tabs} presses; "
            f"focus went: " + " -> ".join(seen)
        )


# The keys for completing the course (Escape only closes the chapter menu).
ALLOWED_KEYS = {
    "Tab",
    "Shift+Tab",
    "Enter",
    "Space",
    "ArrowDown",
    "ArrowUp",
    "ArrowLeft",
    "ArrowRight",
}


# --- the course --------------------------------------------------------------------------


@cache
def arizona_data() -> dict[str, Any]:
    """The player's payload for the Arizona course (what the package embeds)."""
    from cbtforge.coursedata import course_data
    from cbtforge.loader import load

    return course_data(load(ARIZONA).course)


def plain(fragment: str) -> str:
    """An HTML fragment's text, whitespace collapsed (what a label's name is)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def option_labels(question: dict[str, Any]) -> list[str]:
    return [plain(o["html"]) for o in question["options"]]


def quiz_answer(question: dict[str, Any], *, right: bool) -> list[int]:
    """Option indexes to choose: the right ones, or one wrong one."""
    if right:
        return list(question["correct"])
    return [next(i for i in range(len(question["options"])) if i not in question["correct"])]
