"""``cbtforge validate`` on SCORM 2004 packages: the 4th Edition schemas and the structure."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from cbtforge.build import compile_course, write_zip
from cbtforge.cli import main
from cbtforge.errors import Severity
from cbtforge.standards import scorm2004xsd
from cbtforge.validate import validate_package

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "courses" / "minimal"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scorm2004xsd.fetch_schemas()
    out = tmp_path_factory.mktemp("v2004") / "minimal-2004.zip"
    write_zip(compile_course(MINIMAL, standard="scorm2004"), out)
    return out


@pytest.fixture
def variant(built: Path, tmp_path: Path) -> Callable[..., Path]:
    """A copy of the built package with the manifest edited and files dropped or added."""

    def make(
        replace: tuple[str, str] | None = None,
        drop: str | None = None,
        add: dict[str, bytes] | None = None,
    ) -> Path:
        out = tmp_path / "variant.zip"
        with zipfile.ZipFile(built) as src, zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                if info.filename == drop:
                    continue
                data = src.read(info)
                if info.filename == "imsmanifest.xml" and replace:
                    text = data.decode()
                    assert replace[0] in text, replace[0]
                    data = text.replace(replace[0], replace[1], 1).encode()
                dst.writestr(info, data)
            for name, data in (add or {}).items():
                dst.writestr(name, data)
        return out

    return make


def _messages(path: Path) -> list[str]:
    return [p.format() for p in validate_package(path)]


def test_the_built_package_is_valid(built: Path) -> None:
    assert validate_package(built) == []
    result = CliRunner().invoke(main, ["validate", str(built)])
    assert result.exit_code == 0, result.output
    assert "valid SCORM 2004 4th Edition package (0 warnings)" in result.output


def test_a_schema_error_is_located(variant: Callable[..., Path]) -> None:
    path = variant(replace=('identifierref="', 'bogus="x" identifierref="'))
    (problem,) = [p for p in validate_package(path) if "XSD" in p.message]
    assert problem.line > 1 and "bogus" in problem.message
    assert "SCORM 2004 4th Edition CAM" in problem.message


def test_1_2_spelling_of_scormtype(variant: Callable[..., Path]) -> None:
    path = variant(
        replace=(
            'adlcp:scormType="sco"',
            'xmlns:a12="http://www.adlnet.org/xsd/adlcp_rootv1p2" a12:scormtype="sco"',
        )
    )
    text = "\n".join(_messages(path))
    assert "adlcp:scormtype; SCORM 2004 spells it adlcp:scormType" in text
    assert "SCORM 1.2 namespace" in text


@pytest.mark.parametrize(
    ("version", "severity"), [("1.2", Severity.ERROR), ("2004 3rd Edition", Severity.WARNING)]
)
def test_schemaversion(variant: Callable[..., Path], version: str, severity: Severity) -> None:
    path = variant(replace=(">2004 4th Edition<", f">{version}<"))
    found = [p for p in validate_package(path) if "schemaversion" in p.message]
    assert [p.severity for p in found] == [severity]
    assert found[0].line == 5  # the <schemaversion> line (after <schema>)


def test_shared_structure_rules_run_and_speak_of_2004(variant: Callable[..., Path]) -> None:
    path = variant(drop="player.css", add={"extra.txt": b"x"})
    problems = validate_package(path)
    missing = [p for p in problems if "player.css" in p.message]
    assert missing and missing[0].is_error and missing[0].line > 0
    assert any(p.path.endswith("!extra.txt") and not p.is_error for p in problems)
    assert not any("SCORM 1.2" in p.message for p in problems)


def test_the_bundled_2004_schema_files_are_infrastructure(tmp_path: Path) -> None:
    out = tmp_path / "with-schemas.zip"
    write_zip(compile_course(MINIMAL, standard="scorm2004", with_schemas=True), out)
    assert validate_package(out) == []


def test_without_the_schemas_a_warning_says_how_to_fix(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CBTFORGE_SCHEMA_DIR", str(tmp_path / "empty"))
    (problem,) = validate_package(built)
    assert not problem.is_error and "cbtforge fetch-schemas" in problem.message
