"""Make the README's images of the ct_module2 documents (docs/screenshots/guide-*.png).

Writes the facilitator guide and the participant guide of courses/ct_module2 as PDF with
cbtforge's own commands, then renders pages of the PDFs (not the HTML) to PNG with pdfium,
so the images show exactly what an agency prints:

    guide-cover.png        the facilitator guide's cover
    guide-agenda.png       its agenda with the running clock
    guide-screen.png       its first chapter: each screen with say/do, know and time
    participant-reveal.png a participant guide page with reveals printed open

It prints each document's page count and how long its command took.

    .venv/bin/pip install -e '.[docs]'
    .venv/bin/python scripts/screenshot_guides.py [--out-dir docs/screenshots]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

from cbtforge.documents import write

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "courses" / "ct_module2"
SCALE = 1.4  # 612 pt wide Letter pages -> 857 px: readable in the README, small files


def page_with(pdf: pdfium.PdfDocument, text: str) -> int:
    for index in range(len(pdf)):
        if text in pdf[index].get_textpage().get_text_range():
            return index
    raise LookupError(f"no page contains {text!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        guide = write(COURSE, "guide", Path(tmp) / "guide.pdf")
        participant = write(COURSE, "participant", Path(tmp) / "participant.pdf")
        for doc in (guide, participant):
            size = f"{doc.size / 1024:.0f} KB"
            print(f"{doc.out.name}: {doc.pages} pages, {size}, {doc.seconds:.1f} s")
        shots = {
            "guide-cover.png": (guide.out, "Facilitator Guide"),
            "guide-agenda.png": (guide.out, "Part Time Clock"),
            "guide-screen.png": (guide.out, "Slide 2-1: Concepts"),
            "participant-reveal.png": (participant.out, "Prompt attention"),
        }
        for name, (path, text) in shots.items():
            pdf = pdfium.PdfDocument(path)
            image = pdf[page_with(pdf, text)].render(scale=SCALE).to_pil()
            image.save(args.out_dir / name, optimize=True)
            print(f"wrote {args.out_dir / name}")


if __name__ == "__main__":
    main()
