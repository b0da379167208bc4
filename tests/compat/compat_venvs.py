"""Cached virtualenvs for the published Toggl clients (real-clients.md §1.2).

One venv per client: their pins conflict (httpx, click, a top-level module named `toggl`).
They live under .cache/compat-venvs/ (gitignored) and are reused between runs.
"""

from __future__ import annotations

import fcntl
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
VENV_ROOT = REPO_ROOT / ".cache" / "compat-venvs"
INSTALL_TIMEOUT = 600.0

# client name -> (pinned requirement, module whose import proves the install works)
CLIENTS: dict[str, tuple[str, str]] = {
    "togglcli": ("togglcli==4.0.1", "toggl.toggl"),
    "toggl-python": ("toggl-python==0.3.2", "toggl_python.entities.user"),
}


def base_python() -> str:
    """The clients are documented as run on Python 3.11; prefer exactly that interpreter."""
    pinned = Path("/root/.pyenv/versions/3.11.7/bin/python3.11")
    if pinned.exists():
        return str(pinned)
    return shutil.which("python3.11") or sys.executable


def tail(text: str, lines: int = 60) -> str:
    return "\n".join(text.splitlines()[-lines:])


@dataclass(frozen=True)
class ClientVenv:
    name: str
    path: Path

    @property
    def python(self) -> Path:
        return self.path / "bin" / "python"


@contextmanager
def _exclusive_lock(lock_path: Path) -> Iterator[None]:
    # flock, so parallel pytest runs (or xdist workers) never build the same venv twice.
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run_checked(cmd: list[str], what: str) -> None:
    proc = subprocess.run(
        cmd, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, stdin=subprocess.DEVNULL
    )
    if proc.returncode != 0:
        raise RuntimeError(
            f"{what} failed (exit {proc.returncode}): {cmd}\n"
            f"stdout:\n{tail(proc.stdout)}\nstderr:\n{tail(proc.stderr)}"
        )


def ensure_client_venv(name: str) -> ClientVenv:
    """Create (or reuse) the venv for one client; rebuild when the marker does not match."""
    requirement, probe_module = CLIENTS[name]
    python = base_python()
    venv = ClientVenv(name, VENV_ROOT / name)
    marker = venv.path / ".punchclock-compat-installed"
    # The marker records what was installed with which interpreter: change either and it rebuilds.
    expected = f"{requirement}\n{python}\n"
    with _exclusive_lock(VENV_ROOT / f"{name}.lock"):
        if venv.python.exists() and marker.exists() and marker.read_text() == expected:
            return venv
        marker.unlink(missing_ok=True)  # a half-built venv must never look complete
        _run_checked([python, "-m", "venv", "--clear", str(venv.path)], f"creating venv {name}")
        pip = [str(venv.python), "-m", "pip", "--disable-pip-version-check", "--no-input"]
        _run_checked([*pip, "install", requirement], f"pip install {requirement}")
        _run_checked([str(venv.python), "-c", f"import {probe_module}"], f"import {probe_module}")
        marker.write_text(expected)
    return venv
