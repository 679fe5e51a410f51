"""cbtforge installed like released software: the sdist and the wheel carry the player.

The repository is packaged the way ``python -m build`` does it (an sdist, then a wheel built
from that sdist), the wheel is installed with ``--no-deps`` into a fresh venv, and the
installed ``cbtforge`` builds the Arizona course from an unrelated working directory. Its zip
must be byte-identical to the editable install's.

The venv sees the test environment's dependencies (pydantic, lxml, ...) through a ``.pth``
line, so nothing is downloaded; it does not see the source tree: Python does not run the
``.pth`` files of a folder added that way, so the editable install's path hook stays out,
and the test checks that cbtforge and its player are imported from the venv itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from cbtforge.build import compile_course, player_sources, write_zip

ROOT = Path(__file__).resolve().parents[1]
ARIZONA = ROOT / "courses" / "arizona_quality_cs"
FEDERAL_CX = ROOT / "courses" / "federal_cx"


def _run(args: list[str | Path], **kwargs: object) -> str:
    proc = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, check=False, **kwargs
    )
    assert proc.returncode == 0, f"{args}:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def _player_files() -> dict[str, bytes]:
    """The player as the repository has it: every file the bundle is made of, and order.txt."""
    folder = ROOT / "player"
    paths = [folder / "order.txt", *player_sources(folder)]
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in paths}


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(sdist, wheel built from that sdist). No build isolation: the build backend comes
    from the test environment (pyproject.toml's test extra), so no network is needed."""
    out = tmp_path_factory.mktemp("dist")
    backend = "import sys; from setuptools import build_meta; build_meta.build_sdist(sys.argv[1])"
    _run([sys.executable, "-c", backend, out], cwd=ROOT)
    [sdist] = out.glob("cbtforge-*.tar.gz")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _run([*pip, "wheel", "-q", "--no-deps", "--no-index", "--no-build-isolation", "-w", out, sdist])
    [wheel] = out.glob("cbtforge-*.whl")
    return sdist, wheel


@pytest.fixture(scope="module")
def venv(dists: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel (installed with --no-deps); returns its bin folder."""
    home = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", "--without-pip", home])
    python = home / "bin" / "python"
    where = "import sysconfig; print(sysconfig.get_path('purelib'))"
    site = Path(_run([python, "-c", where]).strip())
    (site / "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--python", python]
    _run([*pip, "install", "-q", "--no-deps", "--no-index", dists[1]])
    return home / "bin"


def _clean_env() -> dict[str, str]:
    """The environment without anything that could lead back to the source tree."""
    drop = {"CBTFORGE_PLAYER_DIR", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}
    return {k: v for k, v in os.environ.items() if k not in drop}


def test_the_sdist_carries_the_player(dists: tuple[Path, Path]) -> None:
    sdist, _ = dists
    with tarfile.open(sdist) as archive:
        prefix = archive.getnames()[0].split("/")[0]
        packed = {}
        for name in _player_files():
            member = archive.extractfile(f"{prefix}/player/{name}")
            assert member is not None, name
            packed[name] = member.read()
        assert f"{prefix}/LICENSE" in archive.getnames()
    assert packed == _player_files()


def test_the_wheel_carries_the_player_and_the_license(dists: tuple[Path, Path]) -> None:
    _, wheel = dists
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        packed = {name: archive.read(f"cbtforge/player/{name}") for name in _player_files()}
        license_files = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        assert license_files, names
        assert archive.read(license_files[0]) == (ROOT / "LICENSE").read_bytes()
    assert packed == _player_files()
    # Only the player's own files go in: not the folder's README or Python caches.
    assert "cbtforge/player/README.md" not in names
    assert not [n for n in names if n.startswith("cbtforge/player/") and "__pycache__" in n]


def test_the_installed_wheel_builds_courses_byte_identical_to_the_editable_install(
    venv: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "somewhere-else"
    elsewhere.mkdir()
    env = _clean_env()

    # cbtforge and its player come from the venv, and nothing on sys.path leads to the sources.
    probe = (
        "import sys, cbtforge, cbtforge.build as b; "
        "print(cbtforge.__file__); print(b.player_dir()); print('\\n'.join(sys.path))"
    )
    module, player, *path = _run([venv / "python", "-c", probe], cwd=elsewhere, env=env).split()
    home = venv.parent.resolve()
    assert Path(module).resolve().is_relative_to(home), module
    assert Path(player).resolve().is_relative_to(home), player
    assert not [p for p in path if p and Path(p).resolve().is_relative_to(ROOT / "src")], path
    assert not [p for p in path if p and Path(p).resolve() == ROOT / "player"], path

    version = _run([venv / "cbtforge", "--version"], cwd=elsewhere, env=env)
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert version.strip() == f"cbtforge, version {declared['project']['version']}"

    out = _run([venv / "cbtforge", "build", ARIZONA], cwd=elsewhere, env=env)
    installed = elsewhere / "dist" / "arizona_quality_cs.zip"
    assert out.startswith("Wrote dist/arizona_quality_cs.zip ("), out

    editable = tmp_path / "editable.zip"
    write_zip(compile_course(ARIZONA), editable)
    assert installed.read_bytes() == editable.read_bytes()

    # federal_cx ships the modules Arizona does not (question types, ratings, glossary, media).
    _run([venv / "cbtforge", "build", FEDERAL_CX], cwd=elsewhere, env=env)
    write_zip(compile_course(FEDERAL_CX), editable)
    assert (elsewhere / "dist" / "federal_cx.zip").read_bytes() == editable.read_bytes()
