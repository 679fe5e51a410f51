"""Where the zip is written (issue 10): never over a device or FIFO, and no temporaries left
behind by a build that was terminated or killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cbtforge.cli import main
from cbtforge.package import PackageError, remove_stale_temporaries, write_zip

MINIMAL = Path(__file__).parent / "courses" / "minimal"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_output_that_is_a_fifo_is_refused_and_left_alone(tmp_path: Path) -> None:
    """As root, `-o /dev/null` replaced /dev/null; a FIFO shows the same without root."""
    fifo = tmp_path / "out.zip"
    os.mkfifo(fifo)
    result = CliRunner().invoke(main, ["build", str(MINIMAL), "-o", str(fifo)])
    assert result.exit_code == 1
    assert "the output is a FIFO (named pipe)" in result.output
    assert "Traceback" not in result.output
    assert fifo.is_fifo()


def test_output_that_is_a_device_is_refused() -> None:
    devnull = Path(os.devnull)
    if not devnull.is_char_device():
        pytest.skip("no character device to point at")
    before = os.stat(devnull)
    with pytest.raises(PackageError, match="the output is a device"):
        write_zip({"a.txt": b"x"}, devnull)
    after = os.stat(devnull)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_link_as_output_is_replaced_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "out.zip"
    try:
        link.symlink_to(target)
    except OSError:
        pytest.skip("symbolic links are not available here")
    write_zip({"a.txt": b"x"}, link)
    assert not link.is_symlink()
    assert target.read_text(encoding="utf-8") == "keep"


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_killed_builds_temporary_is_removed_by_the_next_build(tmp_path: Path) -> None:
    out = tmp_path / "course.zip"
    stale = tmp_path / f".course.zip.{_dead_pid()}.k1ll3d.tmp"
    live = tmp_path / f".course.zip.{os.getpid()}.wr1t1ng.tmp"  # a build still writing
    other = tmp_path / f".other.zip.{_dead_pid()}.x.tmp"
    for path in (stale, live, other):
        path.write_bytes(b"partial")
    write_zip({"a.txt": b"x"}, out)
    assert not stale.exists()
    assert live.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["course.zip", live.name, other.name]
    )
    assert remove_stale_temporaries(out) == []


def test_sigterm_during_a_build_leaves_no_temporary(tmp_path: Path) -> None:
    """Ctrl-C cleaned up, SIGTERM did not: a 48 MB incompressible asset keeps the build
    writing long enough to be terminated while the temporary exists."""
    course = tmp_path / "c"
    course.mkdir()
    (course / "course.yaml").write_text(
        "title: Big\nchapters:\n  - title: C\n    screens:\n      - type: content\n"
        "        title: S\n        body: '![A photo of the office](big.png)'\n",
        encoding="utf-8",
    )
    (course / "big.png").write_bytes(os.urandom(48 * 1024 * 1024))
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "cbtforge", "build", str(course), "-o", str(out / "c.zip")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not any(out.glob("*.tmp")) and process.poll() is None:
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.005)
    assert process.poll() is None, "the build finished before it could be terminated"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert list(out.iterdir()) == []


# --- large files: streamed, and a warning before an upload limit refuses the package --------


class _File:
    """A FileSource over a plain file (what assets.AssetFile is for a course folder)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.size = path.stat().st_size

    def open(self):  # type: ignore[no-untyped-def]
        return self.path.open("rb")


def test_a_streamed_entry_gives_the_same_zip_as_bytes(tmp_path: Path) -> None:
    data = os.urandom(3 * 1024 * 1024) + bytes(2 * 1024 * 1024)  # not a chunk multiple
    data += b"tail"
    source = tmp_path / "photo.png"
    source.write_bytes(data)
    write_zip({"a.txt": b"x", "photo.png": data}, tmp_path / "bytes.zip")
    write_zip({"a.txt": b"x", "photo.png": _File(source)}, tmp_path / "streamed.zip")
    assert (tmp_path / "bytes.zip").read_bytes() == (tmp_path / "streamed.zip").read_bytes()


def test_large_assets_are_streamed_from_the_course_folder(tmp_path: Path) -> None:
    from cbtforge.assets import STREAM_ABOVE, AssetFile
    from cbtforge.build import compile_course
    from cbtforge.build import write_zip as build_zip

    course = tmp_path / "c"
    course.mkdir()
    (course / "course.yaml").write_text(
        "title: Big\nchapters:\n  - title: C\n    screens:\n      - type: content\n"
        "        title: S\n        body: '![A photo of the office](big.png)'\n",
        encoding="utf-8",
    )
    data = os.urandom(STREAM_ABOVE + 1)
    (course / "big.png").write_bytes(data)
    compiled = compile_course(course)
    assert isinstance(compiled.entries["big.png"], AssetFile)
    build_zip(compiled, tmp_path / "c.zip")
    import zipfile

    with zipfile.ZipFile(tmp_path / "c.zip") as archive:
        assert archive.read("big.png") == data


def test_upload_size_warning_names_the_limit_and_the_largest_file() -> None:
    from cbtforge.package import UPLOAD_LIMIT_BYTES, upload_warning

    entries = {"index.html": b"x" * 10, "assets/video.png": b"y" * 20}
    assert upload_warning(UPLOAD_LIMIT_BYTES, entries) is None
    warning = upload_warning(312_400_000, entries)
    assert warning is not None
    assert "312.4 MB" in warning and "over 100 MB" in warning and "Cloudflare" in warning
    assert "the largest file is assets/video.png" in warning
