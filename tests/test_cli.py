"""The `cbtforge` command line: what a designer types and what they see."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cbtforge.cli import main

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "courses" / "minimal"
BROKEN = ROOT / "tests" / "broken"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("command", ["build", "validate", "new", "schema", "fetch-schemas"])
def test_every_command_has_help(runner: CliRunner, command: str) -> None:
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage: main " + command in result.output or f"{command} [OPTIONS]" in result.output
    assert len(result.output.splitlines()) >= 4


@pytest.mark.parametrize("width", [80, 50])
def test_help_describes_each_command_in_a_short_complete_sentence(
    runner: CliRunner, width: int
) -> None:
    result = runner.invoke(main, ["--help"], terminal_width=width)
    assert result.exit_code == 0
    listing = " ".join(result.output.split("Commands:", 1)[1].split())
    assert "..." not in listing
    for name, command in main.commands.items():
        sentence = command.get_short_help_str(limit=1000)
        assert f"{name} {sentence}" in listing, (name, listing)
        assert sentence[0].isupper() and sentence.endswith("."), sentence
        assert len(sentence) <= 50, sentence


def test_version(runner: CliRunner) -> None:
    from importlib.metadata import version

    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"cbtforge, version {version('cbtforge')}\n"


def test_new_prints_a_build_command_that_can_be_pasted(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["new", "My Course"])
    assert result.exit_code == 0, result.output
    created, command = result.output.splitlines()
    assert created.startswith("Created ") and created.endswith(" in My Course. Build it with:")
    assert command == "  cbtforge build 'My Course'"
    # Pasted into a shell, the line is one command with the folder as one argument.
    words = shlex.split(command)
    assert words == ["cbtforge", "build", "My Course"]
    result = runner.invoke(main, [*words[1:], "-o", "course.zip"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "course.zip").is_file()


def test_validate_says_the_course_is_not_valid_and_build_that_nothing_was_written(
    runner: CliRunner,
) -> None:
    case = BROKEN / "missing-required-field"
    result = runner.invoke(main, ["validate", str(case)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "cbtforge: 1 error; the course is not valid."
    result = runner.invoke(main, ["build", str(case), "-o", os.devnull])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "cbtforge: 1 error; nothing was written."


def test_build_writes_default_output_and_says_what_it_wrote(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build", str(MINIMAL)])
    assert result.exit_code == 0, result.output
    zips = list((tmp_path / "dist").glob("*.zip"))
    assert len(zips) == 1
    line = result.output.strip()
    assert len(line.splitlines()) <= 2
    assert f"Wrote dist/{zips[0].name} (" in line
    assert "KB" in line and "screens" in line
    with zipfile.ZipFile(zips[0]) as archive:
        assert "imsmanifest.xml" in archive.namelist()


def test_build_to_explicit_output(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "nested" / "out.zip"
    result = runner.invoke(main, ["build", str(MINIMAL), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file()
    assert [p.name for p in out.parent.iterdir()] == ["out.zip"], "no temp files left"


def test_new_then_build_then_validate(runner: CliRunner, tmp_path: Path) -> None:
    course = tmp_path / "x"
    result = runner.invoke(main, ["new", str(course)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "x.zip"
    result = runner.invoke(main, ["build", str(course), "-o", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["validate", str(out)])
    assert result.exit_code == 0, result.output
    assert "valid SCORM 1.2 package" in result.output
    result = runner.invoke(main, ["validate", str(course)])
    assert result.exit_code == 0, result.output


def test_new_refuses_a_non_empty_folder(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(main, ["new", str(tmp_path)])
    assert result.exit_code == 1
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


def _broken_cases() -> list[Path]:
    return sorted(p for p in BROKEN.iterdir() if (p / "expected.txt").is_file())


def test_there_are_at_least_ten_broken_cases() -> None:
    assert len(_broken_cases()) >= 10


@pytest.mark.parametrize("case", _broken_cases(), ids=lambda p: p.name)
def test_broken_course_reports_file_line_and_exits_1(case: Path, tmp_path: Path) -> None:
    """Through a real process: exit code 1, each expected line on stderr, no traceback,
    and nothing written."""
    out = tmp_path / "out.zip"
    proc = subprocess.run(
        [sys.executable, "-m", "cbtforge", "build", ".", "-o", str(out)],
        cwd=case,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    for expected in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if expected.strip() and not expected.startswith("#"):
            assert expected in proc.stderr.splitlines(), (expected, proc.stderr)
    assert not out.exists()


def test_validate_reports_bad_zip(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("course/imsmanifest.xml", "<manifest/>")
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_schema_command_writes_files(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["schema", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "course.schema.json").is_file()


def test_python_dash_m_works() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cbtforge", "--help"], capture_output=True, text=True, check=True
    )
    assert "build" in proc.stdout and "validate" in proc.stdout
