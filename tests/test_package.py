"""The deterministic, atomic zip writer."""

from __future__ import annotations

import os
import stat
import struct
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from cbtforge import package
from cbtforge.package import PackageError, write_zip

ENTRIES = {
    "index.html": b"<!doctype html><title>x</title>",
    "player/player.js": b"console.log('hi');\n" * 50,
    "assets/caf\u00e9.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    "imsmanifest.xml": b"<manifest/>",
}


def test_same_entries_in_any_order_give_identical_bytes(tmp_path: Path) -> None:
    forward = tmp_path / "a.zip"
    backward = tmp_path / "b.zip"
    write_zip(dict(ENTRIES), forward)
    write_zip(dict(reversed(list(ENTRIES.items()))), backward)
    assert forward.read_bytes() == backward.read_bytes()


def test_rebuild_is_byte_identical_whatever_the_umask(tmp_path: Path) -> None:
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    write_zip(ENTRIES, first)
    old = os.umask(0o077)
    try:
        write_zip(ENTRIES, second)
    finally:
        os.umask(old)
    assert first.read_bytes() == second.read_bytes()


def test_returns_the_size_and_round_trips_contents(tmp_path: Path) -> None:
    out = tmp_path / "course.zip"
    size = write_zip(ENTRIES, out)
    assert size == out.stat().st_size
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
        assert {name: archive.read(name) for name in archive.namelist()} == ENTRIES


def test_zip_attributes_are_fixed(tmp_path: Path) -> None:
    out = tmp_path / "course.zip"
    write_zip(ENTRIES, out)
    with zipfile.ZipFile(out) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(ENTRIES)  # sorted, no directory entries
    for info in infos:
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.external_attr >> 16 == 0o100644
        assert stat.S_ISREG(info.external_attr >> 16)
        assert info.create_system == 3
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert info.flag_bits & 0x800, f"{info.filename}: UTF-8 flag missing (central dir)"
    raw = out.read_bytes()
    for info in infos:
        # The local header repeats the flags (APPNOTE 4.3.7): signature, version, flags.
        signature, _version, flags = struct.unpack_from("<IHH", raw, info.header_offset)
        assert signature == 0x04034B50
        assert flags & 0x800, f"{info.filename}: UTF-8 flag missing (local header)"


def test_output_file_mode_follows_the_umask(tmp_path: Path) -> None:
    out = tmp_path / "course.zip"
    old = os.umask(0o022)
    try:
        write_zip(ENTRIES, out)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "empty"),
        ("/etc/passwd", "absolute"),
        ("../evil.html", "'..'"),
        ("assets/../../evil.html", "'..'"),
        ("assets\\logo.png", "backslash"),
        ("C:/course/index.html", "drive letter"),
        ("c:index.html", "drive letter"),
        ("assets//logo.png", "empty or '.'"),
        ("./index.html", "empty or '.'"),
        ("assets/", "ends with '/'"),
        ("bad\nname.html", "control character"),
        ("__MACOSX/._index.html", "__MACOSX"),
        ("assets/.DS_Store", ".DS_Store"),
        ("assets/Thumbs.db", "Thumbs.db"),
        ("assets/THUMBS.DB", "junk"),
        ("._index.html", "AppleDouble"),
    ],
)
def test_bad_names_are_refused(tmp_path: Path, name: str, reason: str) -> None:
    out = tmp_path / "course.zip"
    with pytest.raises(PackageError) as caught:
        write_zip({"index.html": b"x", name: b"y"}, out)
    assert reason in str(caught.value)
    assert repr(name) in str(caught.value)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "names",
    [
        ["Index.html", "index.html"],
        ["assets/Logo.PNG", "assets/logo.png"],
        ["caf\u00e9.html", "cafe\u0301.html"],  # NFC vs NFD: one file on macOS
        ["assets", "assets/logo.png"],  # a file and a folder of the same name
    ],
)
def test_colliding_names_are_refused(tmp_path: Path, names: list[str]) -> None:
    with pytest.raises(PackageError, match=r"collide|cannot be a folder"):
        write_zip({name: b"x" for name in names}, tmp_path / "course.zip")


def test_package_error_is_a_value_error_listing_every_bad_name(tmp_path: Path) -> None:
    with pytest.raises(ValueError) as caught:
        write_zip({"../a": b"", "b\\c": b"", "ok.html": b""}, tmp_path / "x.zip")
    assert isinstance(caught.value, PackageError)
    assert "'../a'" in str(caught.value) and "'b\\\\c'" in str(caught.value)


def test_content_must_be_bytes(tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="must be bytes"):
        write_zip({"index.html": "text"}, tmp_path / "x.zip")  # type: ignore[dict-item]
    assert list(tmp_path.iterdir()) == []


class FailingEntries(Mapping[str, bytes]):
    """Entries whose second value cannot be read: a failure in the middle of writing."""

    def __init__(self, entries: dict[str, bytes]) -> None:
        self._entries = entries
        self.reads = 0

    def __getitem__(self, key: str) -> bytes:
        self.reads += 1
        if self.reads == 2:
            raise OSError("disk on fire")
        return self._entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def test_failure_mid_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    out = tmp_path / "course.zip"
    out.write_bytes(b"the previous good package")
    entries = FailingEntries(dict(ENTRIES))
    with pytest.raises(OSError, match="disk on fire"):
        write_zip(entries, out)
    assert entries.reads == 2  # it really failed in the middle
    assert out.read_bytes() == b"the previous good package"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course.zip"]


def test_failure_at_rename_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "course.zip"
    out.write_bytes(b"old")

    def broken_replace(src: object, dst: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(package.os, "replace", broken_replace)
    with pytest.raises(PermissionError):
        write_zip(ENTRIES, out)
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course.zip"]


def test_replaces_an_existing_package(tmp_path: Path) -> None:
    out = tmp_path / "course.zip"
    out.write_bytes(b"old")
    write_zip(ENTRIES, out)
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == sorted(ENTRIES)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course.zip"]


def test_check_names_accepts_ordinary_names() -> None:
    names = ["index.html", "assets/caf\u00e9 photo.png", "player/a.js", "a.b/c-d_e.txt"]
    assert package.check_names(names) == []
