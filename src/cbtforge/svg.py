"""Active content in SVG images: found and refused, never shipped.

An SVG is an XML document that can carry scripts. Shown through ``<img>`` it cannot run
them, but a learner who follows a link to the file (or an LMS that opens it on its own)
loads it as a page in the package's origin, inside the LMS frame, where a script can reach
the LMS API of the learner's session. Rewriting SVG safely means keeping up with every
browser's SVG, SMIL and XHTML parsing; refusing the few constructs that can run code, with
the line to fix, is smaller and cannot silently change a drawing.

What counts as active: ``<script>``, ``<foreignObject>`` (it hosts HTML) and the other
elements that embed documents or handlers; any ``on*`` event attribute; an ``href`` (or
``xlink:href``, ``src``...) with a scheme other than http(s), mailto or data; SMIL
animation that sets an ``href`` or an ``on*`` attribute; anything in the XHTML or MathML
namespaces; ``<?xml-stylesheet?>`` (XSLT can write scripts); and entity declarations
(they can expand to any of the above, or to gigabytes).
"""

from __future__ import annotations

import re

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
FOREIGN_NAMESPACES = {
    "http://www.w3.org/1999/xhtml": "HTML",
    "http://www.w3.org/1998/Math/MathML": "MathML",
}
# Local names compared in lower case: browsers' HTML-in-SVG parsing is case-insensitive.
ACTIVE_ELEMENTS = frozenset(
    {
        "script",
        "foreignobject",
        "iframe",
        "frame",
        "frameset",
        "embed",
        "object",
        "applet",
        "handler",
        "listener",
        "base",
        "meta",
    }
)
ANIMATION_ELEMENTS = frozenset(
    {"set", "animate", "animatemotion", "animatetransform", "animatecolor"}
)
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "codebase", "to"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "data"})
# Browsers strip ASCII white space and control characters inside a URL's scheme
# ("java\tscript:" runs), so they are removed before the scheme is read.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def _local(name: str) -> str:
    return name.rpartition("}")[2].lower()


def _namespace(name: str) -> str:
    return name[1:].partition("}")[0] if name.startswith("{") else ""


def _scheme(url: str) -> str | None:
    match = _SCHEME.match(_URL_NOISE.sub("", url))
    return match.group(1).lower() if match else None


def active_content(data: bytes) -> tuple[int, str] | None:
    """``(line, what)`` for the first construct in an SVG that can run code, or None.

    ``line`` is 1-based in the SVG file (0 when unknown). A file that is not well-formed XML
    is reported too: browsers refuse to draw it, and it cannot be checked.
    """
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        return error.position[0], f"is not well-formed XML ({error.msg})"
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        return 1, "declares XML entities (<!ENTITY>), which can hide scripts"
    for node in tree.getroot().itersiblings(preceding=True):
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-stylesheet":
            return node.sourceline or 0, "has an <?xml-stylesheet?> instruction"
    for element in root.iter():
        if isinstance(element, etree._ProcessingInstruction):
            if element.target == "xml-stylesheet":
                return element.sourceline or 0, "has an <?xml-stylesheet?> instruction"
            continue
        if not isinstance(element.tag, str):
            continue  # comments, entity references
        line = element.sourceline or 0
        local, ns = _local(element.tag), _namespace(element.tag)
        if ns in FOREIGN_NAMESPACES:
            return line, f"has a <{local}> element from {FOREIGN_NAMESPACES[ns]}"
        if local in ACTIVE_ELEMENTS:
            return line, f"has a <{local}> element"
        for name, value in element.attrib.items():
            attr = _local(name)
            if attr.startswith("on"):
                return line, f"has an event handler ({attr}=...) on <{local}>"
            if attr in URL_ATTRIBUTES:
                scheme = _scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    return line, f"has a {scheme}: link ({attr}=...) on <{local}>"
        if local in ANIMATION_ELEMENTS:
            # attributeName="xlink:href" names the attribute with its prefix.
            target = element.get("attributeName", "").strip().rpartition(":")[2].lower()
            if target == "href" or target.startswith("on"):
                return line, f"animates the {target!r} attribute (<{local}>)"
    return None
