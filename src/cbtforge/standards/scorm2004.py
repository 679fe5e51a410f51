"""SCORM 2004 4th Edition: the manifest writer, the data-model limits, the runtime adapter.

Shape (ADL SCORM 2004 4th Edition CAM, section 3 "Content Packaging", and 5 "Sequencing")::

    manifest (default namespace imscp_v1p1; adlcp, adlseq, adlnav, imsss prefixes)
      metadata: schema "ADL SCORM", schemaversion "2004 4th Edition", inline IEEE LOM
      organizations default=<id>-org
        organization <id>-org: title, item <id>-item, minimal sequencing
          item: title, imsss:sequencing (primary objective satisfied by the quiz's measure,
                only with a quiz), adlnav:presentation (the LMS's Continue/Previous hidden:
                the course has its own navigation)
          imsss:sequencing: controlMode choice + flow
      resources
        resource <id>-sco: webcontent, adlcp:scormType="sco", href=launch, every file

Identifiers, file hrefs, ordering and determinism are the SCORM 1.2 writer's
(``cbtforge.manifest``), so both standards name the same course the same way.

The mastery score becomes ``imsss:minNormalizedMeasure`` (80 -> 0.8) on a primary objective
with ``satisfiedByMeasure="true"``: the LMS then hands it to the SCO as
``cmi.scaled_passing_score`` (RTE 4.2.18) and judges success from ``cmi.score.scaled``, the
same rule the player applies. A course without a quiz has no objective: completion only.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from .. import manifest as cp12
from ..course import Course
from .scorm2004xsd import (
    ADLCP_NS,
    ADLNAV_NS,
    ADLSEQ_NS,
    IMSCP_NS,
    IMSSS_NS,
    LOM_NS,
    ROOT_FILES,
    SCHEMA_FILES,
)

NAME = "scorm2004"
LABEL = "SCORM 2004 4th Edition"
SCHEMA_VERSION = "2004 4th Edition"
ADAPTER = "scorm2004.js"
"""The player file that replaces ``scorm.js`` in this standard's bundle."""

SUSPEND_LIMIT = 64000
"""cmi.suspend_data: characterstring, SPM 64,000 (RTE 4th Ed. 4.2.22)."""
SUSPEND_RULE = "RTE 2004 4.2.22"

XSI_NS = cp12.XSI_NS
NSMAP: dict[str | None, str] = {
    None: IMSCP_NS,
    "adlcp": ADLCP_NS,
    "adlseq": ADLSEQ_NS,
    "adlnav": ADLNAV_NS,
    "imsss": IMSSS_NS,
    "xsi": XSI_NS,
}
SCHEMA_LOCATION = " ".join(f"{ns} {name}" for ns, name in ROOT_FILES.items())
LOM_SOURCE = "LOMv1.0"


def _sub(parent: etree._Element, ns: str, tag: str, text: str | None = None) -> etree._Element:
    return cp12._sub(parent, ns, tag, text)


def _lom_string(parent: etree._Element, tag: str, text: str, lang: str) -> etree._Element:
    wrapper = _sub(parent, LOM_NS, tag)
    _sub(wrapper, LOM_NS, "string", text).set("language", lang)
    return wrapper


def _lom(course: Course) -> etree._Element:
    """Inline IEEE LOM (1484.12.3 XML binding) with what an LMS catalogue shows."""
    lang = course.language
    lom = etree.Element(f"{{{LOM_NS}}}lom", nsmap={None: LOM_NS})
    general = _sub(lom, LOM_NS, "general")
    _lom_string(general, "title", course.title, lang)
    _sub(general, LOM_NS, "language", lang)
    if course.description.strip():
        _lom_string(general, "description", course.description.strip(), lang)
    for keyword in course.keywords:
        _lom_string(general, "keyword", keyword, lang)

    lifecycle = _sub(lom, LOM_NS, "lifeCycle")
    _lom_string(lifecycle, "version", course.version, "x-none")
    if course.publisher and course.publisher.strip():
        contribute = _sub(lifecycle, LOM_NS, "contribute")
        role = _sub(contribute, LOM_NS, "role")
        _sub(role, LOM_NS, "source", LOM_SOURCE)
        _sub(role, LOM_NS, "value", "publisher")
        name = cp12._vcard_escape(course.publisher.strip())
        vcard = f"BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:{name}\nORG:{name}\nEND:VCARD"
        _sub(contribute, LOM_NS, "entity", vcard)

    meta = _sub(lom, LOM_NS, "metaMetadata")
    _sub(meta, LOM_NS, "metadataSchema", "LOMv1.0")
    _sub(meta, LOM_NS, "metadataSchema", "SCORM_CAM_v1.3")

    technical = _sub(lom, LOM_NS, "technical")
    _sub(technical, LOM_NS, "format", "text/html")

    if course.duration_minutes:
        educational = _sub(lom, LOM_NS, "educational")
        learning_time = _sub(educational, LOM_NS, "typicalLearningTime")
        _sub(learning_time, LOM_NS, "duration", cp12.iso_duration(course.duration_minutes))
    return lom


def normalized_measure(mastery_score: float) -> str:
    """A 0-100 mastery score as imsss:minNormalizedMeasure (xs:decimal -1..1): 80 -> "0.8"."""
    text = f"{mastery_score / 100:.4f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def build_manifest(course: Course, files: Sequence[str], *, launch: str = "index.html") -> bytes:
    """The ``imsmanifest.xml`` bytes of the single-SCO SCORM 2004 4th Edition package."""
    if not course.id:
        raise ValueError("the course has no id; build it with Course.model_validate")
    ids = cp12.identifiers(course.id)
    content = cp12._content_files([f for f in files if f not in SCHEMA_FILES], launch)

    root = etree.Element(f"{{{IMSCP_NS}}}manifest", nsmap=NSMAP)
    root.set("identifier", ids["manifest"])
    if len(course.version) <= cp12.MANIFEST_VERSION_MAX:
        root.set("version", course.version)
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)

    metadata = _sub(root, IMSCP_NS, "metadata")
    _sub(metadata, IMSCP_NS, "schema", "ADL SCORM")
    _sub(metadata, IMSCP_NS, "schemaversion", SCHEMA_VERSION)
    metadata.append(_lom(course))

    organizations = _sub(root, IMSCP_NS, "organizations")
    organizations.set("default", ids["organization"])
    organization = _sub(organizations, IMSCP_NS, "organization")
    organization.set("identifier", ids["organization"])
    _sub(organization, IMSCP_NS, "title", course.title)
    item = _sub(organization, IMSCP_NS, "item")
    item.set("identifier", ids["item"])
    item.set("identifierref", ids["resource"])
    _sub(item, IMSCP_NS, "title", course.title)
    if course.mastery_score is not None:
        # CAM 5.1.7: the primary objective is satisfied when the SCO's score.scaled reaches
        # the measure; the LMS gives the SCO the same number as cmi.scaled_passing_score.
        sequencing = _sub(item, IMSSS_NS, "sequencing")
        objectives = _sub(sequencing, IMSSS_NS, "objectives")
        primary = _sub(objectives, IMSSS_NS, "primaryObjective")
        primary.set("objectiveID", f"{course.id}-mastery")
        primary.set("satisfiedByMeasure", "true")
        _sub(primary, IMSSS_NS, "minNormalizedMeasure", normalized_measure(course.mastery_score))
    # The course brings its own Back/Next and chapter menu; the LMS's Continue and Previous
    # would only leave the single SCO (CAM 5.2, adlnav:hideLMSUI).
    presentation = _sub(item, ADLNAV_NS, "presentation")
    interface = _sub(presentation, ADLNAV_NS, "navigationInterface")
    for control in ("continue", "previous"):
        _sub(interface, ADLNAV_NS, "hideLMSUI", control)
    org_sequencing = _sub(organization, IMSSS_NS, "sequencing")
    _sub(org_sequencing, IMSSS_NS, "controlMode").attrib.update({"choice": "true", "flow": "true"})

    resources = _sub(root, IMSCP_NS, "resources")
    resource = _sub(resources, IMSCP_NS, "resource")
    resource.set("identifier", ids["resource"])
    resource.set("type", "webcontent")
    resource.set(f"{{{ADLCP_NS}}}scormType", "sco")
    resource.set("href", cp12.href_for(launch))
    for name in content:
        _sub(resource, IMSCP_NS, "file").set("href", cp12.href_for(name))

    etree.indent(root, space="  ")
    body = etree.tostring(root, encoding="UTF-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body
