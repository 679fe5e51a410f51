"""Media screens in the scorm-again harness: captions as a selectable text track, the
transcript disclosure from the keyboard, axe-core at 1280 and 320 px, and the package's own
files playing under the launch page's Content-Security-Policy.

The fixture course (tests/courses/media) holds files made by scripts/make_media.py: espeak-ng
says "Welcome to the media test. Captions follow the speech." over a title card.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from .a11y import Keyboard, axe_violations, describe_violations, focused
from .lms import Lms

pytestmark = pytest.mark.browser

COURSE = Path(__file__).resolve().parents[1] / "courses" / "media"
FEDERAL_MEDIA = Path(__file__).resolve().parents[2] / "courses" / "federal_cx" / "media"
FEDERAL_SCREEN = """\
title: Welcome video
chapters:
  - title: Welcome
    screens:
      - type: media
        title: Welcome to the course
        video: [media/welcome.webm, media/welcome.mp4]
        poster: media/welcome-poster.png
        captions: media/welcome.en.vtt
        transcript: Welcome to Customer Service Excellence.
"""
NARRATION = ["Welcome to the media test.", "Captions follow the speech."]

# Waits for the first caption track's cues (mode "showing" makes the browser load them) and
# for the media's metadata, which only arrives when media-src lets the file load.
LOAD = """async (sel) => {
  const m = document.querySelector(sel);
  const tracks = [...m.textTracks];
  tracks.forEach((t) => { if (t.kind === "captions") t.mode = "showing"; });
  const t0 = tracks[0];
  for (let i = 0; i < 100 && !(t0.cues && t0.cues.length && m.readyState >= 1); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    tracks: tracks.map((t) => ({kind: t.kind, label: t.label, language: t.language, mode: t.mode})),
    cues: t0.cues ? [...t0.cues].map((c) => c.text) : null,
    readyState: m.readyState, currentSrc: m.currentSrc, duration: m.duration,
    autoplay: m.autoplay, controls: m.controls, paused: m.paused,
  };
}"""


def _next(frame: Any) -> None:
    frame.get_by_role("button", name="Next").click()


def test_video_captions_are_a_selectable_track_and_the_transcript_opens_by_keyboard(
    lms: Lms, build_course: Any
) -> None:
    session = lms.launch(build_course(COURSE))
    frame = session.course_frame
    _next(frame)
    assert frame.locator("h1").inner_text() == "Welcome video"
    video = frame.locator("video")
    assert video.get_attribute("poster") == "media/hello-poster.png"
    sources = video.locator("source")
    assert [sources.nth(i).get_attribute("src") for i in range(2)] == [
        "media/hello.webm",
        "media/hello.mp4",
    ]
    facts = frame.evaluate(LOAD, "video")
    assert facts["tracks"] == [
        {"kind": "captions", "label": "Captions", "language": "en", "mode": "showing"}
    ]
    assert facts["cues"] == NARRATION
    assert facts["readyState"] >= 1, "the video did not load: is media-src 'self' in the CSP?"
    assert facts["currentSrc"].endswith("/media/hello.webm")  # WebM first, played first
    assert 4 < facts["duration"] < 5
    assert not facts["autoplay"] and facts["controls"] and facts["paused"]

    # The transcript: a real button, closed at first, opened and closed from the keyboard.
    kb = Keyboard(session.page, frame)
    button = frame.locator("button[aria-controls^='cbt-transcript-']")
    assert button.inner_text() == "Show transcript"
    assert button.get_attribute("aria-expanded") == "false"
    panel = frame.locator("#" + button.get_attribute("aria-controls"))
    assert panel.is_hidden()
    kb.tab_to("Show transcript", role="button")
    kb.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert panel.is_visible()
    assert panel.inner_text() == "Narrator: Welcome to the media test. Captions follow the speech."
    assert focused(frame) == ("button", "Hide transcript")
    kb.press("Space")
    assert button.get_attribute("aria-expanded") == "false"
    assert panel.is_hidden()
    assert focused(frame) == ("button", "Show transcript")


def test_the_media_element_is_kept_when_its_screen_is_rebuilt(lms: Lms, build_course: Any) -> None:
    """The screen is rebuilt on every render; the video element is moved, not remade, so
    a learner who goes on (which pauses it) and comes back finds it where they left it."""
    session = lms.launch(build_course(COURSE))
    frame = session.course_frame
    _next(frame)
    frame.evaluate(LOAD, "video")
    frame.evaluate("document.querySelector('video').muted = true")
    frame.evaluate(
        """async () => { const v = document.querySelector('video'); await v.play();
            while (v.currentTime < 0.3) await new Promise((r) => setTimeout(r, 50)); }"""
    )
    frame.evaluate("window.cbtTestVideo = document.querySelector('video')")
    frame.evaluate("document.querySelector('video').dataset.mark = 'same'")
    _next(frame)
    # Off its screen the element is out of the document, and the browser pauses it.
    frame.wait_for_function("() => window.cbtTestVideo.paused")
    frame.get_by_role("button", name="Back").click()
    assert frame.locator("h1").inner_text() == "Welcome video"
    assert frame.evaluate("document.querySelector('video').dataset.mark") == "same"
    assert frame.evaluate("document.querySelector('video').currentTime") > 0.3


def test_audio_with_captions_plays_in_a_video_box_and_silent_video_needs_none(
    lms: Lms, build_course: Any
) -> None:
    session = lms.launch(build_course(COURSE))
    frame = session.course_frame
    _next(frame)
    _next(frame)
    assert frame.locator("h1").inner_text() == "The same words as audio"
    facts = frame.evaluate(LOAD, "video.is-audio")
    assert facts["currentSrc"].endswith("/media/hello.mp3")
    assert facts["tracks"] == [
        {"kind": "captions", "label": "English", "language": "en", "mode": "showing"}
    ]
    assert facts["cues"] == NARRATION
    _next(frame)
    assert frame.locator("h1").inner_text() == "A silent clip"
    silent = frame.locator("video")
    assert silent.locator("track").count() == 0
    assert frame.get_by_role("button", name="Show transcript").count() == 0
    assert frame.evaluate("document.querySelector('video').textTracks.length") == 0

    # Media screens count as visited like content: linear navigation lets the learner on,
    # and the chapter completes the course.
    _next(frame)
    frame.get_by_role("button", name="Complete Chapter").click()
    assert session.value("cmi.core.lesson_status") == "completed"
    session.close()
    session.assert_clean()


@pytest.mark.parametrize("viewport", [(1280, 800), (320, 640)], ids=["1280", "320"])
def test_media_screens_pass_axe(lms: Lms, build_course: Any, viewport: tuple[int, int]) -> None:
    session = lms.launch(build_course(COURSE))
    page, frame = session.page, session.course_frame
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    problems: list[str] = []
    for title in ("Welcome video", "The same words as audio", "A silent clip"):
        _next(frame)
        assert frame.locator("h1").inner_text() == title
        problems += [f"{title}: {v}" for v in describe_violations(axe_violations(frame))]
        transcript = frame.get_by_role("button", name="Show transcript")
        if transcript.count():
            transcript.click()
            found = describe_violations(axe_violations(frame))
            problems += [f"{title} + transcript: {v}" for v in found]
        width = frame.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport[0], f"{title}: the page scrolls sideways at {viewport[0]} px"
    assert problems == []


# Loads one file into a fresh element and reports whether its first frame decodes.
DECODES = """async (src) => {
  const v = document.createElement('video');
  v.muted = true; v.preload = 'auto'; v.src = src;
  const done = await new Promise((resolve) => {
    v.onloadeddata = () => resolve('decoded'); v.onerror = () => resolve('error ' + v.error.code);
    setTimeout(() => resolve('timeout'), 5000);
  });
  return {result: done, width: v.videoWidth, duration: v.duration};
}"""


def test_debian_chromium_decodes_both_formats(lms: Lms, build_course: Any) -> None:
    """WebM (VP9/Opus) and MP4 (H.264/AAC) both decode in Debian's chromium (its ffmpeg has
    H.264); an LMS browser without H.264 still has the WebM, listed first."""
    session = lms.launch(build_course(COURSE))
    frame = session.course_frame
    for src in ("media/hello.webm", "media/hello.mp4"):
        facts = frame.evaluate(DECODES, src)
        assert facts["result"] == "decoded" and facts["width"] == 160, (src, facts)


def test_the_federal_cx_welcome_video_plays_with_its_captions(
    lms: Lms, build_course: Any, tmp_path: Path
) -> None:
    """The committed federal_cx media, in a one-screen course: both files decode, and the
    captions are the narration of the course description."""
    root = tmp_path / "welcome"
    shutil.copytree(FEDERAL_MEDIA, root / "media")
    (root / "course.yaml").write_text(FEDERAL_SCREEN, encoding="utf-8")
    session = lms.launch(build_course(root))
    frame = session.course_frame
    facts = frame.evaluate(LOAD, "video")
    assert facts["cues"] == [
        "Welcome to Customer Service Excellence.",
        "This one-day course defines the most effective mindset for any service situation.",
        "It identifies the employee values that shape customer service,",
        "the characteristics of a customer-centric professional,",
        "and strategies to apply them in the federal workforce.",
    ]
    assert 15 < facts["duration"] < 20
    for src in ("media/welcome.webm", "media/welcome.mp4"):
        decoded = frame.evaluate(DECODES, src)
        assert decoded["result"] == "decoded" and decoded["width"] == 320, (src, decoded)
