"""py-spy profiles of a Punchclock workload: collapsed stacks and a top-functions summary."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections import Counter
from pathlib import Path

from harness.plan import Workload
from harness.processes import Server
from harness.settings import BIN, Settings, log
from harness.wrk import run_wrk


def profile(
    settings: Settings, server: Server, workload: Workload, reqfile: Path, tag: str
) -> None:
    """py-spy over a second run of the workload: collapsed stacks + a top-functions summary."""
    spy = BIN / "py-spy"
    if not spy.exists():
        found = shutil.which("py-spy")
        if not found:
            log("  (profiling skipped: `.venv/bin/pip install py-spy` first)")
            return
        spy = Path(found)
    assert server.proc is not None
    raw = settings.out / f"profile-{tag}.txt"
    duration = max(5, settings.duration)
    spy_proc = subprocess.Popen(
        [
            str(spy),
            "record",
            "--pid",
            str(server.proc.pid),
            "--duration",
            str(duration + 1),
            "--rate",
            "200",
            "--format",
            "raw",
            "--output",
            str(raw),
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.5)
    run_wrk(settings, server.port, workload, reqfile, duration, tag + "-profiled")
    _, err = spy_proc.communicate(timeout=60)
    if not raw.exists():
        log(f"  (py-spy failed: {err.strip()[:300]})")
        return
    summary = summarise_profile(raw)
    (settings.out / f"profile-{tag}-summary.txt").write_text(summary)
    log(f"  py-spy profile of {workload.name}: {raw.name} (speedscope.app reads it)\n{summary}")


def _frame_name(frame: str) -> tuple[str, str]:
    """(readable frame name, package) from a py-spy raw frame `function (path:line)`."""
    match = re.match(r"(.*) \((.*?)(?::\d+)?\)$", frame.strip())
    if not match:
        return frame.strip(), "?"
    function, path = match.groups()
    for marker in ("site-packages/", "/src/", "lib/python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    package = path.split("/", 1)[0].removesuffix(".py") if "/" in path else path
    return f"{function} ({path})", package


def summarise_profile(raw: Path, top: int = 20) -> str:
    """Self time by package and function, and inclusive time below the common trunk."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    packages: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [_frame_name(f) for f in stack.split(";") if f.strip()]
        if not frames:
            continue
        total += count
        own[frames[-1][0]] += count
        packages[frames[-1][1]] += count
        for name in {name for name, _ in frames}:
            inclusive[name] += count
    if not total:
        return "    (no samples)\n"
    lines = [f"    {total} samples. Self time by package:"]
    lines += [f"    {100 * n / total:5.1f}%  {name}" for name, n in packages.most_common(10)]
    lines.append(f"    self time by function (top {top}):")
    lines += [f"    {100 * n / total:5.1f}%  {name}" for name, n in own.most_common(top)]
    # Frames present in (nearly) every sample are the server's trunk: skip them.
    below = [(name, n) for name, n in inclusive.most_common() if n < 0.75 * total]
    lines.append(f"    inclusive time below the request trunk (top {top}):")
    lines += [f"    {100 * n / total:5.1f}%  {name}" for name, n in below[:top]]
    return "\n".join(lines) + "\n"
