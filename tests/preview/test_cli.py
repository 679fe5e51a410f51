"""``cbtforge preview`` as a process: the URL it prints, the lines it prints on every build,
a clean stop on Ctrl-C, a clear message when the port is taken."""

from __future__ import annotations

import json
import socket
import threading
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import MINIMAL
from .process import CBTFORGE, PreviewProcess
from .test_server import break_course, fix_course


@pytest.fixture
def running(
    course_copy: Callable[[Path], Path], tmp_path: Path
) -> Iterator[tuple[PreviewProcess, Path]]:
    course = course_copy(MINIMAL)
    process = PreviewProcess(course, "--port", "0", cwd=tmp_path)
    yield process, course
    process.kill()


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def test_prints_url_rebuilds_and_reports_problems(running: tuple[PreviewProcess, Path]) -> None:
    process, course = running
    assert process.expect(r"^\[\d\d:\d\d:\d\d\] Built in \d+ ms\.$", "out")
    url = process.wait_for_url()
    assert process.expect(r"press Ctrl-C to stop", "out")
    assert get_json(url + "_preview/api/status")["build"] == 1

    break_course(course)
    line = process.expect(r"unknown screen type", "err")
    assert line.startswith("course/chapters/02-practice.yaml:10:11: unknown screen type 'pol'")
    assert process.expect(
        r"Build failed \(chapters/02-practice\.yaml\): 1 error; "
        r"still serving the last good build\.$",
        "err",
    )
    fix_course(course)
    assert process.expect(r"Rebuilt in \d+ ms \(chapters/02-practice\.yaml\)\.$", "out")
    assert get_json(url + "_preview/api/status")["build"] == 2

    # Ctrl-C while the page holds a long poll: a clean stop, no traceback.
    waiting = threading.Thread(
        target=lambda: urllib.request.urlopen(url + "_preview/api/wait?since=2", timeout=30).read()
    )
    waiting.start()
    assert process.interrupt() == 0
    waiting.join(30)
    assert process.stdout[-1] == "Stopped."
    assert not any("Traceback" in line for line in process.stderr), process.stderr


def test_port_in_use(course_copy: Callable[[Path], Path], tmp_path: Path) -> None:
    course = course_copy(MINIMAL)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = PreviewProcess(course, "--port", str(port), cwd=tmp_path)
        code = process.proc.wait(30)
    assert code == 1
    process.expect(
        rf"^cbtforge: cannot listen on 127\.0\.0\.1:{port} \(.*\); choose another "
        r"port with --port \(0 picks a free one\)$",
        "err",
    )


def test_missing_folder_and_bad_profile(tmp_path: Path) -> None:
    import subprocess

    missing = subprocess.run(
        [str(CBTFORGE), "preview", str(tmp_path / "nope")], capture_output=True, text=True
    )
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    bad = subprocess.run(
        [str(CBTFORGE), "preview", str(MINIMAL), "--profile", "blackboard"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "'blackboard' is not one of" in bad.stderr
