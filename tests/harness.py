"""Running a real receiptd for tests, benchmarks and soak runs: config files and the daemon
process (its own process group, stderr collected, the bound port read from its ready line).
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(value)


def write_config(path: Path, sections: dict) -> Path:
    lines = []
    for section, keys in sections.items():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {toml_value(value)}" for key, value in keys.items())
    path.write_text("\n".join(lines) + "\n")
    return path


class Daemon:
    """``run_daemon.py`` in its own process group, its stderr collected."""

    def __init__(self, config_path: Path, env: dict | None = None):
        self.config_path = config_path
        self.env = {**os.environ, **(env or {})}
        self.proc: subprocess.Popen | None = None
        self.lines: list[str] = []
        self.port: int | None = None

    def start(self, timeout: float = 120) -> "Daemon":
        self.lines = []
        self.proc = subprocess.Popen(
            [sys.executable, str(REPO / "run_daemon.py"), "--config", str(self.config_path)],
            cwd=REPO,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._collect, args=(self.proc,), daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            matches = (re.search(r"receiptd ready: smtp=[\d.]+:(\d+)", line) for line in list(self.lines))
            match = next((m for m in matches if m), None)
            if match:
                self.port = int(match.group(1))
                return self
            if self.proc.poll() is not None:
                raise AssertionError("daemon exited during start-up:\n" + self.log)
            time.sleep(0.05)
        self.kill()  # never leave a half-started daemon behind
        raise AssertionError("daemon did not get ready:\n" + self.log)

    def _collect(self, proc) -> None:
        for line in proc.stderr:
            self.lines.append(line)

    @property
    def log(self) -> str:
        return "".join(self.lines)

    def terminate(self, timeout: float = 90) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout)

    def kill(self) -> None:
        """SIGKILL the daemon and its worker, as a power cut or the OOM killer would."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            try:
                self.terminate(60)
            except subprocess.TimeoutExpired:
                self.kill()
