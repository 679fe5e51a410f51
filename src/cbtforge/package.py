"""Deterministic, atomic zip writer for SCORM packages.

Identical entries give a byte-identical zip on any machine, at any time, under any umask
(the approach of flit_core's wheel writer): entries sorted by name, a fixed timestamp,
fixed modes and creator system, the UTF-8 name flag always set, deflate at a fixed level,
and no directory entries (LMSs create folders from the file paths; a package either has
directory entries for every folder or for none, and none is the simpler invariant).

One caveat: the compressed bytes come from the zlib Python is linked against. Stock zlib
has produced the same output for a given level for decades, but a replacement such as
zlib-ng may not; the *contents* are identical regardless.

The name rules here (SCORM 1.2 checklist P2 and P6) are shared with ``validate.py``.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import BinaryIO, Protocol

FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip header can hold: says "no meaningful time" and never varies."""
FILE_MODE = 0o100644
"""Regular file, rw-r--r--: what an LMS unpacking on Unix should create."""
CREATE_SYSTEM_UNIX = 3
"""Creator system 3 (Unix) makes unzip tools honour the mode in ``external_attr``."""
COMPRESS_LEVEL = 9
UTF8_NAME_FLAG = 0x800
"""General-purpose bit 11: the name is UTF-8 (APPNOTE 4.4.4). Set for every entry."""

# Junk that archivers and desktops add (checklist P6); compared case-insensitively because
# the file systems that create them are case-insensitive.
JUNK_BASENAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db"})
JUNK_FOLDERS = frozenset({"__macosx"})

_DRIVE_RE = re.compile(r"^[A-Za-z]:")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


class PackageError(ValueError):
    """The entries cannot form a safe, portable package (bad or colliding names)."""


def name_problem(name: str, *, allow_directory: bool = False) -> str | None:
    """Why ``name`` is not a safe zip member name (checklist P2), or None if it is fine.

    ``allow_directory`` accepts one trailing ``/`` (a directory entry, when reading zips
    made by other tools).
    """
    if not name:
        return "the name is empty"
    if "\\" in name:
        return "it contains a backslash; use '/' to separate folders (P2)"
    if name.startswith("/"):
        return "it is an absolute path; use a path relative to the package root (P2)"
    if _DRIVE_RE.match(name):
        return "it starts with a drive letter; use a path relative to the package root (P2)"
    if _CONTROL_RE.search(name):
        return "it contains a control character (P2)"
    if name.endswith("/") and not allow_directory:
        return "it ends with '/'; only files are packaged (folders follow from the paths)"
    body = name[:-1] if name.endswith("/") else name
    segments = body.split("/")
    if ".." in segments:
        return "it contains a '..' segment, which would escape the package folder (P2)"
    if "." in segments or "" in segments:
        return "it contains an empty or '.' path segment (P2)"
    return None


def junk_problem(name: str) -> str | None:
    """Why ``name`` is operating-system junk that must not ship (checklist P6), or None."""
    segments = name.rstrip("/").split("/")
    if any(s.casefold() in JUNK_FOLDERS for s in segments[:-1]) or (
        name.endswith("/") and segments[-1].casefold() in JUNK_FOLDERS
    ):
        return "it is macOS archive metadata (__MACOSX/), not course content (P6)"
    base = segments[-1]
    if base.casefold() in JUNK_BASENAMES:
        return f"{base} is operating-system junk, not course content (P6)"
    if base.startswith("._"):
        return "it is a macOS AppleDouble file ('._' prefix), not course content (P6)"
    return None


def collision_key(name: str) -> str:
    """The key under which two names collide on Windows/macOS servers (case, Unicode form)."""
    return unicodedata.normalize("NFC", name).casefold()


def check_names(names: Iterable[str]) -> list[str]:
    """Every reason the names cannot be packaged together, one line each (empty if fine)."""
    reasons: list[str] = []
    seen: dict[str, str] = {}
    for name in names:
        problem = name_problem(name) or junk_problem(name)
        if problem:
            reasons.append(f"{name!r}: {problem}")
            continue
        key = collision_key(name)
        if key in seen:
            other = seen[key]
            how = "twice" if other == name else f"and {other!r} differ only in case or form"
            reasons.append(
                f"{name!r}: {how}; they collide when the LMS unpacks on Windows or macOS (P2)"
            )
            continue
        seen[key] = name
    # A name that is also a folder of another ("a" and "a/b") cannot be unpacked.
    for key, name in seen.items():
        parts = key.split("/")
        for i in range(1, len(parts)):
            prefix = "/".join(parts[:i])
            if prefix in seen:
                reasons.append(f"{name!r}: {seen[prefix]!r} is a file, so it cannot be a folder")
                break
    return reasons


class _Utf8ZipInfo(zipfile.ZipInfo):
    """A ZipInfo whose name is always flagged as UTF-8.

    The standard library sets bit 11 only for non-ASCII names and resets ``flag_bits``
    when writing, so the flag is applied where the header is encoded.
    """

    __slots__ = ()

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        return self.filename.encode("utf-8"), self.flag_bits | UTF8_NAME_FLAG


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = _Utf8ZipInfo(name, date_time=FIXED_DATE_TIME)
    info.create_system = CREATE_SYSTEM_UNIX
    info.external_attr = FILE_MODE << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _stream(archive: zipfile.ZipFile, name: str, source: FileSource) -> None:
    """Copy ``source`` into the zip in chunks: the same bytes ``writestr`` would write (zlib's
    output does not depend on how its input is split), in constant memory."""
    info = _zip_info(name)
    info.file_size = source.size  # lets zipfile choose ZIP64 headers up front when needed
    # writestr passes the level through this slot: compress_level from Python 3.13,
    # _compresslevel before.
    try:
        info.compress_level = COMPRESS_LEVEL  # type: ignore[attr-defined]
    except AttributeError:
        info._compresslevel = COMPRESS_LEVEL  # type: ignore[attr-defined]
    with source.open() as src, archive.open(info, "w") as dest:
        while chunk := src.read(CHUNK):
            dest.write(chunk)


def _file_mode() -> int:
    # The zip *contents* ignore the umask; the zip file itself is created like any other
    # file the user makes (mkstemp would leave it 0600).
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def refuse_special_output(out: Path) -> None:
    """Raise :class:`PackageError` if ``out`` exists and is not a regular file.

    The zip is renamed over ``out``: over a device node (``-o /dev/null`` as root) or a
    FIFO that would replace the node itself. A symbolic link is replaced, not followed.
    """
    try:
        mode = os.lstat(out).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode) or stat.S_ISLNK(mode):
        return
    if stat.S_ISDIR(mode):
        kind = "a folder"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    elif stat.S_ISFIFO(mode):
        kind = "a FIFO (named pipe)"
    else:
        kind = "not a regular file"
    raise PackageError(
        f"{out}: the output is {kind}, which writing the zip would replace; give the path "
        "of a .zip file (-o course.zip)"
    )


def remove_stale_temporaries(out: Path) -> list[Path]:
    """Delete temporaries of ``out`` left by builds that were killed; return them.

    Only names this module creates (``.<out>.<pid>.<random>.tmp``) whose process no longer
    exists on this machine are removed, so a concurrent build's file is left alone.
    """
    pattern = re.compile(r"\." + re.escape(out.name) + r"\.(\d+)\.[A-Za-z0-9_]+\.tmp")
    removed: list[Path] = []
    try:
        names = os.listdir(out.parent if str(out.parent) else ".")
    except OSError:
        return removed
    for name in names:
        match = pattern.fullmatch(name)
        if not match or _process_exists(int(match.group(1))):
            continue
        path = out.parent / name
        try:
            if stat.S_ISREG(os.lstat(path).st_mode):
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def _process_exists(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or cannot tell: keep the file
    return True


class FileSource(Protocol):
    """Content to stream into the zip instead of holding it in memory (a large asset)."""

    size: int

    def open(self) -> AbstractContextManager[BinaryIO]: ...


Content = bytes | FileSource
CHUNK = 1024 * 1024

UPLOAD_LIMIT_BYTES = 100_000_000
"""100 MB: the largest request body Cloudflare passes on its Free and Pro plans (its
"maximum upload size"), in front of many hosted and self-hosted LMSs; a larger package
fails to upload there with HTTP 413, however the LMS itself is configured."""


def upload_warning(size: int, entries: Mapping[str, Content]) -> str | None:
    """Why a package of ``size`` bytes may be refused on upload (naming its largest file),
    or None when it is small enough."""
    if size <= UPLOAD_LIMIT_BYTES:
        return None

    def length(content: Content) -> int:
        return len(content) if isinstance(content, bytes) else content.size

    largest = max(entries, key=lambda name: length(entries[name]))
    return (
        f"the package is {size / 1e6:.1f} MB; uploads over {UPLOAD_LIMIT_BYTES / 1e6:.0f} MB "
        "are refused by LMSs behind Cloudflare's Free and Pro plans (its maximum upload size) "
        f"and by many LMS upload settings; the largest file is {largest} "
        f"({length(entries[largest]) / 1e6:.1f} MB): compress or split it"
    )


def write_zip(entries: Mapping[str, Content], out: Path) -> int:
    """Write ``entries`` (zip member name -> content) to ``out``; return its size in bytes.

    Deterministic (see the module docstring) and atomic: the zip is written to a temporary
    file next to ``out`` and renamed over it, so ``out`` is either the old file or the
    complete new one. Raises :class:`PackageError` for unsafe or colliding names.
    """
    names = sorted(entries)
    reasons = check_names(names)
    if reasons:
        raise PackageError("cannot package these file names:\n  " + "\n  ".join(reasons))
    out = Path(out)
    refuse_special_output(out)
    remove_stale_temporaries(out)
    # The pid in the name lets a later build tell a temporary of a killed build (kill -9
    # leaves no chance to clean up) from one that is still being written.
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{out.name}.{os.getpid()}.", suffix=".tmp", dir=out.parent
    )
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w+b") as handle:
            with zipfile.ZipFile(handle, "w") as archive:
                for name in names:
                    data = entries[name]
                    if isinstance(data, bytes | bytearray | memoryview):
                        archive.writestr(
                            _zip_info(name),
                            bytes(data),
                            compress_type=zipfile.ZIP_DEFLATED,
                            compresslevel=COMPRESS_LEVEL,
                        )
                    elif hasattr(data, "open") and hasattr(data, "size"):
                        _stream(archive, name, data)
                    else:
                        raise PackageError(f"{name!r}: content must be bytes, not {type(data)}")
            handle.flush()
            os.fsync(handle.fileno())
            size = os.fstat(handle.fileno()).st_size
        os.chmod(tmp, _file_mode())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return size
