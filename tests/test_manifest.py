"""imsmanifest.xml: valid against the official XSDs, with the shape LMSs rely on."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import etree

from cbtforge import scormxsd
from cbtforge.course import Course
from cbtforge.manifest import build_manifest, identifiers, iso_duration
from cbtforge.scormxsd import ADLCP_NS, IMSCP_NS, IMSMD_NS

FILES = ["index.html", "player/player.js", "assets/logo.png", "course-data.js"]
CP = f"{{{IMSCP_NS}}}"
MD = f"{{{IMSMD_NS}}}"
ADLCP = f"{{{ADLCP_NS}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

MakeCourse = Callable[..., Course]


def _parse(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def _assert_valid(data: bytes) -> None:
    schema = scormxsd.load_validator()
    assert schema is not None
    assert schema.validate(_parse(data).getroottree()), str(schema.error_log)


def test_full_manifest_validates_against_the_official_xsds(
    scorm_schemas: Path, make_course: MakeCourse
) -> None:
    course = make_course(
        keywords=["service", "customers & care"],
        publisher="State of Arizona; ADOA, HR",
        duration_minutes=95,
        description="Greet <warmly>, listen & follow up.\x0c",  # form feed: not XML 1.0
    )
    _assert_valid(build_manifest(course, FILES))


def test_minimal_manifest_validates(scorm_schemas: Path, make_course: MakeCourse) -> None:
    course = make_course(final_quiz=None, description="", keywords=[], publisher=None)
    _assert_valid(build_manifest(course, ["index.html"]))


def test_namespaces_and_prefixes_are_the_ones_moodle_reads(make_course: MakeCourse) -> None:
    data = build_manifest(make_course(), FILES)
    root = _parse(data)
    assert root.tag == f"{CP}manifest"
    assert root.prefix is None  # M2: imscp is the default namespace
    assert root.nsmap[None] == IMSCP_NS
    assert root.nsmap["adlcp"] == ADLCP_NS
    text = data.decode()
    assert 'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"' in text
    assert 'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"' in text
    assert 'adlcp:scormtype="sco"' in text  # literal prefix, lower case (M2, M8)
    assert "<adlcp:masteryscore>80</adlcp:masteryscore>" in text
    # M14: nothing from SCORM 2004.
    for ns in ("imscp_v1p1", "adlcp_v1p3", "imsss", "adlseq", "adlnav"):
        assert ns not in text
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<manifest ')
    location = root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").split()
    assert dict(zip(location[::2], location[1::2], strict=True)) == {
        IMSCP_NS: "imscp_rootv1p1p2.xsd",
        IMSMD_NS: "imsmd_rootv1p2p1.xsd",
        ADLCP_NS: "adlcp_rootv1p2.xsd",
    }


def test_structure(make_course: MakeCourse) -> None:
    root = _parse(build_manifest(make_course(), FILES))
    metadata = root.find(f"{CP}metadata")
    assert metadata is not None
    assert metadata.findtext(f"{CP}schema") == "ADL SCORM"
    assert metadata.findtext(f"{CP}schemaversion") == "1.2"  # M3

    organizations = root.find(f"{CP}organizations")
    (organization,) = organizations.findall(f"{CP}organization")
    assert organizations.get("default") == organization.get("identifier")  # M5
    assert organization.findtext(f"{CP}title") == "Customer Service Basics"  # M6
    (item,) = organization.findall(f"{CP}item")
    assert item.findtext(f"{CP}title") == "Customer Service Basics"

    (resource,) = root.find(f"{CP}resources").findall(f"{CP}resource")
    assert item.get("identifierref") == resource.get("identifier")  # M7
    assert resource.get("type") == "webcontent"
    assert resource.get(f"{ADLCP}scormtype") == "sco"
    assert resource.get("href") == "index.html"
    hrefs = [f.get("href") for f in resource.findall(f"{CP}file")]
    assert hrefs == sorted(FILES)  # M9: every file, sorted; the launch page among them
    assert list(resource.attrib) == ["identifier", "type", f"{ADLCP}scormtype", "href"]


def test_masteryscore_only_with_a_quiz(make_course: MakeCourse) -> None:
    quizzed = make_course(
        final_quiz={
            "mastery_score": 75,
            "questions": [{"type": "true_false", "prompt": "?", "correct": False}],
        }
    )
    item = _parse(build_manifest(quizzed, FILES)).find(f".//{CP}item")
    assert item.findtext(f"{ADLCP}masteryscore") == "75"  # M11: on the item, an integer

    plain = build_manifest(make_course(final_quiz=None), FILES)
    assert b"masteryscore" not in plain


def test_identifiers_are_stable_across_rebuilds_and_versions(make_course: MakeCourse) -> None:
    def ids(course: Course) -> list[str]:
        root = _parse(build_manifest(course, FILES))
        return [el.get("identifier") for el in root.iter() if el.get("identifier")]

    first = ids(make_course(version="1.0"))
    assert first == ids(make_course(version="1.0"))
    assert first == ids(make_course(version="2026-03", title="Renamed Course"))
    assert first[0] == "customer-service"  # the course id, without version or time
    assert len(set(first)) == len(first) == 4  # M4: one ID space
    assert all(re.match(r"^[A-Za-z_][A-Za-z0-9._-]*$", i) for i in first)  # NCNames


def test_derived_course_id_is_used_when_none_is_given(make_course: MakeCourse) -> None:
    course = make_course(id=None, title="1 Safety First")
    root = _parse(build_manifest(course, FILES))
    assert root.get("identifier") == course.id
    assert identifiers(course.id)["resource"] == f"{course.id}-sco"


def test_identifiers_refuse_a_non_ncname() -> None:
    with pytest.raises(ValueError, match="NCName"):
        identifiers("1course")


def test_version_goes_to_the_manifest_and_the_lom(make_course: MakeCourse) -> None:
    root = _parse(build_manifest(make_course(version="2.1"), FILES))
    assert root.get("version") == "2.1"
    assert root.findtext(f".//{MD}lifecycle/{MD}version/{MD}langstring") == "2.1"


def test_long_version_stays_valid(scorm_schemas: Path, make_course: MakeCourse) -> None:
    version = "2026.03-release-candidate-7"  # > 20: longer than imscp's attr.version allows
    data = build_manifest(make_course(version=version), FILES)
    _assert_valid(data)
    root = _parse(data)
    assert root.get("version") is None
    assert root.findtext(f".//{MD}lifecycle/{MD}version/{MD}langstring") == version


def test_lom_carries_the_catalogue_fields(make_course: MakeCourse) -> None:
    course = make_course(
        language="es-MX",
        keywords=["servicio", "clientes"],
        publisher="State of Arizona",
        duration_minutes=45,
    )
    lom = _parse(build_manifest(course, FILES)).find(f"{CP}metadata/{MD}lom")
    assert lom is not None
    general = lom.find(f"{MD}general")
    title = general.find(f"{MD}title/{MD}langstring")
    assert (title.text, title.get(XML_LANG)) == ("Customer Service Basics", "es-MX")
    assert general.findtext(f"{MD}language") == "es-MX"
    assert general.findtext(f"{MD}description/{MD}langstring") == (
        "How to greet, listen and follow up."
    )
    keywords = [k.findtext(f"{MD}langstring") for k in general.findall(f"{MD}keyword")]
    assert keywords == ["servicio", "clientes"]
    contribute = lom.find(f"{MD}lifecycle/{MD}contribute")
    assert contribute.findtext(f"{MD}role/{MD}value/{MD}langstring") == "Publisher"
    assert "FN:State of Arizona" in contribute.findtext(f"{MD}centity/{MD}vcard")
    learning_time = lom.findtext(f"{MD}educational/{MD}typicallearningtime/{MD}datetime")
    assert learning_time == "PT45M"


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(1, "PT1M"), (45, "PT45M"), (60, "PT1H"), (95, "PT1H35M"), (600, "PT10H")],
)
def test_iso_duration(minutes: int, expected: str) -> None:
    assert iso_duration(minutes) == expected


def test_text_is_escaped_and_round_trips(make_course: MakeCourse) -> None:
    title = 'Q&A: "<script>" & friends'
    root = _parse(build_manifest(make_course(title=title), FILES))
    assert root.findtext(f".//{CP}organization/{CP}title") == title
    assert root.findtext(f".//{CP}item/{CP}title") == title


def test_hrefs_are_percent_encoded_and_round_trip(
    scorm_schemas: Path, make_course: MakeCourse
) -> None:
    names = ["index.html", "assets/team photo.png", "assets/r\u00e9sum\u00e9 #1.pdf", "a%b.txt"]
    data = build_manifest(make_course(), names)
    _assert_valid(data)
    hrefs = [f.get("href") for f in _parse(data).iter(f"{CP}file")]
    assert "assets/team%20photo.png" in hrefs
    assert all(re.match(r"^[A-Za-z0-9._~/%-]+$", h) for h in hrefs)  # URL-safe ASCII
    assert sorted(unquote(h) for h in hrefs) == sorted(names)


def test_package_infrastructure_is_not_listed_as_content(make_course: MakeCourse) -> None:
    files = [*FILES, "imsmanifest.xml", *scormxsd.SCHEMA_FILES]
    hrefs = [f.get("href") for f in _parse(build_manifest(make_course(), files)).iter(f"{CP}file")]
    assert hrefs == sorted(FILES)


def test_deterministic_bytes_whatever_the_file_order(make_course: MakeCourse) -> None:
    course = make_course(keywords=["a", "b"], publisher="P", duration_minutes=30)
    assert build_manifest(course, FILES) == build_manifest(course, list(reversed(FILES)))


@pytest.mark.parametrize(
    ("files", "launch", "message"),
    [
        (["player.js"], "index.html", "launch page"),
        (["index.html", "index.html"], "index.html", "twice"),
        (["index.html", "../x.js"], "index.html", r"'\.\.'"),
        (["index.html", "a\\b.js"], "index.html", "backslash"),
        (["imsmanifest.xml"], "imsmanifest.xml", "launch page"),
    ],
)
def test_bad_file_lists_are_refused(
    make_course: MakeCourse, files: list[str], launch: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        build_manifest(make_course(), files, launch=launch)


def test_other_launch_page(make_course: MakeCourse) -> None:
    root = _parse(build_manifest(make_course(), ["start.html", "x.js"], launch="start.html"))
    assert root.find(f".//{CP}resource").get("href") == "start.html"
