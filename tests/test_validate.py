"""``validate_package``: a good package passes; each crafted mistake names its rule."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from cbtforge.course import Course
from cbtforge.errors import Problem, Severity
from cbtforge.manifest import build_manifest
from cbtforge.package import write_zip
from cbtforge.validate import validate_package

HTML = b"<!doctype html>\n<html><head><script src='player/player.js'></script></head></html>\n"
CONTENT = {
    "index.html": HTML,
    "player/player.js": b"window.player = {};\n",
    "assets/logo.png": b"\x89PNG\r\n\x1a\n",
}
MANIFEST = "course.zip!imsmanifest.xml"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # problems then name "course.zip!..."


@pytest.fixture
def manifest(make_course: Callable[..., Course]) -> str:
    return build_manifest(make_course(), sorted(CONTENT)).decode()


def _zip(entries: dict[str, bytes], name: str = "course.zip") -> Path:
    """A zip written with plain zipfile, so it may hold anything write_zip refuses."""
    path = Path(name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in entries.items():
            archive.writestr(member, data)
    return path


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, f"test setup: {old!r} not in the manifest"
    return text.replace(old, new)


def _package(manifest: str, **changes: bytes | None) -> Path:
    """The good package with the given manifest; ``changes`` add (bytes) or drop (None) files."""
    entries = {**CONTENT, "imsmanifest.xml": manifest.encode()}
    for name, data in changes.items():
        if data is None:
            del entries[name]
        else:
            entries[name] = data
    return _zip(entries)


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def _with(problems: list[Problem], text: str) -> list[Problem]:
    found = [p for p in problems if text in p.message]
    assert found, f"no problem mentions {text!r}:\n" + "\n".join(p.format() for p in problems)
    return found


# --- good packages ----------------------------------------------------------------------


def test_good_package_has_no_problems(scorm_schemas: Path, manifest: str) -> None:
    assert validate_package(_package(manifest)) == []


def test_package_written_by_write_zip_passes(
    scorm_schemas: Path, make_course: Callable[..., Course]
) -> None:
    content = {**CONTENT, "assets/team photo \u00e9.png": b"png", "a%b.txt": b"x"}
    course = make_course(keywords=["k"], publisher="P, Inc", duration_minutes=20)
    entries = {**content, "imsmanifest.xml": build_manifest(course, sorted(content))}
    write_zip(entries, Path("course.zip"))
    assert validate_package(Path("course.zip")) == []


# --- the zip ------------------------------------------------------------------------------


def test_not_a_zip(tmp_path: Path) -> None:
    Path("course.zip").write_text("hello")
    (problem,) = validate_package(Path("course.zip"))
    assert problem.is_error and "not a zip file" in problem.message
    assert problem.path == "course.zip"


def test_missing_file_or_folder(tmp_path: Path) -> None:
    (problem,) = validate_package(Path("nope.zip"))
    assert problem.is_error and "does not exist" in problem.message
    (problem,) = validate_package(tmp_path)
    assert problem.is_error and "is a folder" in problem.message


def test_corrupt_member_is_reported(manifest: str) -> None:
    path = _package(manifest)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("player/player.js")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 2] ^= 0xFF  # flip compressed bytes inside one member
    path.write_bytes(bytes(data))
    problems = validate_package(path)
    (corrupt,) = _with(problems, "corrupt")
    assert corrupt.path == "course.zip!player/player.js" and corrupt.is_error


def test_manifest_in_a_subfolder_says_the_parent_folder_was_zipped(manifest: str) -> None:
    entries = {**CONTENT, "imsmanifest.xml": manifest.encode()}
    problems = validate_package(_zip({f"course/{k}": v for k, v in entries.items()}))
    (problem,) = _errors(problems)  # the manifest is still analysed relative to course/
    assert problem.path == "course.zip"
    assert "parent folder" in problem.message and "'course/'" in problem.message
    assert "(P1" in problem.message


def test_manifest_in_a_subfolder_is_still_checked_relative_to_it(manifest: str) -> None:
    entries = {**CONTENT, "imsmanifest.xml": manifest.encode()}
    del entries["assets/logo.png"]
    problems = validate_package(_zip({f"course/{k}": v for k, v in entries.items()}))
    (missing,) = _with(problems, "not in the zip")
    assert missing.path == "course.zip!course/imsmanifest.xml"
    assert "'course/assets/logo.png'" in missing.message


def test_no_manifest_at_all() -> None:
    (problem,) = validate_package(_zip(dict(CONTENT)))
    assert "no imsmanifest.xml" in problem.message and "(P1)" in problem.message


def test_manifest_name_case(manifest: str) -> None:
    path = _zip({**CONTENT, "IMSManifest.xml": manifest.encode()})
    (problem,) = _errors(validate_package(path))
    assert problem.path == "course.zip!IMSManifest.xml" and "rename" in problem.message


def test_dotdot_in_a_name(manifest: str) -> None:
    problems = validate_package(_package(manifest, **{"assets/../../evil.js": b"x"}))
    (problem,) = _with(problems, "'..'")
    assert problem.is_error and problem.path == "course.zip!assets/../../evil.js"
    assert "(P2)" in problem.message


def test_duplicate_names_differing_in_case(manifest: str) -> None:
    problems = validate_package(_package(manifest, **{"Assets/Logo.png": b"x"}))
    (problem,) = _with(problems, "differs only in case")
    assert problem.is_error and "(P2)" in problem.message


def test_macosx_junk(manifest: str) -> None:
    problems = validate_package(
        _package(manifest, **{"__MACOSX/._index.html": b"", "assets/.DS_Store": b""})
    )
    junk = _with(problems, "junk file")
    assert {p.path for p in junk} == {
        "course.zip!__MACOSX/._index.html",
        "course.zip!assets/.DS_Store",
    }
    assert all(p.is_error and "(P6)" in p.message for p in junk)
    assert not [p for p in problems if "no <file> lists it" in p.message]  # not P4 too


def test_unlisted_file_is_only_a_warning(scorm_schemas: Path, manifest: str) -> None:
    problems = validate_package(_package(manifest, **{"notes.txt": b"x"}))
    (problem,) = problems
    assert problem.severity is Severity.WARNING
    assert problem.path == "course.zip!notes.txt" and "(P4" in problem.message


def test_unsupported_compression(manifest: str) -> None:
    path = Path("course.zip")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in {**CONTENT, "imsmanifest.xml": manifest.encode()}.items():
            method = zipfile.ZIP_BZIP2 if name == "assets/logo.png" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    (problem,) = _with(validate_package(path), "compression method")
    assert problem.path == "course.zip!assets/logo.png" and problem.is_error


# --- hrefs and files -------------------------------------------------------------------


def test_listed_file_missing_from_the_zip(manifest: str) -> None:
    problems = validate_package(_package(manifest, **{"assets/logo.png": None}))
    (problem,) = _errors(problems)
    assert "'assets/logo.png', which is not in the zip" in problem.message
    assert "(P3" in problem.message
    line = manifest.splitlines().index('      <file href="assets/logo.png"/>') + 1
    assert (problem.path, problem.line, problem.col) == (MANIFEST, line, 13)


def test_case_mismatch_names_the_file_found(manifest: str) -> None:
    problems = validate_package(
        _package(manifest, **{"assets/logo.png": None, "assets/Logo.PNG": b"png"})
    )
    (problem,) = _errors(problems)
    assert "does not match the case of 'assets/Logo.PNG'" in problem.message
    assert "(P3)" in problem.message


def test_href_with_a_space(manifest: str) -> None:
    text = _edit(manifest, 'href="assets/logo.png"', 'href="assets/my logo.png"')
    problems = validate_package(
        _package(text, **{"assets/logo.png": None, "assets/my logo.png": b"png"})
    )
    (problem,) = _errors(problems)  # the file is found: one error, not two
    assert "contains a space" in problem.message and "%20" in problem.message


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("../assets/logo.png", "contains '..'"),
        ("/assets/logo.png", "starts with '/'"),
        ("https://cdn.example.com/logo.png", "absolute URL"),
        ("assets\\logo.png", "backslash"),
    ],
)
def test_bad_hrefs(manifest: str, href: str, expected: str) -> None:
    text = _edit(manifest, 'href="assets/logo.png"', f'href="{href}"')
    problems = validate_package(_package(text))
    (problem,) = _with(problems, expected)
    assert problem.is_error and problem.path == MANIFEST


def test_xml_base_on_the_resource_is_applied(scorm_schemas: Path, manifest: str) -> None:
    text = _edit(manifest, 'type="webcontent"', 'type="webcontent" xml:base="content/"')
    entries = {f"content/{k}": v for k, v in CONTENT.items()}
    path = _zip({**entries, "imsmanifest.xml": text.encode()})
    assert validate_package(path) == []


def test_xml_base_on_resources_is_a_moodle_warning(manifest: str) -> None:
    text = _edit(manifest, "<resources>", '<resources xml:base="content/">')
    entries = {f"content/{k}": v for k, v in CONTENT.items()}
    problems = validate_package(_zip({**entries, "imsmanifest.xml": text.encode()}))
    assert _errors(problems) == []
    (problem,) = _with(problems, "Moodle uses only the <resource>'s xml:base")
    assert problem.severity is Severity.WARNING and "(M10)" in problem.message


def test_resource_type_other_than_webcontent(manifest: str) -> None:
    text = _edit(manifest, 'type="webcontent"', 'type="text/html"')
    (problem,) = _with(validate_package(_package(text)), "type='text/html'")
    assert problem.severity is Severity.WARNING


def test_launch_page_that_is_not_html(manifest: str) -> None:
    problems = validate_package(_package(manifest, **{"index.html": b"%PDF-1.4 ..."}))
    (problem,) = _errors(problems)
    assert "not an HTML page" in problem.message


def test_external_script_is_a_warning_in_the_page(manifest: str) -> None:
    page = HTML + b'<script src="https://cdn.example.com/jquery.js"></script>\n'
    problems = validate_package(_package(manifest, **{"index.html": page}))
    (problem,) = _with(problems, "from another host")
    assert problem.severity is Severity.WARNING
    assert (problem.path, problem.line, problem.col) == ("course.zip!index.html", 3, 14)


def test_tampered_bundled_schema_file_is_a_warning(manifest: str) -> None:
    problems = validate_package(_package(manifest, **{"ims_xml.xsd": b"<xsd:schema/>"}))
    (problem,) = problems if len(problems) == 1 else _with(problems, "differs")
    assert problem.severity is Severity.WARNING and "(P5)" in problem.message


# --- manifest rules ---------------------------------------------------------------------


def test_malformed_xml_is_located(manifest: str) -> None:
    text = _edit(manifest, "<title>Customer Service Basics</title>", "<title>Q & A</title>")
    (problem,) = validate_package(_package(text))
    assert problem.path == MANIFEST and problem.line > 1 and "not well-formed" in problem.message


def test_dangling_identifierref(scorm_schemas: Path, manifest: str) -> None:
    text = _edit(manifest, 'identifierref="customer-service-sco"', 'identifierref="missing"')
    problems = validate_package(_package(text))
    (problem,) = _errors(problems)  # the XSD does not see this one
    assert "identifierref 'missing' names no <resource>" in problem.message
    assert "(M7" in problem.message
    line = next(i for i, t in enumerate(text.splitlines(), 1) if 'identifierref="missing"' in t)
    col = text.splitlines()[line - 1].index("identifierref=") + 1
    assert (problem.line, problem.col) == (line, col)


def test_duplicate_identifier_across_item_and_resource(manifest: str) -> None:
    text = _edit(
        manifest, 'identifier="customer-service-item"', 'identifier="customer-service-sco"'
    )
    problems = validate_package(_package(text))
    (problem,) = _with(problems, "already used")
    assert "(M4" in problem.message and problem.is_error
    lines = [
        i for i, t in enumerate(text.splitlines(), 1) if 'identifier="customer-service-sco"' in t
    ]
    item_line, resource_line = lines
    assert problem.line == resource_line  # located at the second use...
    assert f"<item> on line {item_line}" in problem.message  # ...naming the first


def test_identifier_that_is_not_an_ncname(manifest: str) -> None:
    text = manifest.replace("customer-service-item", "1 item")
    (problem,) = _with(validate_package(_package(text)), "not an XML NCName")
    assert "(M4" in problem.message


def test_schemaversion_1_3_is_caught_although_the_xsd_accepts_it(
    scorm_schemas: Path, manifest: str
) -> None:
    text = _edit(manifest, "<schemaversion>1.2<", "<schemaversion>1.3<")
    (problem,) = validate_package(_package(text))
    assert "declares SCORM 2004" in problem.message and "(M3)" in problem.message
    assert not problem.message.startswith("XSD")


def test_missing_metadata(manifest: str) -> None:
    start, end = manifest.index("<metadata>"), manifest.index("</metadata>") + len("</metadata>")
    problems = validate_package(_package(manifest[:start] + manifest[end:]))
    (problem,) = _with(problems, "no <metadata>")
    assert "(M3" in problem.message


@pytest.mark.parametrize(
    ("value", "severity", "text"),
    [
        ("eighty", Severity.ERROR, "is not a number"),
        ("150", Severity.ERROR, "outside 0-100"),
        ("85.5", Severity.WARNING, "not a plain integer"),
    ],
)
def test_masteryscore_values(
    scorm_schemas: Path, manifest: str, value: str, severity: Severity, text: str
) -> None:
    edited = _edit(manifest, ">80</adlcp:masteryscore>", f">{value}</adlcp:masteryscore>")
    (problem,) = validate_package(_package(edited))  # the XSD takes any string up to 200
    assert problem.severity is severity and text in problem.message and "(M11" in problem.message


def test_masteryscore_on_the_resource(manifest: str) -> None:
    text = _edit(manifest, "        <adlcp:masteryscore>80</adlcp:masteryscore>\n", "")
    text = _edit(
        text,
        '      <file href="assets/logo.png"/>',
        '      <file href="assets/logo.png"/>\n      <adlcp:masteryscore>80</adlcp:masteryscore>',
    )
    (problem,) = _with(validate_package(_package(text)), "belongs on the <item>")
    assert "(M11" in problem.message


@pytest.mark.parametrize("prefix", ["ADLCP", "scorm"])
def test_adlcp_prefix_other_than_adlcp(scorm_schemas: Path, manifest: str, prefix: str) -> None:
    text = manifest.replace("adlcp:", f"{prefix}:").replace("xmlns:adlcp", f"xmlns:{prefix}")
    problems = validate_package(_package(text))
    (problem,) = problems  # valid XML and XSD-valid: only the structural rule sees it
    assert f"bound to prefix '{prefix}'" in problem.message and "(M2" in problem.message
    assert (problem.line, problem.col) == (2, 1)


def test_prefixed_imscp_elements(manifest: str) -> None:
    text = manifest.replace("<", "<cp:").replace("<cp:/", "</cp:").replace("<cp:?", "<?")
    text = text.replace("<cp:/cp:", "</cp:").replace("</cp:cp:", "</cp:")
    text = text.replace("<cp:adlcp:", "<adlcp:").replace("</cp:adlcp:", "</adlcp:")
    text = text.replace("<cp:imsmd:", "<imsmd:").replace("</cp:imsmd:", "</imsmd:")
    text = _edit(text, 'xmlns="http://www.imsproject', 'xmlns:cp="http://www.imsproject')
    problems = validate_package(_package(text))
    (problem,) = _with(problems, "use the prefix 'cp:'")
    assert "(M2" in problem.message


def test_camel_case_scormtype(scorm_schemas: Path, manifest: str) -> None:
    text = _edit(manifest, "adlcp:scormtype=", "adlcp:scormType=")
    problems = validate_package(_package(text))
    (structural,) = _with(problems, "SCORM 2004 spelling")
    assert "(M8" in structural.message
    assert _with(problems, "XSD:")  # the XSD rejects it too
    assert not [p for p in problems if "has no adlcp:scormtype" in p.message]


def test_missing_scormtype(scorm_schemas: Path, manifest: str) -> None:
    text = _edit(manifest, ' adlcp:scormtype="sco"', "")
    (problem,) = validate_package(_package(text))  # XSD-valid: anyAttribute, optional
    assert "has no adlcp:scormtype" in problem.message and "asset" in problem.message


def test_upper_case_scormtype_value(manifest: str) -> None:
    text = _edit(manifest, 'adlcp:scormtype="sco"', 'adlcp:scormtype="SCO"')
    (problem,) = _with(validate_package(_package(text)), "write lower case")
    assert "(M8)" in problem.message


def test_scorm_2004_namespace(manifest: str) -> None:
    text = _edit(
        manifest,
        'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"',
        'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" '
        'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"',
    )
    (problem,) = _with(validate_package(_package(text)), "SCORM 2004 namespace")
    assert "imsss" in problem.message and "(M14" in problem.message


def test_scorm_2004_manifest(manifest: str) -> None:
    text = manifest.replace(
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "http://www.imsglobal.org/xsd/imscp_v1p1"
    )
    problems = _errors(validate_package(_package(text)))
    # Checked as SCORM 2004 (tests/standards/test_validate2004.py): what is left of 1.2 is named.
    assert _with(problems, "schemaversion is '1.2'")
    assert _with(problems, "SCORM 2004 spells it adlcp:scormType")


def test_default_organization_missing(manifest: str) -> None:
    text = _edit(manifest, 'default="customer-service-org"', 'default="other-org"')
    (problem,) = _with(validate_package(_package(text)), "names no <organization>")
    assert "(M5)" in problem.message


def test_item_without_title(manifest: str) -> None:
    text = _edit(manifest, "        <title>Customer Service Basics</title>\n", "")
    (problem,) = _with(validate_package(_package(text)), "<item> has no <title>")
    assert "(M6)" in problem.message


def test_launch_page_not_listed_as_a_file(manifest: str) -> None:
    text = _edit(manifest, '      <file href="index.html"/>\n', "")
    problems = validate_package(_package(text))
    (problem,) = _with(problems, "is not listed as a <file>")
    assert "(M9" in problem.message


def test_parameters_without_a_separator(manifest: str) -> None:
    text = _edit(
        manifest,
        'identifierref="customer-service-sco"',
        'identifierref="customer-service-sco" parameters="page=2"',
    )
    (problem,) = _with(validate_package(_package(text)), "parameters='page=2'")
    assert problem.severity is Severity.WARNING and "(M13)" in problem.message


def test_maxtimeallowed_in_iso_format(manifest: str) -> None:
    text = _edit(
        manifest,
        "<adlcp:masteryscore>80</adlcp:masteryscore>",
        "<adlcp:masteryscore>80</adlcp:masteryscore><adlcp:maxtimeallowed>PT1H</adlcp:maxtimeallowed>",
    )
    (problem,) = _with(validate_package(_package(text)), "not a CMITimespan")
    assert "(M12" in problem.message


# --- without the schema files -----------------------------------------------------------


def test_without_schemas_one_warning_and_structural_checks_still_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, manifest: str
) -> None:
    empty = tmp_path / "no-schemas"
    empty.mkdir()
    monkeypatch.setenv("CBTFORGE_SCHEMA_DIR", str(empty))

    good = validate_package(_package(manifest))
    (warning,) = good
    assert warning.severity is Severity.WARNING and warning.path == MANIFEST
    assert "schema files are not installed" in warning.message
    assert "cbtforge fetch-schemas" in warning.message
    assert "structural check still ran" in warning.message

    text = _edit(manifest, "<schemaversion>1.2<", "<schemaversion>1.3<")
    problems = validate_package(_package(text))
    assert len([p for p in problems if "not installed" in p.message]) == 1
    assert _with(problems, "declares SCORM 2004")[0].is_error
