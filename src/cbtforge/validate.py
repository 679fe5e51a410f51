"""``cbtforge validate x.zip``: static checks of a SCORM 1.2 package.

Every rule of scorm12-checklist.md sections 1 (package) and 2 (manifest) that can be checked
without running the content. The zip-level rules run first; then the manifest is checked
against the official XSDs (when ``cbtforge fetch-schemas`` has cached them) and by the
structural rules in :data:`MANIFEST_RULES`, which catch what the XSDs let through (a
schemaversion of 1.3, a non-numeric masteryscore, a dangling identifierref, the wrong
prefix, spaces in hrefs...). Each rule is a small function yielding :class:`Problem`\\ s whose
message cites the checklist rule and says how to fix it.

Problems are located as ``course.zip!imsmanifest.xml:LINE:COL``.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import stat
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from .errors import Problem, Severity, display_path, sort_problems
from .package import UTF8_NAME_FLAG, collision_key, junk_problem, name_problem
from .scormxsd import (
    ADLCP_NS,
    FETCH_HINT,
    IMSCP_NS,
    SCHEMA_FILES,
    SCHEMA_SHA256,
    load_validator,
)

MANIFEST_NAME = "imsmanifest.xml"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_BASE = f"{{{XML_NS}}}base"
IMSCP_2004_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
# M14: namespaces that only SCORM 2004 defines.
SCORM_2004_NAMESPACES = frozenset(
    {
        IMSCP_2004_NS,
        "http://www.adlnet.org/xsd/adlcp_v1p3",
        "http://www.adlnet.org/xsd/adlseq_v1p3",
        "http://www.adlnet.org/xsd/adlnav_v1p3",
        "http://www.imsglobal.org/xsd/imsss",
    }
)
ADLCP_ELEMENTS = (
    "location",
    "prerequisites",
    "maxtimeallowed",
    "timelimitaction",
    "datafromlms",
    "masteryscore",
    "schema",
    "schemaversion",
)
TIME_LIMIT_ACTIONS = ("exit,message", "exit,no message", "continue,message", "continue,no message")
CMI_TIMESPAN_RE = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")  # RTE 1.2 CMITimespan
NCNAME_RE = re.compile(r"^[^\W\d][\w.\-]*$")  # letter or _ first; no spaces or colons
URL_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
MAX_XML_BYTES = 16 * 1024 * 1024
MAX_SCAN_BYTES = 8 * 1024 * 1024

# P7: references that make the browser fetch from another host. The patterns run on files
# from untrusted zips, so each must be linear in the text: a tag is taken whole (possessive
# [^>]*+, so the search resumes after it instead of rescanning it from every "<img"), its
# attributes are searched inside it, and runs of spaces are possessive (\s*+): two adjacent
# optional runs would otherwise try every split of 100,000 spaces.
_EXTERNAL_TAG_RE = re.compile(
    r"<(?:script|link|img|iframe|audio|video|source|embed|object|track)\b[^>]*+",
    re.IGNORECASE,
)
_EXTERNAL_ATTR_RE = re.compile(
    r"\b(?:src|href|data)\s*+=\s*+[\"']?+\s*+((?:https?:)?//[^\"'\s>]++)", re.IGNORECASE
)
_EXTERNAL_CSS_RE = re.compile(
    r"(?:url\(\s*+[\"']?+|@import\s++[\"'])\s*+((?:https?:)?//[^\"')\s]++)", re.IGNORECASE
)
# Uncompressed bytes validate may read: max(floor, ratio x the zip's size). Linear in the
# input, so a 1 MB zip cannot make it inflate terabytes; a real package (media is stored
# compressed, so close to 1:1) is read in full.
READ_BUDGET_FLOOR = 256 * 1024 * 1024
READ_BUDGET_RATIO = 16
# Past this many XSD errors the manifest is not a near miss; the rest are counted.
MAX_XSD_ERRORS = 200
LOCAL_HEADER_SIZE = 30  # APPNOTE 4.3.7: the fixed part of a local file header


_XSD_ATTRIBUTE_RE = re.compile(r"attribute '([^']+)'")


def _q(tag: str, ns: str = IMSCP_NS) -> str:
    return f"{{{ns}}}{tag}"


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _namespace(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def _is_element(node: object) -> bool:
    return isinstance(node, etree._Element) and isinstance(node.tag, str)


@lru_cache(maxsize=64)
def _attribute_pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w:.\-])" + re.escape(name) + r"\s*=")


_PATH_PART_RE = re.compile(r"[^?#]*")


def _path_part(href: str) -> str:
    """An href without its query and fragment."""
    match = _PATH_PART_RE.match(href)
    return match.group() if match else href


class ZipReader:
    """Reads members of an untrusted zip within a budget of uncompressed bytes.

    Members in ``unreadable`` (overlapping or duplicate entries, already reported) are never
    read: re-reading one compressed stream under 5,000 names is how a 1 MB zip asks for
    5 TB of inflating. Declared sizes bound each read (zipfile stops at ``file_size``).
    """

    def __init__(self, archive: zipfile.ZipFile, budget: int, unreadable: set[int]) -> None:
        self.archive = archive
        self.budget = budget
        self.unreadable = unreadable
        self.skipped: list[zipfile.ZipInfo] = []

    def allows(self, info: zipfile.ZipInfo) -> bool:
        """Whether ``info`` may be read; charges its size to the budget when it may."""
        if id(info) in self.unreadable:
            return False
        if info.file_size > self.budget:
            self.skipped.append(info)
            return False
        self.budget -= info.file_size
        return True


# --- the manifest being checked --------------------------------------------------------------


@dataclass
class ManifestContext:
    """Everything a manifest rule needs: the parsed manifest and the zip's file names."""

    label: str
    """How problems name the manifest: ``course.zip!imsmanifest.xml``."""
    root: etree._Element
    text: str
    folder: str
    """The manifest's folder inside the zip ("" at the root), prefixed to every href."""
    files: dict[str, zipfile.ZipInfo]
    """Regular files of the zip by name (no directory entries)."""
    archive: zipfile.ZipFile
    reader: ZipReader | None = None
    """The budget every read goes through (None: unbudgeted, for callers that built the zip)."""
    _positions: dict[etree._Element, tuple[int, int]] = field(
        default_factory=dict, init=False, repr=False
    )

    # -- positions -------------------------------------------------------------------------

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def _qname(self, element: etree._Element) -> str:
        local = _local(element.tag)
        return f"{element.prefix}:{local}" if element.prefix else local

    def _index_positions(self) -> None:
        # lxml gives the line of a start tag's '>' and no column; find the k-th "<qname"
        # on that line (k = how many same-named tags ended on it before), or for a start
        # tag spread over several lines the nearest "<qname" above.
        # Each (name, line) is scanned once: a manifest written on one line with 40,000
        # <file> elements would otherwise be rescanned for each of them.
        seen: dict[tuple[str, int], int] = defaultdict(int)
        found: dict[tuple[str, int], list[int]] = {}

        def starts_of(qname: str, number: int) -> list[int]:
            if (qname, number) not in found:
                pattern = re.compile("<" + re.escape(qname) + r"(?=[\s/>]|$)")
                found[(qname, number)] = [
                    m.start() for m in pattern.finditer(self.lines[number - 1])
                ]
            return found[(qname, number)]

        for element in self.root.iter():
            if not _is_element(element) or not element.sourceline:
                continue
            qname, line = self._qname(element), element.sourceline
            k = seen[(qname, line)]
            seen[(qname, line)] += 1
            if line <= len(self.lines):
                starts = starts_of(qname, line)
                if k < len(starts):
                    self._positions[element] = (line, starts[k] + 1)
                    continue
            for number in range(min(line, len(self.lines)) - 1, max(0, line - 50), -1):
                starts = starts_of(qname, number)
                if starts:
                    self._positions[element] = (number, starts[-1] + 1)
                    break
            else:
                self._positions[element] = (line, 0)

    def position(self, element: etree._Element | None, attr: str | None = None) -> tuple[int, int]:
        """1-based (line, column) of an element's start tag, or of one of its attributes."""
        if element is None:
            return (0, 0)
        if not self._positions:
            self._index_positions()
        line, col = self._positions.get(element, (element.sourceline or 0, 0))
        if attr is None or not line or not col:
            return (line, col)
        name = attr
        if attr.startswith("{"):
            ns, local = _namespace(attr), _local(attr)
            prefix = (
                "xml"
                if ns == XML_NS
                else next((p for p, u in element.nsmap.items() if u == ns and p), None)
            )
            name = f"{prefix}:{local}" if prefix else local
        pattern = _attribute_pattern(name)
        for number in range(line, min(line + 30, len(self.lines)) + 1):
            text = self.lines[number - 1]
            start = col - 1 if number == line else 0
            # Only within this start tag: on a one-line manifest the rest of the line holds
            # every other element, and searching it for each one is quadratic.
            end = text.find(">", start)
            match = pattern.search(text, start, end if end >= 0 else len(text))
            if match:
                return (number, match.start() + 1)
            if end >= 0:
                break
        return (line, col)

    def problem(
        self,
        element: etree._Element | None,
        message: str,
        *,
        attr: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        line, col = self.position(element, attr)
        return Problem(self.label, line, col, message, severity)

    def warning(
        self, element: etree._Element | None, message: str, *, attr: str | None = None
    ) -> Problem:
        return self.problem(element, message, attr=attr, severity=Severity.WARNING)

    # -- structure ----------------------------------------------------------------------------

    def all(self, tag: str, ns: str = IMSCP_NS) -> list[etree._Element]:
        return list(self.root.iter(_q(tag, ns)))

    @cached_property
    def resources(self) -> dict[str, etree._Element]:
        found: dict[str, etree._Element] = {}
        for resource in self.all("resource"):
            found.setdefault(resource.get("identifier", ""), resource)
        return found

    @cached_property
    def referenced_resources(self) -> dict[str, etree._Element]:
        """Resources launched by some item, by identifier."""
        refs = {item.get("identifierref") for item in self.all("item")}
        return {rid: res for rid, res in self.resources.items() if rid in refs}

    @cached_property
    def by_key(self) -> dict[str, str]:
        return {collision_key(name): name for name in self.files}

    @cached_property
    def hrefs(self) -> list[tuple[etree._Element, str, str]]:
        """(element, href, xml:base) for every resource href and file href (several rules
        walk them; a manifest may list tens of thousands)."""
        return list(_collect_hrefs(self))

    @cached_property
    def folders(self) -> set[str]:
        """Every folder that holds a file, as "a/" and "a/b/"."""
        found: set[str] = set()
        for name in self.files:
            parts = name.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                found.add("/".join(parts[:i]) + "/")
        return found

    def base_of(self, resource: etree._Element) -> str:
        """The xml:base chain (manifest, resources, resource) as a path prefix (M10)."""
        parts = [self.root.get(XML_BASE, "")]
        parent = resource.getparent()
        if parent is not None:
            parts.append(parent.get(XML_BASE, ""))
        parts.append(resource.get(XML_BASE, ""))
        base = ""
        for part in parts:
            if part and not URL_SCHEME_RE.match(part) and not part.startswith("/"):
                base += part if part.endswith("/") else part + "/"
        return base

    def resolve(self, href: str, base: str = "") -> str:
        """The zip member an href points to (query and fragment dropped, %-decoded)."""
        path = _path_part(href)
        return self.folder + unquote(base + path)

    def read(self, name: str, limit: int) -> bytes | None:
        info = self.files.get(name)
        if info is None or info.file_size > limit:
            return None
        if self.reader is not None and not self.reader.allows(info):
            return None
        try:
            return self.archive.read(info)
        except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, OSError):
            return None  # reported by the zip integrity check


ManifestRule = Callable[[ManifestContext], Iterable[Problem]]


# --- XSD --------------------------------------------------------------------------------------


def check_xsd(ctx: ManifestContext) -> Iterator[Problem]:
    """The official SCORM 1.2 XSDs, if cached; otherwise one warning saying so."""
    schema = load_validator()
    if schema is None:
        yield Problem(
            ctx.label,
            0,
            0,
            "the SCORM 1.2 schema files are not installed, so the manifest was not validated "
            f"against the official XSDs; {FETCH_HINT}. Every structural check still ran.",
            Severity.WARNING,
        )
        return
    try:
        if schema.validate(ctx.root.getroottree()):
            return
    except etree.Error as error:  # libxml2 gives up on some trees (entity nodes, for one)
        yield Problem(
            ctx.label,
            0,
            0,
            f"the manifest could not be checked against the official XSDs ({error}); "
            "write it as plain XML without a DOCTYPE or entities (M15)",
        )
        return
    tree = ctx.root.getroottree()
    errors = list(schema.error_log)
    if len(errors) > MAX_XSD_ERRORS:
        yield Problem(
            ctx.label,
            0,
            0,
            f"XSD: {len(errors) - MAX_XSD_ERRORS} more schema errors not shown (the first "
            f"{MAX_XSD_ERRORS} are) (SCORM 1.2 CAM: the manifest must validate against the "
            "official schemas)",
        )
    for error in errors[:MAX_XSD_ERRORS]:
        line, col = error.line, error.column
        # libxml2 gives no column; find the element (and attribute) the error names.
        try:
            found = tree.xpath(error.path) if error.path else []
        except etree.XPathError:
            found = []
        if found and _is_element(found[0]):
            attr = _XSD_ATTRIBUTE_RE.search(error.message)
            line, col = ctx.position(found[0], attr.group(1) if attr else None)
        yield Problem(
            ctx.label,
            line,
            col,
            f"XSD: {error.message} (SCORM 1.2 CAM: the manifest must validate against the "
            "official schemas)",
        )


# --- namespaces (M1, M2, M14) -------------------------------------------------------------


def check_root_namespace(ctx: ManifestContext) -> Iterator[Problem]:
    """M1: the root is <manifest> in the SCORM 1.2 imscp namespace, with an identifier."""
    root = ctx.root
    ns, local = _namespace(root.tag), _local(root.tag)
    if ns == IMSCP_2004_NS:
        yield ctx.problem(
            root,
            f"this is a SCORM 2004 manifest (namespace {IMSCP_2004_NS}); a SCORM 1.2 package "
            f'uses xmlns="{IMSCP_NS}" (M1, SCORM 1.2 CAM: content packaging namespace)',
        )
    elif ns != IMSCP_NS or local != "manifest":
        found = f"<{local}> in namespace {ns!r}" if ns else f"<{local}> without a namespace"
        yield ctx.problem(
            root,
            f"the root element is {found}; it must be <manifest "
            f'xmlns="{IMSCP_NS}"> (M1, SCORM 1.2 CAM: content packaging namespace)',
        )
    elif not root.get("identifier"):
        yield ctx.problem(
            root,
            '<manifest> has no identifier; add identifier="<course id>" and keep it the '
            "same across versions (M1, SCORM 1.2 CAM: manifest identifier is mandatory)",
        )


def check_no_2004_namespaces(ctx: ManifestContext) -> Iterator[Problem]:
    """M14: no SCORM 2004 namespaces (imsss, adlseq, adlnav, adlcp_v1p3) in a 1.2 manifest."""
    reported: set[str] = set()
    root_ns = _namespace(ctx.root.tag)
    for element in ctx.root.iter():
        if not _is_element(element):
            continue
        for uri in element.nsmap.values():
            if uri in SCORM_2004_NAMESPACES and uri not in reported and uri != root_ns:
                reported.add(uri)
                yield ctx.problem(
                    element,
                    f"SCORM 2004 namespace {uri} in a SCORM 1.2 manifest; remove it and the "
                    "elements and attributes that use it (M14: 1.2 LMSs ignore or reject "
                    "2004 sequencing and navigation)",
                )


def _declared(element: etree._Element) -> dict[str | None, str]:
    parent = element.getparent()
    inherited = parent.nsmap if parent is not None else {}
    return {p: u for p, u in element.nsmap.items() if inherited.get(p) != u}


def check_prefixes(ctx: ManifestContext) -> Iterator[Problem]:
    """M2: imscp is the default namespace and adlcp uses the literal prefix ``adlcp``."""
    imscp_prefixes: set[str] = set()
    for element in ctx.root.iter():
        if not _is_element(element):
            continue
        for prefix, uri in _declared(element).items():
            if uri == ADLCP_NS and prefix != "adlcp":
                shown = f"prefix {prefix!r}" if prefix else "the default namespace"
                yield ctx.problem(
                    element,
                    f"the adlcp namespace is bound to {shown}; declare it as "
                    f'xmlns:adlcp="{ADLCP_NS}" and write adlcp:scormtype, '
                    "adlcp:masteryscore (M2: Moodle reads these by their literal names, so "
                    "with another prefix every resource becomes an untracked asset)",
                )
            elif prefix == "adlcp" and uri != ADLCP_NS and uri not in SCORM_2004_NAMESPACES:
                yield ctx.problem(
                    element,
                    f"prefix 'adlcp' is bound to {uri!r}; it must be {ADLCP_NS} (M2)",
                )
        if (
            _namespace(element.tag) == IMSCP_NS
            and element.prefix
            and (element.prefix not in imscp_prefixes)
        ):
            imscp_prefixes.add(element.prefix)
            yield ctx.problem(
                element,
                f"content packaging elements use the prefix '{element.prefix}:'; declare "
                f'xmlns="{IMSCP_NS}" as the default namespace and write <manifest>, <item> '
                "without a prefix (M2: Moodle parses by literal element names)",
            )


# --- metadata (M3) ----------------------------------------------------------------------


def check_schemaversion(ctx: ManifestContext) -> Iterator[Problem]:
    """M3: <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion>."""
    metadata = ctx.root.find(_q("metadata"))
    if metadata is None:
        yield ctx.problem(
            ctx.root,
            "the manifest has no <metadata>; add <metadata><schema>ADL SCORM</schema>"
            "<schemaversion>1.2</schemaversion></metadata> as its first child (M3, SCORM 1.2 "
            "CAM; Moodle guesses 1.2 but other LMSs may not)",
        )
        return
    schema = metadata.find(_q("schema"))
    if schema is None or (schema.text or "").strip() != "ADL SCORM":
        found = "missing" if schema is None else repr(schema.text or "")
        yield ctx.problem(
            schema if schema is not None else metadata,
            f"<schema> is {found}; it must be 'ADL SCORM' (M3, SCORM 1.2 CAM)",
        )
    version = metadata.find(_q("schemaversion"))
    if version is None:
        yield ctx.problem(
            metadata,
            "<metadata> has no <schemaversion>; add <schemaversion>1.2</schemaversion> (M3: "
            "LMSs choose the SCORM version from it)",
        )
        return
    text = version.text or ""
    if text == "1.2":
        return
    if text.strip() == "1.2":
        yield ctx.warning(
            version, "<schemaversion> has white space around 1.2; write exactly 1.2 (M3)"
        )
    elif text.strip() in ("1.3", "CAM 1.3") or "2004" in text:
        yield ctx.problem(
            version,
            f"<schemaversion> is {text.strip()!r}, which declares SCORM 2004: Moodle then "
            "offers API_1484_11 and a SCORM 1.2 SCO, which looks for window.API, cannot "
            "report anything; write 1.2 (M3)",
        )
    else:
        yield ctx.problem(
            version, f"<schemaversion> is {text.strip()!r}; write exactly 1.2 (M3, SCORM 1.2 CAM)"
        )


# --- identifiers and structure (M4-M7) ------------------------------------------------------


def check_identifiers(ctx: ManifestContext) -> Iterator[Problem]:
    """M4: identifiers exist, are NCNames and are unique across the whole manifest."""
    first: dict[str, etree._Element] = {}
    for element in ctx.root.iter():
        if not _is_element(element) or _namespace(element.tag) != IMSCP_NS:
            continue
        local = _local(element.tag)
        value = element.get("identifier")
        if value is None:
            if local in ("manifest", "organization", "item", "resource"):
                yield ctx.problem(
                    element,
                    f'<{local}> has no identifier; add identifier="..." (M4, SCORM 1.2 CAM: '
                    "mandatory attribute)",
                )
            continue
        if not NCNAME_RE.match(value):
            yield ctx.problem(
                element,
                f"identifier {value!r} is not an XML NCName; start with a letter or '_' and "
                "use only letters, digits, '_', '-' and '.' (no spaces or colons) (M4, "
                "SCORM 1.2 CAM: identifiers are xsd:ID)",
                attr="identifier",
            )
        if value in first:
            other = first[value]
            line, _ = ctx.position(other)
            yield ctx.problem(
                element,
                f"identifier {value!r} is already used by the <{_local(other.tag)}> on line "
                f"{line}; organizations, items and resources share one ID space, so rename one "
                "(M4, SCORM 1.2 CAM: xsd:ID values are unique in the manifest)",
                attr="identifier",
            )
        else:
            first[value] = element


def check_default_organization(ctx: ManifestContext) -> Iterator[Problem]:
    """M5: <organizations default> names an existing <organization>."""
    organizations = ctx.root.find(_q("organizations"))
    if organizations is None:
        yield ctx.problem(
            ctx.root,
            'the manifest has no <organizations>; add <organizations default="ORG"> with an '
            '<organization identifier="ORG"> before <resources> (M5, SCORM 1.2 CAM)',
        )
        return
    orgs = organizations.findall(_q("organization"))
    if not orgs:
        yield ctx.warning(
            organizations,
            "<organizations> is empty, so this is only a resource package: Moodle launches "
            "every resource that has an href; add an <organization> with items (M5)",
        )
        return
    default = organizations.get("default")
    if default is None:
        yield ctx.problem(
            organizations,
            f'<organizations> has no default; add default="{orgs[0].get("identifier", "")}" '
            "(M5, SCORM 1.2 CAM: the default organization is what the LMS shows)",
        )
    elif default not in {org.get("identifier") for org in orgs}:
        yield ctx.problem(
            organizations,
            f"default={default!r} names no <organization>; use one of "
            f"{', '.join(repr(o.get('identifier')) for o in orgs)} (M5)",
            attr="default",
        )


def _has_title(element: etree._Element) -> bool:
    title = element.find(_q("title"))
    return title is not None and bool((title.text or "").strip())


def check_titles(ctx: ManifestContext) -> Iterator[Problem]:
    """M6: organizations have a title and items; items have titles; leaves launch something."""
    for org in ctx.all("organization"):
        if not _has_title(org):
            yield ctx.problem(
                org,
                "<organization> has no <title>; add one: LMSs show it as the course name (M6)",
            )
        if org.find(_q("item")) is None:
            yield ctx.problem(
                org, "<organization> has no <item>; add one that launches the SCO (M6)"
            )
    for item in ctx.all("item"):
        if not _has_title(item):
            yield ctx.problem(
                item, "<item> has no <title>; add one: LMSs show it in the table of contents (M6)"
            )
        if item.find(_q("item")) is None and not item.get("identifierref"):
            yield ctx.problem(
                item,
                "leaf <item> has no identifierref, so it launches nothing; add "
                'identifierref="<resource identifier>" (M6, SCORM 1.2 CAM)',
            )


def check_identifierrefs(ctx: ManifestContext) -> Iterator[Problem]:
    """M7: every item identifierref names an existing <resource>."""
    others = {
        el.get("identifier"): _local(el.tag)
        for el in ctx.root.iter()
        if _is_element(el) and el.get("identifier") and _local(el.tag) != "resource"
    }
    for item in ctx.all("item"):
        ref = item.get("identifierref")
        if ref is None or ref in ctx.resources:
            continue
        what = f"an <{others[ref]}>, not a <resource>" if ref in others else "no <resource>"
        yield ctx.problem(
            item,
            f"identifierref {ref!r} names {what}; point it at a <resource identifier> "
            "(M7: Moodle reports 'invalidmanifestresource' and launches nothing)",
            attr="identifierref",
        )


# --- resources (M8, M9, M10) -------------------------------------------------------------


def check_scormtype(ctx: ManifestContext) -> Iterator[Problem]:
    """M8: adlcp:scormtype is present, lower case, sco|asset; launched resources have href."""
    for resource in ctx.all("resource"):
        rid = resource.get("identifier", "")
        variants = [
            key
            for key in resource.keys()  # noqa: SIM118 (lxml attribute names)
            if _local(key).lower() == "scormtype" and key != _q("scormtype", ADLCP_NS)
        ]
        for key in variants:
            if _namespace(key) == ADLCP_NS:
                how = f"'{_local(key)}' is the SCORM 2004 spelling; 1.2 uses all lower case"
            else:
                how = "it is not in the adlcp namespace"
            yield ctx.problem(
                resource,
                f'resource {rid!r}: {how}; write adlcp:scormtype="sco" (M8: the XSD rejects '
                "it, and LMSs that do not case-fold treat the resource as an asset)",
                attr=key,
            )
        value = resource.get(_q("scormtype", ADLCP_NS))
        if value is None and not variants:
            yield ctx.problem(
                resource,
                f'resource {rid!r} has no adlcp:scormtype; add adlcp:scormtype="sco" (or '
                '"asset") (M8: it is mandatory, and Moodle treats a resource without it as '
                "an asset, so nothing is tracked)",
            )
        elif value is not None and value not in ("sco", "asset"):
            hint = "lower case: " if value.lower() in ("sco", "asset") else ""
            yield ctx.problem(
                resource,
                f"resource {rid!r}: adlcp:scormtype={value!r}; write {hint}'sco' or 'asset' (M8)",
                attr=_q("scormtype", ADLCP_NS),
            )
        kind = resource.get("type")
        if kind != "webcontent":
            found = f"type={kind!r}" if kind is not None else "no type"
            yield ctx.warning(
                resource,
                f'resource {rid!r} has {found}; SCORM 1.2 content is type="webcontent" '
                "(M8, SCORM 1.2 CAM)",
                attr="type" if kind is not None else None,
            )
    for rid, resource in ctx.referenced_resources.items():
        if not resource.get("href"):
            yield ctx.problem(
                resource,
                f"resource {rid!r} is launched by an item but has no href; add "
                'href="<launch page>" (M8, SCORM 1.2 Addendum: resource href)',
            )


def check_launch_listed(ctx: ManifestContext) -> Iterator[Problem]:
    """M9: the launch href is one of its resource's files; dependencies resolve."""
    for resource in ctx.all("resource"):
        href = resource.get("href")
        rid = resource.get("identifier", "")
        if href and not URL_SCHEME_RE.match(href) and not href.startswith("/"):
            base = ctx.base_of(resource)
            launch = ctx.resolve(href, base)
            listed = {ctx.resolve(f.get("href", ""), base) for f in resource.findall(_q("file"))}
            if launch not in listed:
                yield ctx.problem(
                    resource,
                    f"resource {rid!r}: its launch page {href!r} is not listed as a <file>; "
                    f'add <file href="{href.split("?")[0].split("#")[0]}"/> (M9, SCORM 1.2 '
                    "CAM: a resource lists all its files)",
                    attr="href",
                )
        for dependency in resource.findall(_q("dependency")):
            ref = dependency.get("identifierref")
            if ref is not None and ref not in ctx.resources:
                yield ctx.problem(
                    dependency,
                    f"dependency {ref!r} names no <resource>; fix or remove it (M9)",
                    attr="identifierref",
                )


def check_xml_base(ctx: ManifestContext) -> Iterator[Problem]:
    """M10: xml:base is relative, ends with '/', and sits where Moodle reads it."""
    holders = [ctx.root, *ctx.all("resources"), *ctx.all("resource")]
    for element in holders:
        base = element.get(XML_BASE)
        if base is None:
            continue
        local = _local(element.tag)
        if URL_SCHEME_RE.match(base) or base.startswith("/"):
            yield ctx.problem(
                element,
                f"xml:base {base!r} on <{local}> is absolute; the package must be "
                "self-contained, so use a folder inside it such as 'content/' (M10, P7)",
                attr=XML_BASE,
            )
            continue
        if ".." in base.split("/"):
            yield ctx.problem(
                element,
                f"xml:base {base!r} on <{local}> leaves the package folder with '..' (M10, P2)",
                attr=XML_BASE,
            )
        if base and not base.endswith("/"):
            yield ctx.warning(
                element,
                f"xml:base {base!r} on <{local}> does not end with '/'; LMSs join it to hrefs "
                f"differently (URL resolution drops the last segment, Moodle concatenates); "
                f"write {base + '/'!r} (M10)",
                attr=XML_BASE,
            )
        if local != "resource" and base:
            yield ctx.warning(
                element,
                f"xml:base on <{local}>: Moodle uses only the <resource>'s xml:base, so it "
                "will look for the files elsewhere; put the folder on each <resource> or into "
                "the hrefs (M10)",
                attr=XML_BASE,
            )


# --- item extensions (M11-M13) -----------------------------------------------------------


def check_masteryscore(ctx: ManifestContext) -> Iterator[Problem]:
    """M11: adlcp:masteryscore is on an item and is a number 0-100 (an integer, ideally)."""
    for score in ctx.all("masteryscore", ADLCP_NS):
        parent = score.getparent()
        if parent is None or parent.tag != _q("item"):
            where = _local(parent.tag) if parent is not None else "?"
            yield ctx.problem(
                score,
                f"adlcp:masteryscore is inside <{where}>; it belongs on the <item> that "
                "launches the SCO (M11, SCORM 1.2 CAM)",
            )
        text = (score.text or "").strip()
        try:
            value = float(text)
        except ValueError:
            yield ctx.problem(
                score,
                f"adlcp:masteryscore {text!r} is not a number; write an integer from 0 to 100 "
                "(M11: Moodle stores it as-is, and every attempt with a score then counts as "
                "failed)",
            )
            continue
        if not 0 <= value <= 100:
            yield ctx.problem(
                score,
                f"adlcp:masteryscore {text} is outside 0-100; write the pass mark in percent "
                "(M11, SCORM 1.2 CAM)",
            )
        elif not text.isdigit():
            yield ctx.warning(
                score,
                f"adlcp:masteryscore {text!r} is not a plain integer; some LMSs accept integers "
                f"only, so write {round(value)} (M11)",
            )


def check_item_extensions(ctx: ManifestContext) -> Iterator[Problem]:
    """M12: known adlcp elements, spelled in lower case, with values in their formats."""
    for element in ctx.root.iter():
        if not _is_element(element) or _namespace(element.tag) != ADLCP_NS:
            continue
        local = _local(element.tag)
        if local not in ADLCP_ELEMENTS:
            close = [name for name in ADLCP_ELEMENTS if name == local.lower()]
            fix = f"write adlcp:{close[0]} (all lower case in 1.2)" if close else "remove it"
            yield ctx.problem(
                element, f"adlcp:{local} is not a SCORM 1.2 element; {fix} (M12, adlcp XSD)"
            )
            continue
        text = (element.text or "").strip()
        if local == "datafromlms" and len(text) > 255:
            yield ctx.problem(
                element,
                f"adlcp:datafromlms is {len(text)} characters; at most 255 fit "
                "cmi.launch_data (M12)",
            )
        elif local == "timelimitaction" and text not in TIME_LIMIT_ACTIONS:
            yield ctx.problem(
                element,
                f"adlcp:timelimitaction {text!r} must be one of "
                f"{', '.join(repr(a) for a in TIME_LIMIT_ACTIONS)} (M12)",
            )
        elif local == "maxtimeallowed" and not CMI_TIMESPAN_RE.match(text):
            yield ctx.problem(
                element,
                f"adlcp:maxtimeallowed {text!r} is not a CMITimespan; write HHHH:MM:SS such as "
                "01:30:00 (M12, RTE 1.2 CMITimespan; ISO 8601 'PT1H' is SCORM 2004)",
            )


def check_parameters(ctx: ManifestContext) -> Iterator[Problem]:
    """M13: item parameters start with '?', '&' or '#' so every LMS joins them the same."""
    for item in ctx.all("item"):
        parameters = item.get("parameters")
        if parameters and parameters[0] not in "?&#":
            yield ctx.warning(
                item,
                f"parameters={parameters!r} does not start with '?', '&' or '#'; LMSs append "
                f"them to the launch URL in different ways, so write '?{parameters}' (M13)",
                attr="parameters",
            )


# --- hrefs and files (P3, P4, P5, launch page) --------------------------------------------


def _hrefs(ctx: ManifestContext) -> list[tuple[etree._Element, str, str]]:
    """(element, href, xml:base) for every resource href and file href."""
    return ctx.hrefs


def _collect_hrefs(ctx: ManifestContext) -> Iterator[tuple[etree._Element, str, str]]:
    for resource in ctx.all("resource"):
        base = ctx.base_of(resource)
        if resource.get("href") is not None:
            yield resource, resource.get("href", ""), base
        for file in resource.findall(_q("file")):
            if file.get("href") is not None:
                yield file, file.get("href", ""), base


def _href_syntax(href: str) -> str | None:
    if not href:
        return "is empty"
    if " " in href:
        return "contains a space; percent-encode it as %20 (better: rename the file without spaces)"
    if "\\" in href:
        return "contains a backslash; use '/' between folders"
    if href.startswith("//") or URL_SCHEME_RE.match(href):
        return "is an absolute URL; the package must be self-contained, so include the file (P7)"
    if href.startswith("/"):
        return "starts with '/'; write it relative to the package root"
    if ".." in _path_part(href).split("/"):
        return "contains '..', which leaves the package folder (P2)"
    return None


def _resolvable(href: str) -> bool:
    # A raw space is reported by check_href_syntax, but the file can still be found.
    return _href_syntax(href.replace(" ", "%20")) is None


def check_href_syntax(ctx: ManifestContext) -> Iterator[Problem]:
    """Hrefs are relative URLs inside the package: no spaces, '\\', '..' or absolute paths."""
    for element, href, _ in _hrefs(ctx):
        problem = _href_syntax(href)
        if problem:
            yield ctx.problem(
                element,
                f"href {href!r} {problem} (SCORM 1.2 CAM: href is a URL relative to the package)",
                attr="href",
            )
        elif any(ord(c) > 127 for c in href):
            yield ctx.warning(
                element,
                f"href {href!r} has non-ASCII characters; percent-encode them (UTF-8) so every "
                "LMS and web server finds the file (SCORM 1.2 CAM: href is a URL)",
                attr="href",
            )


def check_hrefs_exist(ctx: ManifestContext) -> Iterator[Problem]:
    """P3: every href names a file in the zip, with exactly the same case."""
    for element, href, base in _hrefs(ctx):
        if not _resolvable(href):
            continue  # reported by check_href_syntax
        name = ctx.resolve(href, base)
        if name in ctx.files:
            continue
        if collision_key(name) in ctx.by_key:
            found = ctx.by_key[collision_key(name)]
            message = (
                f"href {href!r} does not match the case of {found!r} in the zip; web servers "
                "on Linux are case-sensitive, so make them identical (P3)"
            )
        elif name.rstrip("/") + "/" in ctx.folders:
            message = f"href {href!r} names a folder; point it at a file (P3)"
        else:
            message = (
                f"href {href!r} names {name!r}, which is not in the zip; add the file or fix "
                "the href (P3, SCORM 1.2 CAM: every referenced file is in the package)"
            )
        yield ctx.problem(element, message, attr="href")


def _listed(ctx: ManifestContext) -> set[str]:
    return {
        ctx.resolve(href, base)
        for element, href, base in _hrefs(ctx)
        if _local(element.tag) == "file" and _resolvable(href)
    }


def check_all_files_listed(ctx: ManifestContext) -> Iterator[Problem]:
    """P4 (warning): every file in the zip is listed in some <file>."""
    listed = _listed(ctx)
    manifest = ctx.folder + MANIFEST_NAME
    control = {ctx.folder + name for name in SCHEMA_FILES}
    for name in sorted(ctx.files):
        if name in listed or name == manifest or name in control or junk_problem(name):
            continue
        yield Problem(
            f"{ctx.label.rsplit('!', 1)[0]}!{name}",
            0,
            0,
            "the zip holds this file but no <file> lists it; list it in the resource that "
            "uses it, or remove it (P4, SCORM 1.2 CAM: a resource lists all its files; "
            "most LMSs do not check)",
            Severity.WARNING,
        )


def check_schema_files(ctx: ManifestContext) -> Iterator[Problem]:
    """P5 (warning): xsi:schemaLocation is well-formed; bundled schema files are the originals.

    Absent schema files are not reported: LMSs ignore them, and ``cbtforge build`` bundles
    them only on request (``--with-schemas``).
    """
    location = ctx.root.get(f"{{{XSI_NS}}}schemaLocation")
    if location is not None:
        tokens = location.split()
        if len(tokens) % 2:
            yield ctx.warning(
                ctx.root,
                "xsi:schemaLocation must hold pairs of 'namespace file'; one is incomplete (P5)",
                attr=f"{{{XSI_NS}}}schemaLocation",
            )
    for name in SCHEMA_FILES:
        data = ctx.read(ctx.folder + name, MAX_XML_BYTES)
        if data is not None and hashlib.sha256(data).hexdigest() != SCHEMA_SHA256[name]:
            yield Problem(
                ctx.label.rsplit("!", 1)[0] + "!" + ctx.folder + name,
                0,
                0,
                f"{name} differs from the official SCORM 1.2 file (a locally adapted copy?); "
                "ship the original (P5)",
                Severity.WARNING,
            )


def _looks_like_html(data: bytes) -> bool:
    head = data[:8192].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<!doctype html") or bool(
        re.search(rb"<(?:html|head|body|script)[\s>]", head)
    )


def check_launch_page(ctx: ManifestContext) -> Iterator[Problem]:
    """The page each SCO item launches exists and is HTML (it must find window.API)."""
    for rid, resource in ctx.referenced_resources.items():
        href = resource.get("href")
        if not href or resource.get(_q("scormtype", ADLCP_NS)) != "sco" or not _resolvable(href):
            continue
        name = ctx.resolve(href, ctx.base_of(resource))
        if name not in ctx.files:
            continue  # reported by P3
        data = ctx.read(name, MAX_SCAN_BYTES)
        if data is None:
            continue
        if not data.strip() or not _looks_like_html(data):
            yield ctx.problem(
                resource,
                f"resource {rid!r} launches {name!r}, which is not an HTML page; a SCO must "
                "be a web page that finds the LMS's API (M8, RTE 1.2 API discovery)",
                attr="href",
            )
        elif not name.lower().endswith(HTML_EXTENSIONS):
            yield ctx.warning(
                resource,
                f"launch page {name!r} is HTML but not named .html; some servers will not "
                "send it as text/html (M8)",
                attr="href",
            )


class _LineIndex:
    """Offsets -> (line, column) by binary search: counting newlines from the start for each
    of thousands of findings in one file would be quadratic."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def check_external_references(ctx: ManifestContext) -> Iterator[Problem]:
    """P7 (warning): pages and style sheets load nothing from other hosts."""
    zip_label = ctx.label.rsplit("!", 1)[0]
    for name in sorted(ctx.files):
        lower = name.lower()
        is_html, is_css = lower.endswith(HTML_EXTENSIONS), lower.endswith(".css")
        if not (is_html or is_css) or junk_problem(name):
            continue
        data = ctx.read(name, MAX_SCAN_BYTES)
        if data is None:
            continue
        text = data.decode("utf-8", errors="replace")
        found = [(m.start(1), m.group(1)) for m in _EXTERNAL_CSS_RE.finditer(text)]
        if is_html:
            for tag in _EXTERNAL_TAG_RE.finditer(text):
                found += [
                    (m.start(1), m.group(1))
                    for m in _EXTERNAL_ATTR_RE.finditer(text, tag.start(), tag.end())
                ]
        lines = _LineIndex(text)
        for offset, url in found:
            line, col = lines.position(offset)
            yield Problem(
                f"{zip_label}!{name}",
                line,
                col,
                f"loads {url} from another host; bundle the file in the package "
                "(P7: packages must be self-contained, offline or locked-down LMSs block it)",
                Severity.WARNING,
            )


# Rules that make sense whatever the root element is.
NAMESPACE_RULES: tuple[tuple[str, ManifestRule], ...] = (
    ("M1", check_root_namespace),
    ("M14", check_no_2004_namespaces),
)
# Rules for a SCORM 1.2 <manifest> root (after M1 they would only repeat its finding).
MANIFEST_RULES: tuple[tuple[str, ManifestRule], ...] = (
    ("XSD", check_xsd),
    ("M2", check_prefixes),
    ("M3", check_schemaversion),
    ("M4", check_identifiers),
    ("M5", check_default_organization),
    ("M6", check_titles),
    ("M7", check_identifierrefs),
    ("M8", check_scormtype),
    ("M9", check_launch_listed),
    ("M10", check_xml_base),
    ("M11", check_masteryscore),
    ("M12", check_item_extensions),
    ("M13", check_parameters),
    ("HREF", check_href_syntax),
    ("P3", check_hrefs_exist),
    ("P4", check_all_files_listed),
    ("P5", check_schema_files),
    ("LAUNCH", check_launch_page),
    ("P7", check_external_references),
)


# --- the zip itself (P1, P2, P6) -------------------------------------------------------


def check_zip_entries(label: str, infos: list[zipfile.ZipInfo]) -> Iterator[Problem]:
    """P2 and P6: safe, unique, UTF-8 names; deflate or stored; no junk, links or encryption."""
    seen: dict[str, str] = {}
    copies: dict[str, int] = {}
    for info in infos:
        name = info.filename
        where = f"{label}!{name}"
        if seen.get(collision_key(name)) == name:
            # The same name again: said once below with the count (a crafted zip may list
            # one name thousands of times), and the rest was said of the first copy.
            copies[name] = copies.get(name, 1) + 1
            continue
        problem = name_problem(name, allow_directory=True)
        if problem:
            yield Problem(where, 0, 0, f"unsafe name: {problem}; re-create the zip without it")
        junk = junk_problem(name)
        if junk:
            yield Problem(where, 0, 0, f"junk file: {junk}; re-create the zip without it")
        key = collision_key(name)
        if key in seen:
            how = f"as {seen[key]!r} too (differs only in case)"
            yield Problem(
                where,
                0,
                0,
                f"the zip holds this name {how}; one silently overwrites the other when the "
                "LMS unpacks it, so keep one (P2)",
            )
        seen.setdefault(key, name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            yield Problem(
                where,
                0,
                0,
                f"compression method {info.compress_type} is not deflate or stored; many LMSs "
                "cannot unpack it, so re-create the zip with ordinary compression (P2)",
            )
        if info.flag_bits & 0x1:
            yield Problem(where, 0, 0, "the entry is encrypted; LMSs cannot unpack it (P2)")
        if stat.S_ISLNK(info.external_attr >> 16):
            yield Problem(where, 0, 0, "the entry is a symbolic link; include the file itself (P2)")
        if any(ord(c) > 127 for c in name) and not info.flag_bits & UTF8_NAME_FLAG:
            yield Problem(
                where,
                0,
                0,
                "the name is not flagged as UTF-8, so LMSs may decode it as another code page; "
                "re-create the zip with a tool that sets the UTF-8 flag (P2)",
                Severity.WARNING,
            )
    for name, count in copies.items():
        how = "twice" if count == 2 else f"{count:,} times"
        yield Problem(
            f"{label}!{name}",
            0,
            0,
            f"the zip holds this name {how}; one silently overwrites the other when the "
            "LMS unpacks it, so keep one (P2)",
        )


def check_zip_overlaps(
    label: str, infos: list[zipfile.ZipInfo], data_end: int
) -> tuple[list[Problem], set[int]]:
    """Entries whose data overlap another's (or the central directory): reported once each,
    and returned (by ``id``) so nothing reads them.

    An archiver writes each member once; entries sharing bytes are crafted, most often to
    multiply one compressed stream (one 1 GiB member listed 5,000 times in 1.4 MB).
    """
    found: dict[str, tuple[int, str]] = {}  # name -> (entries, what the first overlaps)
    unreadable: set[int] = set()
    ordered = sorted(infos, key=lambda info: info.header_offset)
    for i, info in enumerate(ordered):
        if info.is_dir() and not info.compress_size:
            continue
        # The local header's name and extra field only make the member longer: this bound
        # never reports an honest zip.
        end = info.header_offset + LOCAL_HEADER_SIZE + info.compress_size
        other = ordered[i + 1] if i + 1 < len(ordered) else None
        if other is not None and other.header_offset < end:
            what = f"the data of {other.filename!r}"
        elif end > data_end:
            what = "the zip's directory (its sizes are wrong)"
        else:
            continue
        for bad in (info, other) if other is not None and other.header_offset < end else (info,):
            unreadable.add(id(bad))
        count, first = found.get(info.filename, (0, what))
        found[info.filename] = (count + 1, first)
    problems = [
        Problem(
            f"{label}!{name}",
            0,
            0,
            f"{'the entry overlaps' if count == 1 else f'{count:,} entries of this name overlap'} "
            f"{what}; archivers never write this (it makes a small zip unpack to far more than "
            "it holds, a zip bomb), so it was not read: re-create the zip (P2)",
        )
        for name, (count, what) in found.items()
    ]
    return problems, unreadable


def check_zip_integrity(
    label: str,
    archive: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    reader: ZipReader | None = None,
) -> Iterator[Problem]:
    """Every member decompresses with the right CRC (a truncated upload shows up here)."""
    for info in infos:
        if info.is_dir() or info.flag_bits & 0x1:
            continue
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            continue
        if reader is not None and not reader.allows(info):
            continue
        try:
            with archive.open(info) as handle:
                while handle.read(1 << 20):
                    pass
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
            yield Problem(
                f"{label}!{info.filename}",
                0,
                0,
                f"the entry is corrupt ({error}); re-create the zip (was the upload cut short?)",
            )


def _find_manifest(label: str, files: list[str]) -> tuple[str | None, list[Problem]]:
    """P1: the manifest's member name (or a stand-in to analyse) and the location problems."""
    if MANIFEST_NAME in files:
        return MANIFEST_NAME, []
    at_root = sorted(n for n in files if "/" not in n and n.lower() == MANIFEST_NAME)
    if at_root:
        return at_root[0], [
            Problem(
                f"{label}!{at_root[0]}",
                0,
                0,
                f"the manifest is named {at_root[0]!r}; LMSs match 'imsmanifest.xml' exactly "
                "(Moodle is case-sensitive), so rename it (P1)",
            )
        ]
    nested = sorted(
        (n for n in files if n.rsplit("/", 1)[-1].lower() == MANIFEST_NAME and not junk_problem(n)),
        key=lambda n: (n.count("/"), n),
    )
    if nested:
        folder = nested[0].rsplit("/", 1)[0]
        return nested[0], [
            Problem(
                label,
                0,
                0,
                f"imsmanifest.xml is not at the zip root but in {folder + '/'!r}: the zip was "
                f"made from the parent folder. Zip the contents of {folder + '/'!r} instead "
                "(select the files inside it, not the folder) (P1: Moodle reports "
                "'badimsmanifestlocation')",
            )
        ]
    return None, [
        Problem(
            label,
            0,
            0,
            "the zip has no imsmanifest.xml, so it is not a SCORM package; build it with "
            "`cbtforge build`, or add the manifest at the zip root (P1)",
        )
    ]


def _parse(label: str, data: bytes) -> tuple[etree._Element | None, list[Problem]]:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line, col = error.position
        return None, [
            Problem(
                label,
                line,
                col,
                f"the manifest is not well-formed XML: {error.msg} (M15: LMSs cannot read it; "
                "escape '&' as &amp; and '<' as &lt;)",
            )
        ]
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        # Left unexpanded (expanding them is how "billion laughs" manifests exhaust memory),
        # entity references hide text from every check, so the manifest is not checked on.
        return None, [
            Problem(
                label,
                1,
                1,
                "the manifest declares XML entities in a <!DOCTYPE>; LMS manifest parsers need "
                "not expand them (and many refuse them), so write the text itself and remove "
                "the DOCTYPE (M15)",
            )
        ]
    return root, []


def validate_package(zip_path: Path, *, read_budget: int | None = None) -> list[Problem]:
    """Every problem found in the SCORM 1.2 or 2004 package at ``zip_path``, sorted by
    location.

    ``read_budget`` overrides the uncompressed bytes it may read (default: the larger of
    :data:`READ_BUDGET_FLOOR` and :data:`READ_BUDGET_RATIO` times the zip's size).
    """
    zip_path = Path(zip_path)
    label = display_path(zip_path)
    if not zip_path.is_file():
        what = "is a folder" if zip_path.is_dir() else "does not exist"
        return [Problem(label, 0, 0, f"{what}; give the path of the package .zip")]
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        return [
            Problem(
                label,
                0,
                0,
                f"not a zip file ({error}); a SCORM package is a .zip with imsmanifest.xml at "
                "its root (P1)",
            )
        ]
    with archive:
        infos = archive.infolist()
        problems = list(check_zip_entries(label, infos))
        overlaps, unreadable = check_zip_overlaps(label, infos, archive.start_dir)
        problems += overlaps
        zip_size = zip_path.stat().st_size
        budget = read_budget or max(READ_BUDGET_FLOOR, READ_BUDGET_RATIO * zip_size)
        reader = ZipReader(archive, budget, unreadable)
        problems += check_zip_integrity(label, archive, infos, reader)
        files = {
            info.filename: info
            for info in infos
            if not info.is_dir() and not name_problem(info.filename)
        }
        member, found = _find_manifest(label, sorted(files))
        problems += found
        if member is None:
            return sort_problems(problems)
        manifest_label = f"{label}!{member}"
        info = files[member]
        if info.file_size > MAX_XML_BYTES:
            problems.append(Problem(manifest_label, 0, 0, "the manifest is implausibly large"))
            return sort_problems(problems)
        if id(info) in unreadable:
            return sort_problems(problems)
        try:
            data = archive.read(info)
        except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, OSError):
            return sort_problems(problems)  # reported by the integrity check
        root, parse_problems = _parse(manifest_label, data)
        problems += parse_problems
        if root is None:
            return sort_problems(problems)
        ctx = ManifestContext(
            label=manifest_label,
            root=root,
            text=data.decode("utf-8", errors="replace"),
            folder=member.rpartition("/")[0] + "/" if "/" in member else "",
            files=files,
            archive=archive,
            reader=reader,
        )
        if root.tag == _q("manifest", IMSCP_2004_NS):
            # A SCORM 2004 manifest: its schemas and rules (cbtforge.standards.validate2004).
            from .standards import validate2004

            problems += validate2004.check(ctx)
            return sort_problems(problems)
        rules = NAMESPACE_RULES
        if root.tag == _q("manifest"):
            rules += MANIFEST_RULES
        for _rule, check in rules:
            problems += check(ctx)
        problems += _budget_warning(label, reader, budget, zip_size)
    return sort_problems(problems)


def _budget_warning(label: str, reader: ZipReader, budget: int, zip_size: int) -> list[Problem]:
    if not reader.skipped:
        return []
    names = sorted({info.filename for info in reader.skipped})
    shown = ", ".join(repr(n) for n in names[:3]) + (" ..." if len(names) > 3 else "")
    floor = READ_BUDGET_FLOOR // (1024 * 1024)
    budget_mb = budget / 1024 / 1024
    return [
        Problem(
            label,
            0,
            0,
            f"{len(names)} entries ({shown}) were not decompressed or checked: validate reads at "
            f"most {budget_mb:.0f} MB of uncompressed data (the larger of {floor} MB "
            f"and {READ_BUDGET_RATIO} times the zip's {zip_size / 1024 / 1024:.1f} MB), so that "
            "a small zip that expands enormously cannot keep it busy for hours",
            Severity.WARNING,
        )
    ]
