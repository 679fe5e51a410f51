"""Media screens: the model's accessibility rules, the files' signatures, WebVTT captions
(webvtt-py), and the package (files, manifest, CSP, player bundle, determinism).

The real files come from scripts/make_media.py (tests/courses/media); broken variants are
made here from their bytes.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from cbtforge import media
from cbtforge.assets import AssetFile
from cbtforge.build import bundle_player, compile_course, screen_modules, write_zip
from cbtforge.errors import ProblemsError
from cbtforge.loader import load
from cbtforge.validate import validate_package

TESTS = Path(__file__).parent
COURSE = TESTS / "courses" / "media"
FILES = COURSE / "media"
FEDERAL = TESTS.parent / "courses" / "federal_cx" / "media"


def _course(tmp_path: Path, screen: str, files: dict[str, bytes]) -> Path:
    root = tmp_path / "c"
    root.mkdir(exist_ok=True)
    text = "title: Course\nchapters:\n  - title: Chapter\n    screens:\n" + screen
    (root / "course.yaml").write_text(text, encoding="utf-8")
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def _problems(root: Path) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        load(root, base=root)
    return [p.format() for p in caught.value.problems]


VIDEO = """\
      - type: media
        title: Video
        video: {video}
        captions: {captions}
        transcript: Hello.
"""
WEBM = (FILES / "hello.webm").read_bytes()
VTT = (FILES / "hello.en.vtt").read_bytes()


# --- signatures ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("hello.webm", "webm"),
        ("hello.mp4", "mp4"),
        ("hello.mp3", "mp3"),
        ("silent.webm", "webm"),
    ],
)
def test_the_generated_files_have_the_signature_of_their_kind(name: str, kind: str) -> None:
    assert media.sniff((FILES / name).read_bytes()[: media.HEAD_BYTES]) == kind


def test_signatures_of_other_kinds_are_named() -> None:
    assert media.sniff(b"\xff\xfb\x90\x00") == "mp3"  # an MPEG frame without an ID3 tag
    assert media.sniff(b"\xff\xf3\x90\x00") == "mp3"  # MPEG-2 layer III
    assert media.sniff(b"\xff\xf1\x50\x80") is None  # ADTS AAC syncs too, with layer 00
    assert media.sniff(b"\xff\xf9\x50\x80") is None
    assert media.sniff(b"OggS\x00\x02") == "ogg"
    assert media.sniff(b"RIFF\x00\x00\x00\x00WAVEfmt ") == "wav"
    assert media.sniff(b"RIFF\x00\x00\x00\x00AVI LIST") == "avi"
    assert media.sniff(b"\x00\x00\x00\x14ftypqt  ") == "quicktime"
    assert media.sniff(b"\x1a\x45\xdf\xa3\x01\x00matroska") == "matroska"
    assert media.sniff(b"<html>") is None
    assert media.content_issue(".m4a", (FILES / "hello.mp4").read_bytes()[:64]) is None
    issue = media.content_issue(".webm", b"\x1a\x45\xdf\xa3\x01\x00matroska")
    assert issue == (
        "holds Matroska (.mkv) data, not WebM: convert it to a WebM (VP9 or VP8 video, "
        "Opus or Vorbis audio) file"
    )


# --- captions ------------------------------------------------------------------------------


def test_the_generated_captions_parse_and_follow_the_narration() -> None:
    assert media.captions_issue("x.vtt", VTT) is None
    assert media.captions_text(VTT) == ["Welcome to the media test.", "Captions follow the speech."]
    federal = (FEDERAL / "welcome.en.vtt").read_bytes()
    assert media.captions_issue("welcome.en.vtt", federal) is None
    assert media.captions_text(federal)[0] == "Welcome to Customer Service Excellence."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\ufeffWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nHi\r\n", None),
        ("WEBVTT - a title\n\nintro\n00:00:01.000 --> 00:00:02.000 line:0\n<v Ann>Hi\n", None),
        ("WEBVTTX\n\n00:01.000 --> 00:02.000\nHi\n", "is not a WebVTT file (c.vtt:1)"),
        ("", "is not a WebVTT file (c.vtt:1)"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n\n", "has a cue without text (c.vtt:3, cue 1)"),
        ("WEBVTT\n\nNOTE only a comment\n", "has no captions (c.vtt)"),
        (
            "WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n00:03.000 --> 00:04.000\nThere\n",
            "does not parse as WebVTT (c.vtt:3: a cue block is malformed)",
        ),
        (
            "WEBVTT\n\n00:00:01.000 --> 00:00:61.000\nHi\n",
            "does not parse as WebVTT (c.vtt:3: invalid time 00:00:61.000)",
        ),
        (
            "WEBVTT\n\n1\n00:01.000 --> 00:02.000\nOne\n\n2\n00:02.000 --> 00:02.000\nTwo\n",
            "has a cue that ends (00:00:02.000) before it starts (00:00:02.000) (c.vtt:8, cue 2)",
        ),
        (
            "WEBVTT\n\n00:01.000 --> 00:02.000\n   \n",
            "has a cue without text (c.vtt:3, cue 1)",
        ),
    ],
    ids=["bom-crlf", "settings-voice", "header", "empty", "blank-cue", "comment-only",
         "no-gap", "sixty", "zero-length", "spaces"],
)  # fmt: skip
def test_captions_problems_name_the_line(text: str, expected: str | None) -> None:
    issue = media.captions_issue("c.vtt", text.encode("utf-8"))
    if expected is None:
        assert issue is None
    else:
        assert issue is not None and issue.startswith(expected), issue


def test_captions_that_are_not_utf8_name_the_line() -> None:
    issue = media.captions_issue("c.vtt", b"WEBVTT\n\n00:01.000 --> 00:02.000\ncaf\xe9\n")
    assert issue is not None and issue.startswith("is not UTF-8 text (c.vtt:4)")


# --- the model, through the loader ---------------------------------------------------------


def test_a_single_path_or_a_list_is_accepted_and_packaged(tmp_path: Path) -> None:
    screen = VIDEO.format(video="media/a.webm", captions="media/a.vtt")
    root = _course(tmp_path, screen, {"media/a.webm": WEBM, "media/a.vtt": VTT})
    loaded = load(root)
    assert loaded.assets == ["media/a.vtt", "media/a.webm"]
    assert loaded.asset_data["media/a.webm"] == WEBM


def test_several_caption_files_each_need_a_language(tmp_path: Path) -> None:
    screen = VIDEO.format(video="media/a.webm", captions="[media/a.vtt, media/b.vtt]")
    root = _course(tmp_path, screen, {})
    assert _problems(root) == [
        "course.yaml:5:9: with several caption files, give each its language: "
        "captions: [{src: ..., lang: en, label: English}, ...]"
    ]


def test_a_poster_is_checked_as_an_image_and_audio_has_none(tmp_path: Path) -> None:
    screen = VIDEO.format(video="media/a.webm", captions="media/a.vtt")
    screen += "        poster: media/poster.html\n"
    root = _course(tmp_path, screen, {"media/a.webm": WEBM, "media/a.vtt": VTT,
                                      "media/poster.html": b"<script>"})  # fmt: skip
    [problem] = _problems(root)
    assert problem.startswith("course.yaml:10:17: image 'media/poster.html' is not an image file")
    audio = "      - type: media\n        title: A\n        audio: a.mp3\n        poster: p.png\n"
    audio += "        no_speech: true\n"
    assert _problems(_course(tmp_path, audio, {})) == [
        "course.yaml:5:9: 'poster' is shown before a video; audio has none: remove it"
    ]


def test_audio_with_captions_still_needs_a_transcript(tmp_path: Path) -> None:
    audio = "      - type: media\n        title: A\n        audio: a.mp3\n        captions: a.vtt\n"
    assert _problems(_course(tmp_path, audio, {})) == [
        "course.yaml:5:9: media with speech needs a transcript (Section 508, WCAG 1.2.1): "
        "add 'transcript: |' with what is said, or 'no_speech: true' if nothing is said"
    ]


@pytest.mark.parametrize("name", ["media/a%20b.webm", "media/a#b.webm", "media/a?b.webm"])
def test_url_syntax_in_a_media_name_is_refused(tmp_path: Path, name: str) -> None:
    screen = VIDEO.format(video=f"'{name}'", captions="media/a.vtt")
    root = _course(tmp_path, screen, {name: WEBM, "media/a.vtt": VTT})
    [problem] = _problems(root)
    assert "in its file name, which browsers read as part of the address, so the video " in problem


def test_a_media_file_is_read_without_following_links(tmp_path: Path) -> None:
    screen = VIDEO.format(video="media/a.webm", captions="media/a.vtt")
    root = _course(tmp_path, screen, {"media/real.webm": WEBM, "media/a.vtt": VTT})
    try:
        (root / "media" / "a.webm").symlink_to("real.webm")
    except OSError:
        pytest.skip("symbolic links are not available here")
    [problem] = _problems(root)
    assert problem.startswith("course.yaml:7:16: video 'media/a.webm' could not be read")


def test_names_differing_only_in_case_are_refused(tmp_path: Path) -> None:
    screen = VIDEO.format(video="[media/a.webm, media/A.webm]", captions="media/a.vtt")
    root = _course(tmp_path, screen, {"media/a.webm": WEBM, "media/A.webm": WEBM,
                                      "media/a.vtt": VTT})  # fmt: skip
    [problem] = _problems(root)
    assert problem.startswith("course.yaml:7:31: video 'media/A.webm' and 'media/a.webm' (used")


def test_a_large_video_is_streamed_into_the_zip(tmp_path: Path) -> None:
    """Above 1 MB a file is not kept in memory: its signature is read through the same
    no-follow handle, and the zip gets the bytes streamed from it."""
    big = WEBM + bytes(1024 * 1024 + 1)
    screen = VIDEO.format(video="media/a.webm", captions="media/a.vtt")
    root = _course(tmp_path, screen, {"media/a.webm": big, "media/a.vtt": VTT})
    compiled = compile_course(root)
    assert isinstance(compiled.entries["media/a.webm"], AssetFile)
    out = tmp_path / "c.zip"
    write_zip(compiled, out)
    with zipfile.ZipFile(out) as archive:
        assert archive.read("media/a.webm") == big
    # A caption file that large is refused rather than parsed.
    (root / "media" / "a.vtt").write_bytes(VTT + b"\n" * (1024 * 1024))
    [problem] = _problems(root)
    assert "is larger than 1 MB" in problem


# --- the package ---------------------------------------------------------------------------


def _csp(index_html: bytes) -> str:
    text = index_html.decode("utf-8")
    start = text.index('Content-Security-Policy" content="') + len(
        'Content-Security-Policy" content="'
    )
    return text[start : text.index('"', start)]


def test_the_package_carries_the_files_lists_them_and_allows_only_its_own_media(
    tmp_path: Path,
) -> None:
    compiled = compile_course(COURSE)
    names = sorted(p.name for p in FILES.iterdir())
    assert [n for n in compiled.entries if n.startswith("media/")] == [f"media/{n}" for n in names]
    manifest = compiled.entries["imsmanifest.xml"]
    assert isinstance(manifest, bytes)
    for name in names:
        assert f'<file href="media/{name}"/>'.encode() in manifest
    csp = _csp(compiled.entries["index.html"])  # type: ignore[arg-type]
    directives = [d.strip() for d in csp.split(";")]
    assert "media-src 'self'" in directives and "default-src 'none'" in directives
    out1, out2 = tmp_path / "1.zip", tmp_path / "2.zip"
    write_zip(compiled, out1)
    write_zip(compile_course(COURSE), out2)
    assert out1.read_bytes() == out2.read_bytes()
    assert validate_package(out1) == []  # no error, no warning: media files are fine


def test_courses_without_media_keep_a_policy_without_media() -> None:
    compiled = compile_course(TESTS / "courses" / "minimal")
    assert "media-src" not in _csp(compiled.entries["index.html"])  # type: ignore[arg-type]


def test_only_courses_with_media_ship_the_media_module() -> None:
    assert "media" in screen_modules(load(COURSE).course)
    with_media = bundle_player(modules=screen_modules(load(COURSE).course))
    minimal = bundle_player(modules=screen_modules(load(TESTS / "courses" / "minimal").course))
    assert b"cbt-transcript" in with_media["player.js"]
    assert b"cbt-media" in with_media["player.css"]
    assert b"cbt-transcript" not in minimal["player.js"]
    assert b"cbt-media" not in minimal["player.css"]


def test_the_federal_cx_media_stay_small_and_well_formed() -> None:
    files = {p.name: p.read_bytes() for p in FEDERAL.iterdir()}
    assert sorted(files) == ["welcome-poster.png", "welcome.en.vtt", "welcome.mp4", "welcome.webm"]
    assert sum(len(b) for b in files.values()) < 300 * 1024
    assert media.content_issue(".webm", files["welcome.webm"][:64]) is None
    assert media.content_issue(".mp4", files["welcome.mp4"][:64]) is None
    assert files["welcome-poster.png"].startswith(b"\x89PNG")
    assert os.path.getsize(FILES / "hello.webm") < 20 * 1024
