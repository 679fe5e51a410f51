"""Generate the small narrated media files the repository commits (not run by CI).

    python scripts/make_media.py            # every set below
    python scripts/make_media.py federal_cx # one set

Needs Debian's ``ffmpeg`` and ``espeak-ng`` (``apt-get install ffmpeg espeak-ng``). Each set
is a still title card (DejaVu Sans) narrated by espeak-ng, one phrase per caption cue: every
phrase is spoken on its own, its length measured, so the WebVTT captions follow the speech
exactly. Out come WebM (VP9/Opus) and MP4 (H.264/AAC) videos, a poster PNG (the title card),
captions and, for sets that ask for it, an MP3 of the narration. Encoders run single-threaded
with bit-exact flags, so a rerun on the same Debian release writes the same bytes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
GAP = 0.3  # seconds of silence between phrases (and before the first)
VOICE = ["-v", "en-us", "-s", "180"]


@dataclass(frozen=True)
class MediaSet:
    folder: str  # relative to the repository
    stem: str
    card: tuple[str, ...]  # the title card's lines
    phrases: tuple[str, ...]  # narration, one caption cue each
    size: str = "320x180"
    mp3: bool = False
    mp4: bool = True
    silent: bool = False  # also silent.webm: one second of the title card, no audio


SETS = {
    "federal_cx": MediaSet(
        folder="courses/federal_cx/media",
        stem="welcome",
        card=("Customer Service", "Excellence"),
        # A short, faithful version of the course description (seed 002).
        phrases=(
            "Welcome to Customer Service Excellence.",
            "This one-day course defines the most effective mindset for any service situation.",
            "It identifies the employee values that shape customer service,",
            "the characteristics of a customer-centric professional,",
            "and strategies to apply them in the federal workforce.",
        ),
    ),
    "tests": MediaSet(
        folder="tests/courses/media/media",
        stem="hello",
        card=("Media test",),
        phrases=("Welcome to the media test.", "Captions follow the speech."),
        size="160x90",
        mp3=True,
        silent=True,
    ),
    # The example course of `cbtforge new`: WebM alone keeps every new course small.
    "scaffold": MediaSet(
        folder="src/cbtforge/scaffold/media",
        stem="welcome",
        card=("Your course",),
        phrases=("Welcome to your new course.", "Replace this video with your own."),
        size="160x90",
        mp4=False,
    ),
}


def run(*args: str) -> None:
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def seconds(path: Path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def timestamp(t: float) -> str:
    ms = round(t * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def make(spec: MediaSet) -> list[Path]:
    out = ROOT / spec.folder
    out.mkdir(parents=True, exist_ok=True)
    bitexact = ["-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact"]
    bitexact += ["-map_metadata", "-1", "-threads", "1"]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        # The narration: silence, phrase, silence, phrase ... with each phrase's time noted.
        parts: list[Path] = []
        cues: list[tuple[float, float, str]] = []
        silence = tmp / "gap.wav"
        run("ffmpeg", "-y", "-f", "lavfi", "-i", f"anullsrc=r=22050:cl=mono:d={GAP}", str(silence))
        t = 0.0
        for i, phrase in enumerate(spec.phrases):
            wav = tmp / f"p{i}.wav"
            run("espeak-ng", *VOICE, "-w", str(wav), phrase)
            length = seconds(wav)
            parts += [silence, wav]
            t += seconds(silence)
            cues.append((t, t + length, phrase))
            t += length
        parts.append(silence)
        listing = tmp / "parts.txt"
        listing.write_text("".join(f"file '{p}'\n" for p in parts), encoding="utf-8")
        narration = tmp / "narration.wav"
        run("ffmpeg", "-y", "-f", "concat", "-safe", "0", "-i", str(listing), str(narration))

        # The title card, which is also the poster.
        font_size = int(spec.size.split("x")[1]) // 7
        lines = []
        for n, text in enumerate(spec.card):
            y = f"(h-{len(spec.card)}*{font_size * 1.3})/2+{n}*{font_size * 1.3}"
            lines.append(
                f"drawtext=fontfile={FONT}:text='{text}':fontcolor=white:"
                f"fontsize={font_size}:x=(w-text_w)/2:y={y}"
            )
        poster = out / f"{spec.stem}-poster.png"
        run(
            "ffmpeg", "-y", "-f", "lavfi", "-i", f"color=c=0x1f3a5f:s={spec.size}",
            "-vf", ",".join(lines), "-frames:v", "1", *bitexact, str(poster),
        )  # fmt: skip
        # -t, not -shortest: a looped image makes -shortest overshoot by seconds.
        still = ["-loop", "1", "-framerate", "5", "-i", str(poster), "-i", str(narration)]
        still += ["-t", f"{seconds(narration):.3f}", "-r", "5", "-g", "50"]
        still += ["-pix_fmt", "yuv420p", "-ac", "1"]
        run(
            "ffmpeg", "-y", *still, "-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "50",
            "-row-mt", "0", "-c:a", "libopus", "-b:a", "20k", *bitexact,
            str(out / f"{spec.stem}.webm"),
        )  # fmt: skip
        if spec.mp4:
            run(
                "ffmpeg", "-y", *still, "-c:v", "libx264", "-tune", "stillimage", "-crf", "32",
                "-preset", "veryslow", "-profile:v", "baseline", "-c:a", "aac", "-b:a", "24k",
                "-movflags", "+faststart", *bitexact, str(out / f"{spec.stem}.mp4"),
            )  # fmt: skip
        if spec.mp3:
            run(
                "ffmpeg", "-y", "-i", str(narration), "-c:a", "libmp3lame", "-b:a", "24k",
                *bitexact, str(out / f"{spec.stem}.mp3"),
            )  # fmt: skip
        if spec.silent:
            run(
                "ffmpeg", "-y", "-loop", "1", "-framerate", "1", "-i", str(poster), "-t", "1",
                "-r", "1", "-pix_fmt", "yuv420p", "-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "60",
                *bitexact, str(out / "silent.webm"),
            )  # fmt: skip
    vtt = out / f"{spec.stem}.en.vtt"
    blocks = [f"{timestamp(a)} --> {timestamp(b)}\n{text}\n" for a, b, text in cues]
    vtt.write_text("WEBVTT\n\n" + "\n".join(blocks), encoding="utf-8")
    made = sorted(p for p in out.iterdir() if p.name.startswith((spec.stem, "silent")))
    return made


def main(names: list[str]) -> int:
    missing = [tool for tool in ("ffmpeg", "espeak-ng") if not shutil.which(tool)]
    if missing:
        print(f"needs {' and '.join(missing)}: apt-get install ffmpeg espeak-ng", file=sys.stderr)
        return 1
    for name in names or list(SETS):
        spec = SETS[name]
        made = make(spec)
        total = sum(p.stat().st_size for p in made)
        for p in made:
            print(f"{p.relative_to(ROOT)}  {p.stat().st_size:,} bytes")
        print(f"{name}: {total:,} bytes in {len(made)} files")
        print("transcript:", " ".join(spec.phrases))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
