"""The emulator page's own controls: new attempt, relaunch and the entry rule, jump to a
screen, the profile menu, the call log's errors, the page before any good build, and an axe
check of the page around the course."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cbtforge.preview.server import PreviewServer

from .conftest import ARIZONA, MINIMAL
from .pages import CourseWalker, PreviewPage
from .test_server import break_course, fix_course

pytestmark = pytest.mark.browser

Server = Callable[..., PreviewServer]
Page = Callable[..., PreviewPage]


def test_relaunch_and_new_attempt_follow_the_entry_rule(
    preview_server: Server, preview_page: Page
) -> None:
    preview = preview_page(preview_server(MINIMAL).url)
    assert preview.value("cmi.core.entry") == "ab-initio"
    assert preview.value("cmi.core.student_id") == "learner-1"
    walker = CourseWalker(preview, MINIMAL)
    walker.walk(steps=1)
    preview.relaunch()  # unfinished: the player exits with "suspend"
    assert preview.value("cmi.core.entry") == "resume"
    assert preview.title() == "Two ideas"

    walker.walk(until=walker.quiz_title)
    assert "Passed" in walker.take_quiz(right=True)
    walker.frame.get_by_role("button", name="Exit course").click()
    assert preview.stored()["cmi.core.exit"] == ""  # type: ignore[index]
    preview.relaunch()  # RTE 1.2 cmi.core.entry: "" after any exit but "suspend"
    assert preview.value("cmi.core.entry") == ""
    assert preview.value("cmi.core.lesson_status") == "passed"
    assert re.fullmatch(r"\d{2,4}:\d\d:\d\d(\.\d\d?)?", preview.value("cmi.core.total_time") or "")
    assert preview.value("cmi.core.total_time") != "0000:00:00"

    preview.relaunch("New attempt")
    assert preview.value("cmi.core.student_id") == "learner-2"
    assert preview.value("cmi.core.entry") == "ab-initio"
    assert preview.value("cmi.core.total_time") == "0000:00:00"
    assert preview.title() == "Welcome"
    separators = preview.page.locator("#pv-log .pv-separator")
    expect(separators).to_have_count(4)
    assert '(new attempt): entry "ab-initio", learner learner-2' in separators.last.inner_text()
    assert preview.errors == []


def test_jump_to_a_locked_screen(preview_server: Server, preview_page: Page) -> None:
    preview = preview_page(preview_server(ARIZONA).url)
    select = preview.page.get_by_label("Screen", exact=True)
    expect(select).to_have_value("course-introduction")  # follows the learner
    select.select_option("final-quiz")  # linear navigation: locked for a learner
    preview.button("Jump to screen").click()
    expect(preview.frame.locator(".cbt-screen h1")).to_have_text("Final Quiz")
    assert preview.value("cmi.core.lesson_location") == "final-quiz"
    assert preview.session() == 1  # the player went there itself, no relaunch
    preview.frame.get_by_role("button", name="Exit course").click()
    select.select_option("quotations")  # a finished session cannot move: relaunch there
    preview.button("Jump to screen").click()
    preview.wait_ready(2)
    expect(preview.frame.locator(".cbt-screen h1")).to_have_text("Quotations")
    assert preview.value("cmi.core.lesson_location") == "quotations"
    assert preview.errors_in_log() == []


def test_profile_menu_relaunches_under_the_profile(
    preview_server: Server, preview_page: Page
) -> None:
    preview = preview_page(preview_server(MINIMAL).url)
    preview.page.get_by_label("LMS profile").select_option("moodle")
    preview.wait_ready(2)
    assert "profile=moodle" in preview.page.url
    assert preview.page.evaluate("() => cbtPreview.runtime.profile.name") == "moodle"
    assert "(this profile accepts 64,000)" in preview.page.locator("#pv-cmi").inner_text()
    preview.page.get_by_text("What this LMS profile does").click()
    assert "64,000-character" in preview.page.locator("#pv-profile-text").inner_text()
    expect(preview.page.locator("#pv-idle-field")).to_be_hidden()
    preview.page.get_by_label("LMS profile").select_option("successfactors")
    preview.wait_ready(3)
    expect(preview.page.get_by_label("Idle timeout (seconds)")).to_have_value("1800")


def test_refused_calls_are_shown_with_their_rule(
    preview_server: Server, preview_page: Page
) -> None:
    preview = preview_page(preview_server(MINIMAL).url)
    preview.frame.evaluate(
        """() => {
          parent.API.LMSSetValue("cmi.core.lesson_status", "complete");
          parent.API.LMSGetValue("cmi.core.exit");
        }"""
    )
    rows = preview.page.locator("#pv-log tr.pv-bad")
    expect(rows).to_have_count(2)
    assert rows.nth(0).locator("td").nth(3).inner_text().startswith("405 Incorrect data type")
    assert "is not passed, completed, failed, incomplete or browsed" in rows.nth(0).inner_text()
    assert rows.nth(1).locator("td").nth(3).inner_text().startswith("404 Element is write only")
    assert "2 with an error" in preview.page.locator("#pv-log-summary").inner_text()


def test_the_page_before_any_good_build(
    preview_server: Server, preview_page: Page, course_copy: Callable[[Path], Path]
) -> None:
    course = course_copy(MINIMAL)
    break_course(course)
    server = preview_server(course)
    page = preview_page(server.url, wait=False).page
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Nothing could be built yet. Fix these and save:")
    expect(alert.locator("li")).to_contain_text(["chapters/02-practice.yaml:10:11:"])
    expect(page.locator("#pv-empty")).to_be_visible()
    expect(page.locator("#pv-course")).to_be_hidden()
    fix_course(course)
    server.rebuild()  # the page hears it through its long poll
    expect(alert).to_be_hidden()
    page.wait_for_function("() => cbtPreview.ready && cbtPreview.session === 1")
    expect(page.frame_locator("#pv-course").locator("h1")).to_have_text("Welcome")


def test_page_has_no_axe_violations(preview_server: Server, preview_page: Page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    preview = preview_page(preview_server(MINIMAL).url)
    preview.page.evaluate(Axe().axe_script)
    result = preview.page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            resultTypes: ["violations"], exclude: [["#pv-course"]]
        })"""
    )
    assert [(v["id"], v["help"]) for v in result["violations"]] == []
