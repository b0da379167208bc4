"""Cached virtualenvs for the published Toggl clients (real-clients.md §1.2).

One venv per client: their pins conflict (httpx, click, a top-level module named `toggl`),
and tgl-cli refuses any Python older than 3.13 while the others are documented on 3.11.
They live under .cache/compat-venvs/ (gitignored) and are reused between runs.
"""

from __future__ import annotations

import fcntl
import os
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
PROBE_TIMEOUT = 60.0


class InterpreterUnavailable(RuntimeError):
    """No interpreter of the version a client requires exists on this machine."""


@dataclass(frozen=True)
class ClientSpec:
    requirement: str  # the pinned requirement, installed unmodified
    probe_module: str  # whose import proves the install works
    python: str  # "X.Y": the interpreter the client is documented on
    # Required: the client refuses anything else (tgl-cli). Otherwise, as before, fall back
    # to the interpreter running the tests when that exact version is missing.
    required: bool = False


CLIENTS: dict[str, ClientSpec] = {
    "togglcli": ClientSpec("togglcli==4.0.1", "toggl.toggl", "3.11"),
    "toggl-python": ClientSpec("toggl-python==0.3.2", "toggl_python.entities.user", "3.11"),
    "toggl-api-wrapper": ClientSpec("toggl-api-wrapper==2.2.0", "toggl_api", "3.11"),
    "tgl-cli": ClientSpec("tgl-cli==0.3.0", "tgl.cli", "3.13", required=True),
}

# The exact interpreters the reference document was written against, when present.
PINNED_PYTHONS = {
    "3.11": Path("/root/.pyenv/versions/3.11.7/bin/python3.11"),
    "3.13": Path("/root/.pyenv/versions/3.13.0/bin/python3.13"),
}


def tail(text: str, lines: int = 60) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _real_interpreter(candidate: str | None, version: str) -> str | None:
    """The interpreter's own sys.executable if it runs and is `version`, else None.

    Resolving through the interpreter itself matters for pyenv shims: a shim named
    python3.13 exists even when no 3.13 is enabled, and then fails when run.
    """
    if not candidate:
        return None
    code = "import sys; print('%d.%d' % sys.version_info[:2]); print(sys.executable)"
    try:
        proc = subprocess.run(
            [candidate, "-c", code],
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = proc.stdout.split()
    if proc.returncode != 0 or len(lines) != 2 or lines[0] != version:
        return None
    return lines[1]


def _uv_find(version: str) -> str | None:
    """Last resort: let uv look for an already installed interpreter (it never downloads here)."""
    uv = shutil.which("uv")
    if uv is None:
        tool_venv = VENV_ROOT / "_uv"
        uv_path = tool_venv / "bin" / "uv"
        with _exclusive_lock(VENV_ROOT / "_uv.lock"):
            if not uv_path.exists():
                _run_checked([sys.executable, "-m", "venv", "--clear", str(tool_venv)], "uv venv")
                pip = [str(tool_venv / "bin" / "python"), "-m", "pip", "--no-input", "-q"]
                _run_checked([*pip, "install", "uv"], "pip install uv")
        uv = str(uv_path)
    # pyenv shims for versions not enabled fail when run, and uv stops at the first failure.
    path = os.pathsep.join(
        p for p in os.environ.get("PATH", "").split(os.pathsep) if "pyenv/shims" not in p
    )
    env = {**os.environ, "PATH": path, "UV_PYTHON_DOWNLOADS": "never"}
    try:
        proc = subprocess.run(
            [uv, "python", "find", version],
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT,
            stdin=subprocess.DEVNULL,
            env=env,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    return proc.stdout.strip() or None


def find_python(version: str) -> str:
    """The pinned pyenv build, else `pythonX.Y` on PATH, else whatever uv can find."""
    pinned = PINNED_PYTHONS.get(version)
    for candidate in (str(pinned) if pinned else None, shutil.which(f"python{version}")):
        found = _real_interpreter(candidate, version)
        if found:
            return found
    try:
        found = _real_interpreter(_uv_find(version), version)
    except RuntimeError as exc:  # uv itself could not be installed
        raise InterpreterUnavailable(f"no Python {version} found, and uv failed: {exc}") from exc
    if found:
        return found
    where = f"not at {pinned}, " if pinned else ""
    raise InterpreterUnavailable(
        f"no Python {version} interpreter: {where}no working python{version} on PATH, "
        f"and `uv python find {version}` found none"
    )


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
    """Create (or reuse) the venv for one client; rebuild when the marker does not match.

    Raises InterpreterUnavailable when the client's Python version is not installed.
    """
    spec = CLIENTS[name]
    try:
        python = find_python(spec.python)
    except InterpreterUnavailable:
        if spec.required:
            raise
        python = sys.executable
    venv = ClientVenv(name, VENV_ROOT / name)
    marker = venv.path / ".punchclock-compat-installed"
    # The marker records what was installed with which interpreter: change either and it rebuilds.
    expected = f"{spec.requirement}\n{python}\n"
    with _exclusive_lock(VENV_ROOT / f"{name}.lock"):
        if venv.python.exists() and marker.exists() and marker.read_text() == expected:
            return venv
        marker.unlink(missing_ok=True)  # a half-built venv must never look complete
        _run_checked([python, "-m", "venv", "--clear", str(venv.path)], f"creating venv {name}")
        pip = [str(venv.python), "-m", "pip", "--disable-pip-version-check", "--no-input"]
        _run_checked([*pip, "install", spec.requirement], f"pip install {spec.requirement}")
        probe = [str(venv.python), "-c", f"import {spec.probe_module}"]
        _run_checked(probe, f"import {spec.probe_module}")
        marker.write_text(expected)
    return venv
