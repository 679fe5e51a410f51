"""The SCORM 2004 4th Edition standard: the manifest, the limits, the bundle, the CLI."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from cbtforge.build import PLAYER_JS, compile_course, write_zip
from cbtforge.cli import main
from cbtforge.errors import ProblemsError
from cbtforge.standards import get, scorm2004, scorm2004xsd
from cbtforge.standards.scorm2004xsd import ADLCP_NS, ADLNAV_NS, IMSCP_NS, IMSSS_NS, LOM_NS

ROOT = Path(__file__).resolve().parents[2]
ARIZONA = ROOT / "courses" / "arizona_quality_cs"
MINIMAL = ROOT / "tests" / "courses" / "minimal"
NOQUIZ = ROOT / "tests" / "courses" / "player-noquiz"
NOFIT = ROOT / "tests" / "courses" / "player-nofit"
NS = {"cp": IMSCP_NS, "adlcp": ADLCP_NS, "imsss": IMSSS_NS, "adlnav": ADLNAV_NS, "lom": LOM_NS}


@pytest.fixture(scope="session")
def schemas_2004() -> Path:
    """The official 4th Edition XSDs (downloaded once, verified, cached)."""
    return scorm2004xsd.fetch_schemas()


@pytest.fixture(scope="module")
def arizona_2004() -> bytes:
    return compile_course(ARIZONA, standard="scorm2004").entries["imsmanifest.xml"]


def _valid(manifest: bytes) -> None:
    validator = scorm2004xsd.load_validator()
    assert validator is not None
    document = etree.fromstring(manifest)
    assert validator.validate(document), validator.error_log


def test_arizona_manifest_is_valid_against_the_official_schemas(
    schemas_2004: Path, arizona_2004: bytes
) -> None:
    _valid(arizona_2004)


@pytest.mark.parametrize("course", [MINIMAL, NOQUIZ])
def test_other_courses_give_valid_manifests(schemas_2004: Path, course: Path) -> None:
    _valid(compile_course(course, standard="scorm2004").entries["imsmanifest.xml"])


def test_the_schemas_refuse_what_4th_edition_does_not_allow(
    schemas_2004: Path, arizona_2004: bytes
) -> None:
    """The validator is the real one: a measure outside -1..1 (imsss) fails it."""
    broken = arizona_2004.replace(
        b">0.8</imsss:minNormalizedMeasure>", b">80</imsss:minNormalizedMeasure>"
    )
    validator = scorm2004xsd.load_validator()
    assert validator is not None
    assert not validator.validate(etree.fromstring(broken))


def test_manifest_shape(arizona_2004: bytes) -> None:
    root = etree.fromstring(arizona_2004)
    assert root.tag == f"{{{IMSCP_NS}}}manifest"
    assert root.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "2004 4th Edition"
    lom = root.find("cp:metadata/lom:lom", NS)
    assert lom is not None
    title = lom.find("lom:general/lom:title/lom:string", NS)
    assert title is not None and title.text == "Providing Quality Customer Service"
    assert title.get("language") == "en-US"
    assert lom.findtext("lom:educational/lom:typicalLearningTime/lom:duration", namespaces=NS) == (
        "PT1H"
    )
    (resource,) = root.findall("cp:resources/cp:resource", NS)
    assert resource.get(f"{{{ADLCP_NS}}}scormType") == "sco"
    assert resource.get("href") == "index.html"
    files = [f.get("href") for f in resource.findall("cp:file", NS)]
    assert files == sorted(files) and {"index.html", "player.js", "player.css"} <= set(files)
    item = root.find("cp:organizations/cp:organization/cp:item", NS)
    assert item is not None and item.get("identifierref") == resource.get("identifier")
    primary = item.find("imsss:sequencing/imsss:objectives/imsss:primaryObjective", NS)
    assert primary is not None and primary.get("satisfiedByMeasure") == "true"
    assert primary.findtext("imsss:minNormalizedMeasure", namespaces=NS) == "0.8"
    hidden = item.findall("adlnav:presentation/adlnav:navigationInterface/adlnav:hideLMSUI", NS)
    assert [h.text for h in hidden] == ["continue", "previous"]


def test_a_course_without_quiz_has_no_objective(schemas_2004: Path) -> None:
    manifest = compile_course(NOQUIZ, standard="scorm2004").entries["imsmanifest.xml"]
    assert b"primaryObjective" not in manifest and b"minNormalizedMeasure" not in manifest


@pytest.mark.parametrize(
    ("score", "text"), [(80, "0.8"), (0, "0"), (100, "1"), (75, "0.75"), (66.5, "0.665")]
)
def test_normalized_measure(score: float, text: str) -> None:
    assert scorm2004.normalized_measure(score) == text


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_builds_are_byte_identical_twice(tmp_path: Path, standard: str) -> None:
    a, b = tmp_path / "a.zip", tmp_path / "b.zip"
    write_zip(compile_course(ARIZONA, standard=standard), a)
    write_zip(compile_course(ARIZONA, standard=standard), b)
    assert a.read_bytes() == b.read_bytes()


def test_the_bundle_carries_the_standards_adapter() -> None:
    js12 = compile_course(MINIMAL).entries[PLAYER_JS].decode()
    js04 = compile_course(MINIMAL, standard="scorm2004").entries[PLAYER_JS].decode()
    assert "API_1484_11" not in js12
    assert "API_1484_11" in js04
    # The 2004 layer sits on the shared core and the 1.2 adapter it extends.
    assert "LMSInitialize" in js04 and ".scorm2004=" in js04


def test_the_course_can_ask_for_2004_and_the_option_overrides_it(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(MINIMAL, course)
    yaml = course / "course.yaml"
    yaml.write_text("standard: scorm2004\n" + yaml.read_text(encoding="utf-8"), encoding="utf-8")
    assert compile_course(course).standard == "scorm2004"
    assert b"2004 4th Edition" in compile_course(course).entries["imsmanifest.xml"]
    assert compile_course(course, standard="scorm12").standard == "scorm12"


def test_a_mistyped_standard_in_the_course_is_a_located_error(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(MINIMAL, course)
    yaml = course / "course.yaml"
    yaml.write_text("standard: scorm2004e4\n" + yaml.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        compile_course(course)
    (problem,) = caught.value.problems
    assert problem.path.endswith("course.yaml") and problem.line == 1
    assert "scorm2004" in problem.message


def test_the_suspend_proof_uses_the_standards_limit() -> None:
    """player-nofit's worst case is over 1.2's 4,096 but well under 2004's 64,000."""
    with pytest.raises(ProblemsError, match=r"4,096 SCORM 1\.2 allows"):
        compile_course(NOFIT)
    assert compile_course(NOFIT, standard="scorm2004").standard == "scorm2004"
    assert get("scorm2004").suspend_limit == 64000 and get("scorm12").suspend_limit == 4096


def test_cli_build_standard(tmp_path: Path, schemas_2004: Path) -> None:
    out = tmp_path / "az.zip"
    result = CliRunner().invoke(
        main, ["build", str(ARIZONA), "--standard", "scorm2004", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "SCORM 2004 4th Edition" in result.output
    with zipfile.ZipFile(out) as zf:
        _valid(zf.read("imsmanifest.xml"))
    bad = CliRunner().invoke(main, ["build", str(ARIZONA), "--standard", "scorm3"])
    assert bad.exit_code == 2 and "scorm3" in bad.output


def test_with_schemas_puts_the_2004_files_at_the_root(schemas_2004: Path) -> None:
    entries = compile_course(MINIMAL, standard="scorm2004", with_schemas=True).entries
    assert set(scorm2004xsd.SCHEMA_FILES) <= set(entries)
    manifest = entries["imsmanifest.xml"]
    assert b'href="imscp_v1p1.xsd"' not in manifest  # infrastructure, not SCO content
    _valid(manifest)
