"""Author files that go into the package: which names and kinds are allowed, and reading them.

An asset lands in the package's origin next to the player, so it must never be able to act
as the player: the names cbtforge generates are reserved, only image files are packaged
(an ``.html`` or ``.js`` "image" would run in the LMS frame with the learner's session),
SVGs must be free of scripts (:mod:`cbtforge.svg`), and each file is read exactly once,
through a descriptor opened without following symbolic links, so what was checked is what
ships even if the folder changes meanwhile.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from . import svg
from .package import collision_key, junk_problem, name_problem
from .scormxsd import SCHEMA_FILES

# Entries every package gets from cbtforge (build.py); compared by collision_key, as a web
# server on Windows or macOS would.
GENERATED_NAMES: frozenset[str] = frozenset(
    {"index.html", "player.js", "player.css", "imsmanifest.xml", *SCHEMA_FILES}
)
_RESERVED_KEYS = frozenset(collision_key(name) for name in GENERATED_NAMES)

IMAGE_EXTENSIONS: tuple[str, ...] = (
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".avif",
    ".svg",
    ".bmp",
    ".ico",
)
# Characters a browser treats as URL syntax: a file literally named "a%20b.svg" is looked
# up as "a b.svg", "a#b.svg" as "a", so the image would be missing in the LMS.
URL_SYNTAX = "%#?"


def name_issue(rel: str, *, images_only: bool = True, kind: str = "image") -> str | None:
    """Why ``rel`` (a POSIX path in the course folder) cannot be packaged, or None.

    Phrased to follow "image 'x' ", like the loader's other messages. ``images_only=False``
    for handouts, resources and media files, whose kinds the loader checks itself; ``kind``
    names the file in the message ("video").
    """
    if collision_key(rel) in _RESERVED_KEYS:
        return (
            f"has the name of a file cbtforge generates ({rel}); an author file may not "
            "replace the player, the launch page or the manifest: rename it"
        )
    problem = name_problem(rel) or junk_problem(rel)
    if problem:
        return f"cannot be packaged: {problem}; rename or replace the file"
    bad = sorted({c for c in rel if c in URL_SYNTAX})
    if bad:
        shown = " ".join(repr(c) for c in bad)
        return (
            f"has {shown} in its file name, which browsers read as part of the address, so "
            f"the {kind} would not be found in the LMS: rename the file without it"
        )
    if images_only and not rel.lower().endswith(IMAGE_EXTENSIONS):
        extension = os.path.splitext(rel)[1] or "no extension"
        return (
            f"is not an image file ({extension}); only images are packaged "
            f"({', '.join(IMAGE_EXTENSIONS)}): a page or script would run inside the LMS "
            "with the learner's session"
        )
    return None


def content_issue(rel: str, data: bytes) -> str | None:
    """Why the content of ``rel`` must not ship (active content in an SVG), or None."""
    if not rel.lower().endswith(".svg"):
        return None
    found = svg.active_content(data)
    if found is None:
        return None
    line, what = found
    where = f"{rel}:{line}" if line else rel
    return (
        f"{what} ({where}); an SVG that can run scripts would run them inside the LMS "
        "with the learner's session: remove it (save as plain SVG, or export a PNG)"
    )


# Files up to this size are read when checked and kept in memory; larger ones (photos,
# scans) are streamed into the zip when it is written, so a 300 MB file costs a buffer, not
# three copies of itself.
STREAM_ABOVE = 1024 * 1024


@dataclass(frozen=True)
class AssetFile:
    """A large asset, read (again without following links) only while the zip is written."""

    root: Path
    rel: str
    size: int

    @contextmanager
    def open(self) -> Iterator[BinaryIO]:
        with open_asset(self.root, self.rel) as handle:
            yield handle


def load_asset(root: Path, rel: str) -> bytes | AssetFile:
    """The asset's bytes, or an :class:`AssetFile` to stream when it is large and not an
    SVG (SVGs are checked, so what ships must be the very bytes checked)."""
    with open_asset(root, rel) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > STREAM_ABOVE and not rel.lower().endswith(".svg"):
            return AssetFile(root, rel, size)
        return handle.read()


def read_asset(root: Path, rel: str) -> bytes:
    """The bytes of ``root/rel``, refusing symbolic links anywhere below ``root``."""
    with open_asset(root, rel) as handle:
        return handle.read()


@contextmanager
def open_asset(root: Path, rel: str) -> Iterator[BinaryIO]:
    """``root/rel`` opened for reading, refusing symbolic links anywhere below ``root``.

    Each folder and the file are opened relative to the previous descriptor with
    ``O_NOFOLLOW``, so a link swapped in after the loader's checks is refused, not followed.
    Raises OSError (ELOOP for a link, EISDIR/EINVAL for something that is not a regular file).
    """
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    flags = os.O_RDONLY | nofollow | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    # O_NONBLOCK: opening a FIFO put in the file's place must not hang the build.
    file_flags = flags | getattr(os, "O_NONBLOCK", 0)
    parts = rel.split("/")
    if os.open not in os.supports_dir_fd:  # Windows: no openat; check, then open
        path = root.joinpath(*parts)
        if any(p.is_symlink() for p in [path, *path.parents][: len(parts)]):
            raise OSError(40, "is a symbolic link", str(path))
        with path.open("rb") as handle:
            yield handle
        return
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        for part in parts[:-1]:
            child = os.open(part, flags | getattr(os, "O_DIRECTORY", 0), dir_fd=fd)
            os.close(fd)
            fd = child
        file_fd = os.open(parts[-1], file_flags, dir_fd=fd)
    finally:
        os.close(fd)
    with os.fdopen(file_fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(22, "is not a regular file", str(root / rel))
        yield handle
