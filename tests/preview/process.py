"""``cbtforge preview`` as a subprocess, as a designer runs it: its output read line by line
(in threads, so a test never blocks on a pipe) and Ctrl-C sent as SIGINT."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

CBTFORGE = Path(sys.executable).with_name("cbtforge")
TIMEOUT = 30.0


class PreviewProcess:
    def __init__(self, course_dir: Path, *args: str, cwd: Path) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [str(CBTFORGE), "preview", str(course_dir), *args],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[tuple[str, str]] = queue.Queue()
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        for name, pipe, sink in (
            ("out", self.proc.stdout, self.stdout),
            ("err", self.proc.stderr, self.stderr),
        ):
            threading.Thread(target=self._read, args=(name, pipe, sink), daemon=True).start()
        self.url = ""

    def _read(self, name: str, pipe: object, sink: list[str]) -> None:
        for line in pipe:  # type: ignore[attr-defined]
            sink.append(line.rstrip("\n"))
            self.lines.put((name, line.rstrip("\n")))

    def expect(self, pattern: str, stream: str | None = None) -> str:
        """The next line (of ``stream``: "out" or "err") matching ``pattern``."""
        seen = []
        while True:
            try:
                name, line = self.lines.get(timeout=TIMEOUT)
            except queue.Empty:
                raise AssertionError(
                    f"no line matching {pattern!r}; saw {seen}; returncode {self.proc.poll()}"
                ) from None
            seen.append((name, line))
            if (stream is None or name == stream) and re.search(pattern, line):
                return line

    def wait_for_url(self) -> str:
        line = self.expect(r"^Serving .* at http://127\.0\.0\.1:\d+/", "out")
        self.url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)  # type: ignore[union-attr]
        return self.url

    def interrupt(self) -> int:
        """Ctrl-C; returns the exit code."""
        self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(TIMEOUT)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(TIMEOUT)
