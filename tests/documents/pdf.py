"""Reading the documents' PDFs back: pages as text, and the parts of the file that make a
PDF accessible (tags, title, language)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


@dataclass
class Pdf:
    reader: PdfReader
    pages: list[str]

    @property
    def text(self) -> str:
        """All pages, whitespace collapsed (PDF text breaks lines wherever the layout did)."""
        return flat("\n".join(self.pages))

    def body(self, header: str) -> str:
        """All pages without their margin boxes (``header``, then the footer's chapter and
        "Page n of N", which the text of each page ends with), so a paragraph that runs
        over a page break reads as one."""
        pattern = re.compile(re.escape(header) + r"\n[^\n]*Page \d+ of \d+\s*$")
        return flat("\n".join(pattern.sub("", page) for page in self.pages))

    @property
    def title(self) -> str | None:
        info = self.reader.metadata
        return info.title if info else None

    @property
    def lang(self) -> str | None:
        value = self.reader.trailer["/Root"].get("/Lang")
        return str(value) if value is not None else None

    @property
    def tagged(self) -> bool:
        root = self.reader.trailer["/Root"]
        marked = root.get("/MarkInfo", {}).get("/Marked")
        return "/StructTreeRoot" in root and bool(marked)


def read_pdf(path: Path) -> Pdf:
    reader = PdfReader(str(path))
    return Pdf(reader, [page.extract_text() or "" for page in reader.pages])


def flat(text: str) -> str:
    """One space between words; a line broken after a hyphen ("self-" / "awareness"), a dash
    or a slash joined again. Applied to both sides of every comparison."""
    text = re.sub(r"(\w)-\s+(\w)", r"\1-\2", text)
    text = re.sub(r"\s*([—/])\s*", r"\1", text)  # a line may break after a dash or slash
    return re.sub(r"\s+", " ", text).strip()


def in_order(text: str, parts: list[str]) -> list[str]:
    """The parts not found in ``text`` after the previous one (empty: all in order)."""
    missing = []
    position = 0
    for part in parts:
        found = text.find(flat(part), position)
        if found < 0:
            missing.append(part)
        else:
            position = found + len(flat(part))
    return missing


def blocks(markdown_text: str) -> list[str]:
    """The paragraphs and list items of author Markdown as plain text, in order: how they
    must read in a PDF, whose list numbers and bullets come between them."""
    from html import unescape

    from cbtforge import markdown

    html = markdown.render(markdown_text)
    html = re.sub(r'<span class="cbt-sr-only">.*?</span>', "", html)
    parts = re.split(r"</?(?:p|li|h[1-6]|ul|ol|blockquote|table|tr|td|th)\b[^>]*>", html)
    texts = [flat(unescape(re.sub(r"<[^>]+>", "", part))) for part in parts]
    return [t for t in texts if t]
