"""The question types beyond choices (numeric, fill_in, matching, sequencing) in Chromium
against scorm-again, under the strict SCORM 1.2 checker: answered through the real UI (a text
box, selects, Move up / Move down buttons) on a question screen, a knowledge check and the
final quiz; the interaction records; a relaunch that restores every answer; axe-core on every
new control at 1280 and 320 px; and the SCORM 2004 formats of the same records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .a11y import NARROW, WIDE, axe_violations
from .arizona import interactions, wait_for_value, without_times
from .lms import Lms

pytestmark = pytest.mark.browser

COURSE = Path(__file__).resolve().parents[1] / "courses" / "questions"
KC = "check-your-knowledge__"
QUIZ = "final-quiz__"


def no_axe_violations(frame: Any, page: Any, where: str) -> None:
    for size in (WIDE, NARROW):
        page.set_viewport_size(size)
        found = axe_violations(frame)
        assert not found, f"{where} at {size['width']} px: " + "; ".join(
            f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in found
        )
    page.set_viewport_size(WIDE)


def next_page(frame: Any) -> None:
    pager = frame.get_by_role("navigation", name="Screens")
    pager.get_by_role("button", name="Next", exact=True).press("Enter")


def put_in_order(frame: Any, scope: Any, items: list[str]) -> None:
    """Sort the list with Move up only, as a keyboard user would: focus stays on the moved
    item's button and the live region says where it went."""
    for want, item in enumerate(items):
        while True:
            shown = [t.strip() for t in scope.locator(".cbt-seq-item").all_inner_texts()]
            at = shown.index(item)
            if at == want:
                break
            button = scope.get_by_role("button", name=f"Move up: {item}")
            button.focus()
            button.press("Enter")
            # (A message of the same moment, such as the page's own, may be read with it.)
            expect(frame.locator("#cbt-live")).to_contain_text(
                f"{item}: position {at} of {len(items)}.", timeout=3000
            )
            focused = frame.evaluate("document.activeElement.getAttribute('data-key')")
            assert focused in (f"up-{items.index(item)}", f"down-{items.index(item)}"), focused


def shown_order(scope: Any) -> list[str]:
    return [t.strip() for t in scope.locator(".cbt-seq-item").all_inner_texts()]


def test_new_question_types_record_restore_and_are_accessible(lms: Lms, build_course: Any) -> None:
    package = build_course(COURSE)
    session = lms.launch(package)
    frame = session.course_frame
    main = frame.get_by_role("main")

    # A question screen: numeric with its unit; a word is refused with a message.
    box = main.get_by_role("textbox", name="What is the NPS?")
    expect(box).to_have_attribute("inputmode", "decimal")
    assert main.get_by_text("points", exact=True).is_visible()
    box.fill("forty-five")
    box.press("Enter")
    expect(main.get_by_text("Enter a number, such as 45 or -2.5.")).to_be_visible()
    expect(box).to_have_attribute("aria-invalid", "true")
    no_axe_violations(frame, session.page, "numeric with an error")
    box.fill("45")
    box.press("Tab")
    main.get_by_role("button", name="Submit Answer").click()
    feedback = main.locator(".cbt-feedback")
    expect(feedback).to_contain_text("Correct.")
    expect(feedback).to_contain_text("Your answer: 45 points.")
    no_axe_violations(frame, session.page, "numeric checked")
    next_page(frame)

    # The knowledge check: fill-in, matching (wrong first, then tried again), sequencing,
    # numeric range with a Markdown prompt above its box.
    expect(main.get_by_role("heading", level=1)).to_have_text("Check your knowledge")
    sections = main.locator(".cbt-kc-question")
    no_axe_violations(frame, session.page, "knowledge check, unanswered")
    fill = sections.nth(0)
    fill.get_by_role("textbox", name="OMB designates High Impact Service ____ (HISPs).").fill(
        "  PROVIDERS "
    )
    fill.get_by_role("button", name="Check Answer").click()
    expect(fill.locator(".cbt-feedback")).to_contain_text("Correct.")

    match = sections.nth(1)
    group = match.get_by_role("group", name="Match each section of Executive Order 14058")
    expect(group).to_be_visible()
    group.get_by_role("combobox", name="Sec. 4").select_option(
        label="Authorizes OMB to designate HISPs"
    )
    group.get_by_role("combobox", name="Sec. 6").select_option(
        label="Directs 16 agencies to take 36 actions"
    )
    group.get_by_role("combobox", name="Sec. 3").select_option(
        label="Sets the policy of the government"
    )
    match.get_by_role("button", name="Check Answer").click()
    expect(match.locator(".cbt-feedback")).to_contain_text("Incorrect.")
    match.get_by_role("button", name="Try Again").click()
    for item, answer in (
        ("Sec. 4", "Directs 16 agencies to take 36 actions"),
        ("Sec. 6", "Authorizes OMB to designate HISPs"),
        ("Sec. 3", "Sets the policy of the government"),
    ):
        match.get_by_role("combobox", name=item).select_option(label=answer)
    match.get_by_role("button", name="Check Answer").click()
    expect(match.locator(".cbt-feedback")).to_contain_text("Correct.")

    seq = sections.nth(2)
    stages = ["Discovery", "Design", "Delivery", "Measurement"]
    assert shown_order(seq) != stages, "shown shuffled"
    no_axe_violations(frame, session.page, "sequencing")
    put_in_order(frame, seq, stages)
    seq.get_by_role("button", name="Check Answer").click()
    expect(seq.locator(".cbt-feedback")).to_contain_text("Correct.")

    share = sections.nth(3)
    share.get_by_role("textbox", name="Your answer").fill("23")
    share.get_by_role("textbox", name="Your answer").press("Tab")
    share.get_by_role("button", name="Check Answer").click()
    expect(share.locator(".cbt-feedback")).to_contain_text("Incorrect.")
    share.get_by_role("button", name="Try Again").click()
    share.get_by_role("textbox", name="Your answer").fill("19.5")
    share.get_by_role("textbox", name="Your answer").press("Tab")
    share.get_by_role("button", name="Check Answer").click()
    expect(share.locator(".cbt-feedback")).to_contain_text("Correct.")
    no_axe_violations(frame, session.page, "knowledge check, checked")
    next_page(frame)
    main.get_by_role("button", name="Complete Chapter").click()
    next_page(frame)

    # The final quiz, one question at a time; leave in the middle of it.
    main.get_by_role("button", name="Start Quiz").click()
    cx = main.get_by_role("textbox", name="What does the C in CX stand for?")
    cx.fill("Customer")
    no_axe_violations(frame, session.page, "quiz fill-in")
    main.get_by_role("button", name="Next question").click()
    main.get_by_role("combobox", name="OMB").select_option(label="Office of Management and Budget")
    main.get_by_role("combobox", name="HCD").select_option(label="Human-centered design")
    no_axe_violations(frame, session.page, "quiz matching")
    main.get_by_role("button", name="Next question").click()
    put_in_order(frame, main, ["1", "2", "3"])
    main.get_by_role("button", name="Next question").click()
    expect(main.get_by_role("heading", level=1)).to_have_text("Question 4 of 5")
    wait_for_value(session, "cmi.core.lesson_location", "final-quiz")
    session.page.wait_for_timeout(300)
    session.close()
    session.assert_clean(final=False)

    # Relaunch: the quiz goes on where it was, every answer as the learner left it.
    again = lms.launch(package, cmi=session.relaunch_cmi())
    frame = again.course_frame
    main = frame.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Question 4 of 5")
    main.get_by_role("button", name="Previous question").click()
    assert shown_order(main) == ["1", "2", "3"]
    main.get_by_role("button", name="Previous question").click()
    expect(main.get_by_role("combobox", name="OMB")).to_have_value("0")
    expect(main.get_by_role("combobox", name="HCD")).to_have_value("1")
    main.get_by_role("button", name="Previous question").click()
    expect(main.get_by_role("textbox", name="What does the C in CX stand for?")).to_have_value(
        "Customer"
    )
    for _ in range(3):
        main.get_by_role("button", name="Next question").click()
    main.get_by_role("radio", name="NPS").check()
    main.get_by_role("button", name="Next question").click()
    nps = main.get_by_role("textbox", name="Promoters 50 %, detractors 20 %. What is the NPS?")
    nps.fill("30.5")
    nps.press("Tab")
    main.get_by_role("button", name="Submit Quiz").click()
    expect(main.locator(".cbt-score")).to_contain_text("your score is 100%")
    wait_for_value(again, "cmi.core.lesson_status", "passed")
    review = main.locator(".cbt-review")
    expect(review).to_contain_text("Your answer: OMB: Office of Management and Budget; HCD: ")
    expect(review).to_contain_text("Your answer: 1. 1, 2. 2, 3. 3.")
    no_axe_violations(frame, again.page, "quiz results with the answers reviewed")

    # The checked answers of the chapter are restored too (read-only now).
    frame.get_by_role("navigation", name="Chapters").get_by_role(
        "button", name="Customer Experience, Complete"
    ).click()
    expect(main.get_by_role("textbox", name="What is the NPS?")).to_have_value("45")
    expect(main.get_by_role("textbox", name="What is the NPS?")).to_be_disabled()
    next_page(frame)
    kc = main.locator(".cbt-kc-question")
    expect(kc.nth(0).get_by_role("textbox")).to_have_value("PROVIDERS")
    expect(kc.nth(1).get_by_role("combobox", name="Sec. 6")).to_have_value("1")
    assert shown_order(kc.nth(2)) == ["Discovery", "Design", "Delivery", "Measurement"]
    expect(kc.nth(3).get_by_role("textbox")).to_have_value("19.5")
    again.close()
    again.assert_clean()

    rows = without_times(interactions(again.persisted_cmi() or {}))
    got = [(r["id"], r["type"], r["student_response"], r["result"]) for r in rows]
    assert got == [
        ("net-promoter-score", "numeric", "45", "correct"),
        (KC + "hisp", "fill-in", "PROVIDERS", "correct"),
        (KC + "eo", "matching", "1.b,2.a,3.c", "wrong"),
        (KC + "eo", "matching", "1.a,2.b,3.c", "correct"),
        (KC + "hcd", "sequencing", "a,b,c,d", "correct"),
        (KC + "share", "numeric", "23", "wrong"),
        (KC + "share", "numeric", "19.5", "correct"),
        (QUIZ + "q-cx", "fill-in", "Customer", "correct"),
        (QUIZ + "q-match", "matching", "1.a,2.b", "correct"),
        (QUIZ + "q-order", "sequencing", "a,b,c", "correct"),
        (QUIZ + "q-single", "choice", "a", "correct"),
        (QUIZ + "q-nps", "numeric", "30.5", "correct"),
    ]
    patterns = {r["id"]: r["correct_responses.0.pattern"] for r in rows}
    assert patterns == {
        "net-promoter-score": "45",
        KC + "hisp": "Providers",
        KC + "eo": "1.a,2.b,3.c",
        KC + "hcd": "a,b,c,d",
        KC + "share": "20",
        QUIZ + "q-cx": "Customer",
        QUIZ + "q-match": "1.a,2.b",
        QUIZ + "q-order": "a,b,c",
        QUIZ + "q-single": "a",
        QUIZ + "q-nps": "30",
    }


def test_scorm_2004_formats_of_the_new_types(lms2004: Any, tmp_path: Path) -> None:
    """The same course as a SCORM 2004 package under scorm-again's Scorm2004API and the strict
    2004 checker: matching "1[.]a[,]2[.]b", sequencing "a[,]b", numeric ranges "min[:]max",
    a case-sensitive fill-in's {case_matters=true}."""
    from cbtforge.build import compile_course, write_zip

    package = tmp_path / "questions-2004.zip"
    write_zip(compile_course(COURSE, standard="scorm2004"), package)
    session = lms2004.launch(package)
    frame = session.course_frame
    main = frame.get_by_role("main")
    box = main.get_by_role("textbox", name="What is the NPS?")
    box.fill("44")
    box.press("Enter")
    main.get_by_role("button", name="Submit Answer").click()
    next_page(frame)
    kc = main.locator(".cbt-kc-question")
    kc.nth(0).get_by_role("textbox").fill("Provider")
    kc.nth(0).get_by_role("textbox").press("Enter")
    kc.nth(0).get_by_role("button", name="Check Answer").click()
    for item, answer in (
        ("Sec. 4", "Directs 16 agencies to take 36 actions"),
        ("Sec. 6", "Authorizes OMB to designate HISPs"),
        ("Sec. 3", "Repeals an earlier order"),
    ):
        kc.nth(1).get_by_role("combobox", name=item).select_option(label=answer)
    kc.nth(1).get_by_role("button", name="Check Answer").click()
    put_in_order(frame, kc.nth(2), ["Discovery", "Design", "Delivery", "Measurement"])
    kc.nth(2).get_by_role("button", name="Check Answer").click()
    kc.nth(3).get_by_role("textbox").fill("21")
    kc.nth(3).get_by_role("textbox").press("Enter")
    kc.nth(3).get_by_role("button", name="Check Answer").click()
    expect(kc.nth(3).locator(".cbt-feedback")).to_contain_text("Correct.")
    wait_for_value(session, "cmi.interactions.4.result", "correct")
    session.close()
    session.assert_clean(final=False)

    rows = {r["id"]: r for r in interactions(session.persisted_cmi() or {})}
    got = {
        k: (r["type"], r["learner_response"], r["correct_responses.0.pattern"], r["result"])
        for k, r in rows.items()
    }
    assert got == {
        "net-promoter-score": ("numeric", "44", "45[:]45", "incorrect"),
        KC + "hisp": ("fill-in", "Provider", "Providers", "correct"),
        KC + "eo": ("matching", "1[.]a[,]2[.]b[,]3[.]d", "1[.]a[,]2[.]b[,]3[.]c", "incorrect"),
        KC + "hcd": ("sequencing", "a[,]b[,]c[,]d", "a[,]b[,]c[,]d", "correct"),
        KC + "share": ("numeric", "21", "18[:]22", "correct"),
    }
