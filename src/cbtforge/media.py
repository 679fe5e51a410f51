"""Media files of ``media`` screens: is each file what its name says, and do captions parse.

A browser decides how to play a file from its bytes, not its name, so a renamed ``.avi`` or a
text file called ``.mp4`` shows learners a broken player in the LMS: the loader checks the
first bytes of every media file (its container's signature) and parses every caption file
with a WebVTT parser (webvtt-py), reporting the line of the first problem.
"""

from __future__ import annotations

import re

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

# Bytes the loader reads from the start of a media file to tell its kind.
HEAD_BYTES = 64
# A caption file of a two-hour film is about 150 KB; anything far larger is not captions.
MAX_CAPTIONS_BYTES = 1024 * 1024

_KIND_NAMES = {
    "mp4": "MP4",
    "webm": "WebM",
    "matroska": "Matroska (.mkv)",
    "mp3": "MP3",
    "ogg": "Ogg",
    "wav": "WAV",
    "avi": "AVI",
    "flac": "FLAC",
    "quicktime": "QuickTime (.mov)",
}
# Which kinds of bytes each extension may hold (.m4a is audio in an MP4 container).
_EXPECTED = {".mp4": "mp4", ".m4a": "mp4", ".webm": "webm", ".mp3": "mp3", ".ogg": "ogg"}
_CONVERT = {
    ".mp4": "an MP4 (H.264 video, AAC audio)",
    ".m4a": "an M4A (AAC audio)",
    ".webm": "a WebM (VP9 or VP8 video, Opus or Vorbis audio)",
    ".mp3": "an MP3",
    ".ogg": "an Ogg (Opus or Vorbis audio)",
}


def sniff(head: bytes) -> str | None:
    """The container ``head`` (a file's first bytes) starts, or None if unknown."""
    if head[4:8] == b"ftyp":
        return "quicktime" if head[8:12] == b"qt  " else "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):  # EBML: WebM names its DocType in the header
        return "webm" if b"webm" in head[:HEAD_BYTES] else "matroska"
    if head.startswith(b"ID3"):
        return "mp3"
    # An MPEG audio frame: 11 sync bits, then a layer other than "reserved" (00).
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06:
        return "mp3"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return "avi"
    if head.startswith(b"fLaC"):
        return "flac"
    return None


def content_issue(ext: str, head: bytes) -> str | None:
    """Why a media file named ``*<ext>`` whose first bytes are ``head`` must not ship, or
    None. Phrased to follow "video 'x' "."""
    expected = _EXPECTED[ext]
    found = sniff(head)
    if found == expected:
        return None
    wanted = _CONVERT[ext]
    if not head:
        return f"is empty; export the media again as {wanted} file"
    if found is None:
        return (
            f"is not {ext[1:].upper()} media: its first bytes are no {_KIND_NAMES[expected]} "
            f"signature, so browsers would not play it; export it again as {wanted} file"
        )
    real = _KIND_NAMES[found]
    rename = next((e for e, k in _EXPECTED.items() if k == found and e != ".m4a"), None)
    fix = f"rename it to {rename}" if rename else f"convert it to {wanted} file"
    return f"holds {real} data, not {_KIND_NAMES[expected]}: {fix}"


_HEADER = re.compile(r"^\ufeff?WEBVTT(?:[ \t].*)?$")
_TIMING = re.compile(r"^\s*(\S+)\s+-->\s+(\S+)")


def captions_issue(rel: str, data: bytes) -> str | None:
    """Why the WebVTT file ``rel`` (its bytes ``data``) cannot caption a video, or None.

    The message names the file and line (``media/a.vtt:7``): the parser's complaint, a cue
    without text, a cue that ends before it starts or starts before the cue above it (the
    order WebVTT requires), or a file without cues.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return f"is not UTF-8 text ({rel}:{line}); WebVTT files are UTF-8: save it as UTF-8"
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not _HEADER.match(lines[0]):
        return (
            f"is not a WebVTT file ({rel}:1): its first line must be 'WEBVTT'; save the "
            "captions as WebVTT (.vtt), not SRT or plain text"
        )
    try:
        parsed = webvtt.from_string(text.lstrip("\ufeff"), strict=True)
    except (MalformedCaptionError, MalformedFileError) as error:
        quoted = re.search(r"'([^'\n]+)'", str(error))
        line = _line_of(lines, quoted.group(1)) if quoted else 0
        where = f"{rel}:{line}" if line else rel
        return (
            f"does not parse as WebVTT ({where}: {_parser_words(str(error))}); a cue is "
            "a timing line 'hh:mm:ss.ttt --> hh:mm:ss.ttt', its text, then an empty line"
        )
    cues = parsed.captions
    if not cues:
        return (
            f"has no captions ({rel}); add cues: a timing line 'hh:mm:ss.ttt --> "
            "hh:mm:ss.ttt', then the words said, then an empty line"
        )
    timing_lines = [n for n, line in enumerate(lines, 1) if _TIMING.match(line)]
    if len(timing_lines) != len(cues):  # e.g. "-->" in a comment: fall back to cue numbers
        timing_lines = []
    previous = -1
    for i, cue in enumerate(cues):
        where = f"{rel}:{timing_lines[i]}" if timing_lines else rel
        start, end = cue.start_time.in_milliseconds(), cue.end_time.in_milliseconds()
        if not cue.text.strip():
            return f"has a cue without text ({where}, cue {i + 1}); write what is said or remove it"
        if end <= start:
            return (
                f"has a cue that ends ({cue.end}) before it starts ({cue.start}) "
                f"({where}, cue {i + 1}); fix its timing"
            )
        if start < previous:
            return (
                f"has cues out of order ({where}, cue {i + 1} starts at {cue.start}, before "
                "the cue above it); WebVTT needs cues in order of their start times"
            )
        previous = start
    return None


def captions_text(data: bytes) -> list[str]:
    """The text of each cue (for tests and the transcript check): tags removed."""
    return [cue.text for cue in webvtt.from_string(data.decode("utf-8").lstrip("\ufeff")).captions]


def _line_of(lines: list[str], fragment: str) -> int:
    for n, line in enumerate(lines[1:], 2):
        if fragment in line:
            return n
    return 0


def _parser_words(message: str) -> str:
    """webvtt-py's message, without the Python list it appends."""
    if message.startswith("Invalid cue block"):
        return "a cue block is malformed"
    return message.replace("Invalid timestamp", "invalid time").replace("'", "")
