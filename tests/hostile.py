"""Hostile SCORM zips from the security review (issue 10), shared by tests and bench/hostile.py.

Each maker writes one small zip into ``folder`` and returns its path. The sizes default to
the review's; tests and the benchmark run them at full size, since a hole reopening shows as
minutes instead of milliseconds.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

HTML = b"<!doctype html>\n<html><head><title>x</title></head><body></body></html>\n"


def manifest(files: list[str], *, extra: str = "", doctype: str = "", title: str = "T") -> bytes:
    """A SCORM 1.2 manifest launching index.html and listing ``files``."""
    listed = "".join(f'<file href="{name}"/>' for name in files)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}'
        '<manifest identifier="m" version="1"'
        ' xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"'
        ' xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">\n'
        "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>\n"
        '<organizations default="o"><organization identifier="o">'
        f'<title>{title}</title><item identifier="i" identifierref="r"><title>T</title></item>'
        "</organization></organizations>\n"
        '<resources><resource identifier="r" type="webcontent" adlcp:scormtype="sco"'
        f' href="index.html">{listed}{extra}</resource></resources>\n'
        "</manifest>\n"
    ).encode()


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def _package(folder: Path, name: str, page: bytes, **others: bytes) -> Path:
    files = ["index.html", *others]
    return _zip(folder / name, {"imsmanifest.xml": manifest(files), "index.html": page, **others})


def img_tags(folder: Path, count: int = 40_000) -> Path:
    """A page of ``<img `` repeated, never closed: the P7 regex backtracked quadratically."""
    return _package(folder, "img-tags.zip", HTML + b"<img " * count)


def src_spaces(folder: Path, count: int = 100_000) -> Path:
    """``<img src=`` followed by spaces: two adjacent optional runs of spaces in the regex."""
    return _package(folder, "src-spaces.zip", HTML + b"<img src=" + b" " * count)


def css_url_spaces(folder: Path, count: int = 100_000) -> Path:
    """A style sheet with ``url(`` and 100,000 spaces."""
    return _package(folder, "css-url.zip", HTML, **{"style.css": b"a{b:url(" + b" " * count})


def missing_files(folder: Path, count: int = 40_000) -> Path:
    """A manifest listing ``count`` files that are not in the zip, on one line."""
    files = ["index.html", *(f"f{i}.png" for i in range(count))]
    return _zip(folder / "missing.zip", {"imsmanifest.xml": manifest(files), "index.html": HTML})


def entity_reference(folder: Path) -> Path:
    """An internal entity used in a title (lxml keeps it as an entity node)."""
    doctype = '<!DOCTYPE manifest [<!ENTITY co "Acme">]>\n'
    data = manifest(["index.html"], doctype=doctype, title="&co; course")
    return _zip(folder / "entity.zip", {"imsmanifest.xml": data, "index.html": HTML})


def overlapping(folder: Path, size: int = 1 << 30, copies: int = 5_000) -> Path:
    """One deflated member of ``size`` zero bytes, listed ``copies`` times in the central
    directory (every entry points at the same local header): 1 GiB x 5,000 in about 1 MB."""
    # A full flush makes each 1 MiB block independent of the previous ones, so one block's
    # deflate output repeated is a valid stream of any multiple of 1 MiB (in milliseconds).
    chunk = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = max(1, size // len(chunk))
    size = count * len(chunk)
    body = block * count + b"\x03\x00"  # an empty final block ends the stream
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    page = manifest(["index.html"])
    members = [("imsmanifest.xml", page, zipfile.ZIP_STORED), ("index.html", HTML, 0)]
    out = bytearray()
    central = bytearray()
    entries = 0

    def local(name: bytes, method: int, crc: int, csize: int, usize: int) -> bytes:
        return (
            struct.pack(
                "<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, csize, usize, len(name), 0
            )
            + name
        )

    def central_entry(name: bytes, method: int, crc: int, csize: int, usize: int, at: int) -> bytes:
        return struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50, 20, 20, 0, method, 0, 0x21, crc, csize, usize, len(name), 0, 0, 0, 0, 0, at,
        ) + name  # fmt: skip

    for name, data, _ in members:
        at = len(out)
        crc_data = zlib.crc32(data)
        out += local(name.encode(), 0, crc_data, len(data), len(data)) + data
        central += central_entry(name.encode(), 0, crc_data, len(data), len(data), at)
        entries += 1
    at = len(out)
    out += local(b"big.bin", 8, crc, len(body), size) + body
    for _ in range(copies):  # the same name: zipfile then reads every copy
        central += central_entry(b"big.bin", 8, crc, len(body), size, at)
        entries += 1
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, entries, entries, len(central), start, 0)
    path = folder / "overlapping.zip"
    path.write_bytes(bytes(out))
    return path


MAKERS: dict[str, Callable[[Path], Path]] = {
    "img-tags": img_tags,
    "src-spaces": src_spaces,
    "css-url": css_url_spaces,
    "missing-files": missing_files,
    "entity": entity_reference,
    "overlapping": overlapping,
}


# --- course folders that made the build superlinear ------------------------------------------


def many_links(folder: Path, count: int = 20_000) -> Path:
    """One screen whose body (about 1 MB) holds ``count`` links: the linter copied the rest
    of the token list at each link."""
    folder.mkdir(parents=True, exist_ok=True)
    # One link in ten says only "here", so the linter also places thousands of warnings.
    lines = "".join(
        f"          [{'here' if i % 10 == 0 else f'link number {i:05}'}](#l{i}) and some "
        "words of text.\n"
        for i in range(count)
    )
    (folder / "course.yaml").write_text(
        "title: Links\nchapters:\n  - title: C\n    screens:\n      - type: content\n"
        f"        title: S\n        body: |\n{lines}",
        encoding="utf-8",
    )
    return folder


def same_titles(folder: Path, count: int = 24_000) -> Path:
    """``count`` screens with the same title: each derived id tried -2, -3, ... from 2."""
    folder.mkdir(parents=True, exist_ok=True)
    screens = "      - {type: content, title: Same, body: x}\n" * count
    (folder / "course.yaml").write_text(
        f"title: Titles\nchapters:\n  - title: C\n    screens:\n{screens}", encoding="utf-8"
    )
    return folder


def unique_titles(folder: Path, count: int = 24_000) -> Path:
    """The same course with distinct titles: the baseline same_titles must stay near."""
    folder.mkdir(parents=True, exist_ok=True)
    screens = "".join(
        f"      - {{type: content, title: Same {i}, body: x}}\n" for i in range(count)
    )
    (folder / "course.yaml").write_text(
        f"title: Titles\nchapters:\n  - title: C\n    screens:\n{screens}", encoding="utf-8"
    )
    return folder


BUILD_MAKERS: dict[str, Callable[[Path], Path]] = {
    "many-links": many_links,
    "same-titles": same_titles,
    "unique-titles": unique_titles,
}
