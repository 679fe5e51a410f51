"""``imsmanifest.xml`` for a one-SCO SCORM 1.2 package, built with lxml.

Shape (scorm12-checklist.md, section 2)::

    manifest (default namespace imscp_rootv1p1p2, prefix adlcp, identifier = course id)
      metadata: schema "ADL SCORM", schemaversion "1.2", inline LOM (imsmd_rootv1p2p1)
      organizations default=<id>-org
        organization <id>-org: title, item <id>-item (title, adlcp:masteryscore if quizzed)
      resources
        resource <id>-sco: webcontent, adlcp:scormtype="sco", href=launch, every file

Design decisions:

* Identifiers derive from ``course.id`` only, never from the version or a time, so an LMS
  recognises a re-upload as the same course and keeps learners' tracking (M4). They share
  one xsd:ID space, hence the distinct suffixes.
* File names go into ``href`` percent-encoded (RFC 3986: everything but unreserved
  characters and ``/``), so a name with spaces or non-ASCII letters becomes a valid URL
  that web servers decode back to the UTF-8 name in the zip. Plain ASCII names
  (``[A-Za-z0-9._~/-]``) are written unchanged.
* ``imsmanifest.xml`` and the four schema control files (P5) are package infrastructure, not
  content of the SCO, so they are not listed as ``<file>``.
* Characters XML 1.0 cannot carry (control characters pasted into a description) are dropped.
* Output is deterministic: fixed element and attribute order, two-space indentation, a
  double-quoted UTF-8 declaration.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

from lxml import etree

from .course import Course
from .package import name_problem
from .scormxsd import ADLCP_NS, IMSCP_NS, IMSMD_NS, SCHEMA_FILES

XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MANIFEST_NAME = "imsmanifest.xml"

# M2: imscp must be the default namespace and adlcp must use the literal prefix "adlcp",
# because Moodle parses without namespaces and looks for "ADLCP:SCORMTYPE" by name.
NSMAP: dict[str | None, str] = {
    None: IMSCP_NS,
    "adlcp": ADLCP_NS,
    "imsmd": IMSMD_NS,
    "xsi": XSI_NS,
}
SCHEMA_LOCATION = " ".join(
    [
        f"{IMSCP_NS} imscp_rootv1p1p2.xsd",
        f"{IMSMD_NS} imsmd_rootv1p2p1.xsd",
        f"{ADLCP_NS} adlcp_rootv1p2.xsd",
    ]
)
# imscp's attr.version is a string of at most 20 characters.
MANIFEST_VERSION_MAX = 20
# LOM vocabularies are written with xml:lang="x-none" (IMS MD 1.2 binding).
VOCAB_LANG = "x-none"

_NCNAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")
_XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def identifiers(course_id: str) -> dict[str, str]:
    """The manifest's identifiers for a course id: stable across rebuilds and versions."""
    if not _NCNAME_RE.match(course_id):
        raise ValueError(f"course id {course_id!r} is not an XML NCName (M4)")
    return {
        "manifest": course_id,
        "organization": f"{course_id}-org",
        "item": f"{course_id}-item",
        "resource": f"{course_id}-sco",
    }


def href_for(name: str) -> str:
    """A zip member name as a URL-safe ``href`` (percent-encoded UTF-8, ``/`` kept)."""
    return quote(name, safe="/")


def iso_duration(minutes: int) -> str:
    """``duration_minutes`` as an ISO 8601 duration (``PT45M``, ``PT1H30M``, ``PT2H``).

    LOM 1.2 DateType/datetime holds ISO 8601; imsmd_rootv1p2p1 types it as a string, and
    xsd:duration is what its change history says durations use.
    """
    hours, mins = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{mins}M" if mins or not hours else "")


def _text(value: str) -> str:
    return _XML_ILLEGAL_RE.sub("", value)


def _vcard_escape(value: str) -> str:
    # RFC 2426 5.8.4: backslash, comma, semicolon and newlines are escaped in text values.
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _sub(parent: etree._Element, ns: str, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ns}}}{tag}")
    if text is not None:
        element.text = _text(text)
    return element


def _langstring(parent: etree._Element, tag: str, text: str, lang: str) -> etree._Element:
    wrapper = _sub(parent, IMSMD_NS, tag)
    langstring = _sub(wrapper, IMSMD_NS, "langstring", text)
    langstring.set(f"{{{XML_NS}}}lang", lang)
    return wrapper


def _vocabulary(parent: etree._Element, tag: str, value: str) -> None:
    wrapper = _sub(parent, IMSMD_NS, tag)
    _langstring(wrapper, "source", "LOMv1.0", VOCAB_LANG)
    _langstring(wrapper, "value", value, VOCAB_LANG)


def _lom(course: Course, course_id: str) -> etree._Element:
    """Inline IMS LOM 1.2 metadata: what an LMS catalogue shows about the course."""
    lang = course.language
    lom = etree.Element(f"{{{IMSMD_NS}}}lom")

    general = _sub(lom, IMSMD_NS, "general")
    _sub(general, IMSMD_NS, "identifier", course_id)
    _langstring(general, "title", course.title, lang)
    _sub(general, IMSMD_NS, "language", lang)
    if course.description.strip():
        _langstring(general, "description", course.description.strip(), lang)
    for keyword in course.keywords:
        _langstring(general, "keyword", keyword, lang)

    lifecycle = _sub(lom, IMSMD_NS, "lifecycle")
    _langstring(lifecycle, "version", course.version, VOCAB_LANG)
    if course.publisher and course.publisher.strip():
        contribute = _sub(lifecycle, IMSMD_NS, "contribute")
        _vocabulary(contribute, "role", "Publisher")
        centity = _sub(contribute, IMSMD_NS, "centity")
        name = _vcard_escape(course.publisher.strip())
        vcard = f"BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:{name}\nORG:{name}\nEND:VCARD"
        _sub(centity, IMSMD_NS, "vcard", vcard)

    metametadata = _sub(lom, IMSMD_NS, "metametadata")
    _sub(metametadata, IMSMD_NS, "metadatascheme", "ADL SCORM 1.2")

    technical = _sub(lom, IMSMD_NS, "technical")
    _sub(technical, IMSMD_NS, "format", "text/html")

    if course.duration_minutes:
        educational = _sub(lom, IMSMD_NS, "educational")
        learning_time = _sub(educational, IMSMD_NS, "typicallearningtime")
        _sub(learning_time, IMSMD_NS, "datetime", iso_duration(course.duration_minutes))
    return lom


def _content_files(files: Sequence[str], launch: str) -> list[str]:
    listed: list[str] = []
    seen: set[str] = set()
    for name in files:
        problem = name_problem(name)
        if problem:
            raise ValueError(f"cannot list {name!r} in the manifest: {problem}")
        if name in seen:
            raise ValueError(f"{name!r} is listed twice")
        seen.add(name)
        if name == MANIFEST_NAME or name in SCHEMA_FILES:
            continue  # package infrastructure, not content of the SCO
        listed.append(name)
    if launch not in seen or launch == MANIFEST_NAME or launch in SCHEMA_FILES:
        raise ValueError(f"the launch page {launch!r} is not among the package files (M9)")
    return sorted(listed)


def build_manifest(course: Course, files: Sequence[str], *, launch: str = "index.html") -> bytes:
    """The ``imsmanifest.xml`` bytes for ``course`` whose package holds ``files``.

    ``files`` are zip member names (``/``-separated); every one except the manifest and
    the schema control files becomes a ``<file>`` of the single SCO resource, sorted.
    Raises ValueError if ``launch`` is not among them or a name is unsafe.
    """
    if not course.id:  # Course assigns an id during validation; guard direct construction.
        raise ValueError("the course has no id; build it with Course.model_validate")
    ids = identifiers(course.id)
    content = _content_files(files, launch)

    root = etree.Element(f"{{{IMSCP_NS}}}manifest", nsmap=NSMAP)
    root.set("identifier", ids["manifest"])
    if len(course.version) <= MANIFEST_VERSION_MAX:
        root.set("version", course.version)  # longer versions live in the LOM only
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)

    # M3: Moodle decides the SCORM version from this text.
    metadata = _sub(root, IMSCP_NS, "metadata")
    _sub(metadata, IMSCP_NS, "schema", "ADL SCORM")
    _sub(metadata, IMSCP_NS, "schemaversion", "1.2")
    metadata.append(_lom(course, course.id))

    # M5, M6: one default organization with a title and one leaf item.
    organizations = _sub(root, IMSCP_NS, "organizations")
    organizations.set("default", ids["organization"])
    organization = _sub(organizations, IMSCP_NS, "organization")
    organization.set("identifier", ids["organization"])
    _sub(organization, IMSCP_NS, "title", course.title)
    item = _sub(organization, IMSCP_NS, "item")
    item.set("identifier", ids["item"])
    item.set("identifierref", ids["resource"])  # M7
    _sub(item, IMSCP_NS, "title", course.title)
    if course.mastery_score is not None:
        # M11: on the item, a plain integer 0-100; only with a quiz, or a low score could
        # turn a completion-only course into "failed" (checklist section 5).
        _sub(item, ADLCP_NS, "masteryscore", str(int(course.mastery_score)))

    # M8, M9: one SCO resource launching `launch` and listing every file.
    resources = _sub(root, IMSCP_NS, "resources")
    resource = _sub(resources, IMSCP_NS, "resource")
    resource.set("identifier", ids["resource"])
    resource.set("type", "webcontent")
    resource.set(f"{{{ADLCP_NS}}}scormtype", "sco")
    resource.set("href", href_for(launch))
    for name in content:
        _sub(resource, IMSCP_NS, "file").set("href", href_for(name))

    etree.indent(root, space="  ")
    body = etree.tostring(root, encoding="UTF-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body
