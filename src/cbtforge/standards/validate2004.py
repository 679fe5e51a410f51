"""``cbtforge validate`` for SCORM 2004 4th Edition packages: schemas + structure.

A manifest whose root is in the imscp_v1p1 namespace is a SCORM 2004 manifest. It gets:

* the official 4th Edition XSDs (imscp_v1p1, adlcp_v1p3, adlseq_v1p3, adlnav_v1p3, imsss);
* the 2004 rules below: schemaversion, adlcp:scormType on launched resources, no SCORM 1.2
  namespace, objective measures in range;
* the content-packaging rules SCORM 1.2 and 2004 share (IMS CP: identifiers, the default
  organization, titles, identifierrefs, launch pages listed and present, xml:base, hrefs,
  every file listed, external references), run by ``cbtforge.validate`` on the same tree
  with its imscp_v1p1 elements renamed to the 1.2 namespace in place (positions are kept:
  the default namespace has no prefix to change).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from .. import validate as v12
from ..errors import Problem, Severity
from . import scorm2004xsd
from .scorm2004 import SCHEMA_VERSION
from .scorm2004xsd import ADLCP_NS, IMSCP_NS, IMSSS_NS

ADLCP_12_NS = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
OLDER_VERSIONS = ("2004 3rd Edition", "CAM 1.3", "2004 2nd Edition")

# Content-packaging rules both standards share (cbtforge.validate's rule keys).
SHARED_RULES = ("M4", "M5", "M6", "M7", "M9", "M10", "M13", "HREF", "P3", "P4", "LAUNCH", "P7")


def is_2004(root: etree._Element) -> bool:
    return root.tag == f"{{{IMSCP_NS}}}manifest"


def check_xsd(ctx: v12.ManifestContext) -> Iterator[Problem]:
    """The official SCORM 2004 4th Edition XSDs, if cached; else one warning saying so."""
    schema = scorm2004xsd.load_validator()
    if schema is None:
        yield Problem(
            ctx.label,
            0,
            0,
            "the SCORM 2004 schema files are not installed, so the manifest was not validated "
            f"against the official XSDs; {scorm2004xsd.FETCH_HINT}. Every structural check "
            "still ran.",
            Severity.WARNING,
        )
        return
    tree = ctx.root.getroottree()
    if schema.validate(tree):
        return
    for error in schema.error_log:
        line, col = error.line, error.column
        try:
            found = tree.xpath(error.path) if error.path else []
        except etree.XPathError:
            found = []
        if found and v12._is_element(found[0]):
            line, col = ctx.position(found[0])
        yield Problem(
            ctx.label,
            line,
            col,
            f"XSD: {error.message} (SCORM 2004 4th Edition CAM: the manifest must validate "
            "against the official schemas)",
        )


def check_schemaversion(ctx: v12.ManifestContext) -> Iterator[Problem]:
    """<metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion>."""
    metadata = ctx.root.find(f"{{{IMSCP_NS}}}metadata")
    version = None if metadata is None else metadata.find(f"{{{IMSCP_NS}}}schemaversion")
    text = (version.text or "").strip() if version is not None else None
    if text == SCHEMA_VERSION:
        return
    where = version if version is not None else (metadata if metadata is not None else ctx.root)
    if text in OLDER_VERSIONS:
        yield ctx.warning(
            where,
            f"schemaversion {text!r}: this package is checked against the 4th Edition schemas; "
            f"write '{SCHEMA_VERSION}' if it follows 4th Edition (CAM 4th Ed. 3.4.1.3)",
        )
        return
    found = "missing" if text is None else f"{text!r}"
    yield ctx.problem(
        where,
        f"schemaversion is {found}; a SCORM 2004 4th Edition manifest says <schema>ADL SCORM"
        f"</schema><schemaversion>{SCHEMA_VERSION}</schemaversion> in its <metadata> "
        "(CAM 4th Ed. 3.4.1.3: LMSs choose the run-time from it)",
    )


def check_scormtype(ctx: v12.ManifestContext) -> Iterator[Problem]:
    """Every resource says adlcp:scormType "sco" or "asset"; an item launches one."""
    attr = f"{{{ADLCP_NS}}}scormType"
    for resource in ctx.root.iter(f"{{{IMSCP_NS}}}resource"):
        rid = resource.get("identifier", "")
        if resource.get(f"{{{ADLCP_12_NS}}}scormtype") is not None:
            yield ctx.problem(
                resource,
                f"resource {rid!r} uses SCORM 1.2's adlcp:scormtype; SCORM 2004 spells it "
                f'adlcp:scormType (xmlns:adlcp="{ADLCP_NS}") (CAM 4th Ed. 3.4.1.16)',
            )
            continue
        value = resource.get(attr)
        if value not in ("sco", "asset"):
            yield ctx.problem(
                resource,
                f'resource {rid!r}: adlcp:scormType is {value!r}; write "sco" for the page '
                'that talks to the LMS, "asset" for anything else (CAM 4th Ed. 3.4.1.16)',
            )


def check_no_12_namespace(ctx: v12.ManifestContext) -> Iterator[Problem]:
    for element in ctx.root.iter():
        if v12._is_element(element) and ADLCP_12_NS in element.nsmap.values():
            yield ctx.problem(
                element,
                f"SCORM 1.2 namespace {ADLCP_12_NS} in a SCORM 2004 manifest; use "
                f"{ADLCP_NS} (CAM 4th Ed. 3.4)",
            )
            return


def check_measures(ctx: v12.ManifestContext) -> Iterator[Problem]:
    """A measure the XSD cannot see is wrong: an objective satisfied by a measure needs one."""
    for objective in ctx.root.iter(f"{{{IMSSS_NS}}}primaryObjective"):
        if objective.get("satisfiedByMeasure") == "true" and (
            objective.find(f"{{{IMSSS_NS}}}minNormalizedMeasure") is None
        ):
            yield ctx.warning(
                objective,
                "satisfiedByMeasure without minNormalizedMeasure: the LMS uses 1.0, so only "
                "a perfect score passes; add <imsss:minNormalizedMeasure> (SN 4th Ed. 3.10)",
            )


_VERSION_TEXT = re.compile(r"SCORM 1\.2 CAM")


def _shared_problems(ctx: v12.ManifestContext) -> Iterator[Problem]:
    """cbtforge.validate's IMS CP rules over the tree renamed to the 1.2 CP namespace."""
    for element in ctx.root.iter():
        if v12._is_element(element) and element.tag.startswith(f"{{{IMSCP_NS}}}"):
            element.tag = f"{{{v12.IMSCP_NS}}}{element.tag.split('}', 1)[1]}"
    try:
        rules = dict(v12.MANIFEST_RULES)
        for key in SHARED_RULES:
            for problem in rules[key](ctx):
                if key == "P4" and problem.path.rsplit("/", 1)[-1].rsplit("!", 1)[-1] in (
                    scorm2004xsd.SCHEMA_FILES
                ):
                    continue  # the 2004 schema files are package infrastructure
                yield Problem(
                    problem.path,
                    problem.line,
                    problem.col,
                    _VERSION_TEXT.sub("IMS CP 1.1.4 / SCORM 2004 CAM", problem.message),
                    problem.severity,
                )
    finally:
        for element in ctx.root.iter():
            if v12._is_element(element) and element.tag.startswith(f"{{{v12.IMSCP_NS}}}"):
                element.tag = f"{{{IMSCP_NS}}}{element.tag.split('}', 1)[1]}"


def check(ctx: v12.ManifestContext) -> list[Problem]:
    """Every problem of a SCORM 2004 manifest (schemas first, on the untouched tree)."""
    problems = list(check_xsd(ctx))
    for rule in (check_schemaversion, check_scormtype, check_no_12_namespace, check_measures):
        problems += rule(ctx)
    problems += _shared_problems(ctx)
    return problems


def package_standard(zip_path: object) -> str:
    """ "scorm2004" when the package's manifest is a SCORM 2004 one, else "scorm12"."""
    import zipfile

    try:
        with zipfile.ZipFile(str(zip_path)) as archive:
            data = archive.read("imsmanifest.xml")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        root = etree.fromstring(data, parser)
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError):
        return "scorm12"
    return "scorm2004" if is_2004(root) else "scorm12"
