"""The test LMS for SCORM 2004 4th Edition packages: scorm-again's Scorm2004API.

Same server, browser, log, faults and replay as tests/e2e/lms.py (host.js over
tests/lms/host2004.html, which loads scorm-again's scorm2004.js bundle); what differs is what a
2004 LMS does around the runtime:

* the manifest (:func:`read_manifest`): the launch href and, from the item's primary objective
  with ``satisfiedByMeasure``, ``cmi.scaled_passing_score`` = ``imsss:minNormalizedMeasure``
  (RTE 4.2.18);
* the next launch (:func:`next_launch_cmi`): after ``cmi.exit`` = ``suspend`` the attempt goes
  on (``cmi.entry`` = ``resume``, the stored data, total_time + session_time); after any
  other exit the attempt is over and the next launch is a new attempt with fresh data
  (``ab-initio``; RTE 4.2.6, 4.2.7);
* the strict checks: tests/e2e/strict2004.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from . import strict2004
from .lms import Lms, LmsError, LmsSession, _manifest_bytes, join_query, preloaded_counts

HOST_PATH_2004 = "/lms/host2004.html"
IMSCP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP_NS = "http://www.adlnet.org/xsd/adlcp_v1p3"
IMSSS_NS = "http://www.imsglobal.org/xsd/imsss"
_NS = {"cp": IMSCP_NS, "adlcp": ADLCP_NS, "imsss": IMSSS_NS}
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


@dataclass(frozen=True)
class Manifest2004:
    identifier: str
    item_identifier: str
    launch_href: str
    parameters: str
    scaled_passing_score: str | None

    def preload(self) -> dict[str, str]:
        if self.scaled_passing_score is None:
            return {}
        return {"cmi.scaled_passing_score": self.scaled_passing_score}


def read_manifest(package: Path | str) -> Manifest2004:
    """The first item of the default organization and its SCO resource, as a 2004 LMS reads
    them (CAM 3.4)."""
    package = Path(package)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(_manifest_bytes(package), parser)
    if root.tag != f"{{{IMSCP_NS}}}manifest":
        raise LmsError(f"{package}: the root element is {root.tag}, not an IMS CP 1.1 manifest")
    organizations = root.find("cp:organizations", _NS)
    default = organizations.get("default") if organizations is not None else None
    organization = None
    for candidate in root.iterfind("cp:organizations/cp:organization", _NS):
        if organization is None or candidate.get("identifier") == default:
            organization = candidate
    item = (
        next((i for i in organization.iter(f"{{{IMSCP_NS}}}item") if i.get("identifierref")), None)
        if organization is not None
        else None
    )
    if item is None:
        raise LmsError(f"{package}: no item with an identifierref")
    resource = next(
        (
            r
            for r in root.iterfind("cp:resources/cp:resource", _NS)
            if r.get("identifier") == item.get("identifierref")
        ),
        None,
    )
    if resource is None or resource.get(f"{{{ADLCP_NS}}}scormType") != "sco":
        raise LmsError(f"{package}: the item's resource is not a SCO")
    bases = [
        e.get(XML_BASE, "")
        for e in (root, root.find("cp:resources", _NS), resource)
        if e is not None
    ]
    measure = None
    primary = item.find("imsss:sequencing/imsss:objectives/imsss:primaryObjective", _NS)
    if primary is not None and primary.get("satisfiedByMeasure") == "true":
        measure = primary.findtext("imsss:minNormalizedMeasure", default="1.0", namespaces=_NS)
    return Manifest2004(
        identifier=root.get("identifier", ""),
        item_identifier=item.get("identifier", ""),
        launch_href="".join(bases) + (resource.get("href") or ""),
        parameters=item.get("parameters", ""),
        scaled_passing_score=measure,
    )


# --------------------------------------------------------------------------------------
# ISO 8601 durations and the next launch
# --------------------------------------------------------------------------------------

_DURATION = re.compile(
    r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)


def duration_to_centiseconds(value: str) -> int:
    """``"PT1H2M3.45S"`` -> 372345 (years and months are not used by SCOs; refused)."""
    if value in ("", None):
        return 0
    m = _DURATION.match(value)
    if not m or m.group(1) or m.group(2):
        raise ValueError(f"{value!r} is not a duration the harness adds up")
    days, hours, minutes = (int(g or 0) for g in (m.group(3), m.group(4), m.group(5)))
    seconds = float(m.group(6) or 0)
    return round((((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 100)


def centiseconds_to_duration(cs: int) -> str:
    seconds, fraction = divmod(cs, 100)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if seconds or fraction or text == "PT":
        text += f"{seconds}" + (f".{fraction:02d}".rstrip("0") if fraction else "") + "S"
    return text


SESSION_ONLY = ("cmi.exit", "cmi.session_time", "cmi.entry", "cmi.total_time")


def next_launch_cmi(
    stored: Mapping[str, str], first_preload: Mapping[str, str | None]
) -> dict[str, str]:
    """The next launch's CMI: the suspended attempt resumed, or a new attempt."""
    if stored.get("cmi.exit") != "suspend":
        fresh = {k: v for k, v in first_preload.items() if v is not None}
        fresh["cmi.entry"] = "ab-initio"
        return fresh
    out = {
        k: v
        for k, v in stored.items()
        if k not in SESSION_ONLY
        and isinstance(v, str)
        and not k.endswith(("._count", "._children"))
    }
    out = {k: v for k, v in out.items() if k not in ("cmi._version",)}
    out["cmi.entry"] = "resume"
    out["cmi.total_time"] = centiseconds_to_duration(
        duration_to_centiseconds(stored.get("cmi.total_time", ""))
        + duration_to_centiseconds(stored.get("cmi.session_time", ""))
    )
    return out


# --------------------------------------------------------------------------------------
# Launcher and session
# --------------------------------------------------------------------------------------


class Lms2004Session(LmsSession):
    """One launch of a SCORM 2004 SCO; checks go through strict2004."""

    # GetValue of an element the LMS holds no value for answers "" with 403 "value not
    # initialized" (RTE 3.1.7.6): a normal answer, not an LMS error.
    NOT_INITIALIZED = "403"

    def errors(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = [
            {"kind": "call", **c}
            for c in self.log()
            if c["fn"] not in strict2004.ERROR_FUNCTIONS
            and c.get("error") not in ("0", None)
            and not (c["fn"] == "GetValue" and c.get("error") == self.NOT_INITIALIZED)
        ]
        out += [{"kind": "message", **m} for m in self.messages() if m["level"] == "ERROR"]
        return out

    def violations(self, *, require_finish: bool = True) -> list[Any]:
        return strict2004.check_calls(
            self.log(),
            initial_counts=preloaded_counts(self.config["cmi"]),
            require_finish=require_finish,
        )

    def assert_clean(self, *, strict_scorm: bool = True, final: bool = True) -> None:
        problems = [f"scorm-again: {e}" for e in self.errors()]
        problems += [f"uncaught exception: {e}" for e in self.js_errors()]
        if strict_scorm:
            problems += [f"strict 2004: {v}" for v in self.violations()]
            if final:
                problems += [
                    f"strict 2004: {v}" for v in strict2004.check_final_cmi(self.flat_cmi())
                ]
        if problems:
            raise AssertionError("\n".join(problems) + "\n\n" + self.dump())

    def call(self, fn: str, *args: Any) -> Any:
        return self.course_frame.evaluate(
            "([fn, args]) => window.parent.API_1484_11[fn](...args)", [fn, list(args)]
        )

    def relaunch_cmi(self, *, keep_interactions: bool = True, source: str = "persisted") -> dict:
        stored = self.flat_cmi() if source == "live" else self.persisted_cmi()
        # A new attempt starts from what the manifest gives, without this launch's data.
        first = self.manifest.preload() if self.manifest is not None else {}
        if stored is None:
            return {k: v for k, v in self.config["cmi"].items() if v is not None}
        out = next_launch_cmi(stored, first)
        if not keep_interactions:
            out = {k: v for k, v in out.items() if not k.startswith("cmi.interactions.")}
        return out


class Lms2004(Lms):
    """:class:`~.lms.Lms` over Scorm2004API (the ``lms2004`` fixture)."""

    host_path = HOST_PATH_2004

    @staticmethod
    def read_manifest(directory: Path) -> Any:
        return read_manifest(directory)

    @property
    def session_class(self) -> type[LmsSession]:
        return Lms2004Session


__all__ = ["Lms2004", "Lms2004Session", "join_query", "next_launch_cmi", "read_manifest"]
