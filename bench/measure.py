"""Run a command and measure it: wall time, the largest process's peak RSS (exact, from the kernel),
the process tree's peak total RSS and peak total PSS (sampled: children, grandchildren and below) and
the processes seen.

The tree's memory is its PSS, the proportional set size: a page that forked workers share with the
build (copy-on-write, never written) is counted once, split among the processes that map it, where
the sum of resident sets counts it once per process. The sum of RSS is kept beside it.

bench/build.py and bench/others.py measure every build with `run()`.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    """One measured command: wall seconds, peak memory in bytes, exit status and its output."""

    seconds: float
    max_rss: int  # the largest single process of the tree (exact: the kernel's ru_maxrss)
    tree_rss: int  # the largest sum of RSS over its process tree (sampled every SAMPLE_SECONDS; ≥ max_rss)
    returncode: int
    stdout: str
    stderr: str
    processes: frozenset[str] = frozenset()  # the names of the processes sampled in its tree
    tree_pss: int = 0  # the largest sum of PSS over its process tree (sampled every PSS_EVERY samples)

    @property
    def memory(self) -> int:
        """Return the peak memory of the whole tree: its summed PSS, or its largest process's exact peak RSS
        if that is more (a sample may miss a short peak)."""
        return max(self.tree_pss, self.max_rss)

    def check(self, label: str) -> Run:
        """Return self, or exit with the command's output if it failed."""
        if self.returncode != 0:
            sys.exit(f"{label} failed (exit status {self.returncode}):\n{self.stdout[-3000:]}\n{self.stderr[-3000:]}")
        return self


SAMPLE_SECONDS = 0.05
PSS_EVERY = 4  # reading PSS walks a process's page tables (about 2 ms for 600 MiB): every 0.2 s, not 0.05 s

# A fresh, small process between us and each measured command. The kernel's peak RSS of a process
# counts the pages it had before exec: a child forked straight from this (possibly large) process
# would report our size as its peak. The wrapper times the command and writes "seconds peak_kb".
WRAPPER = """\
import resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.call(sys.argv[2:])
seconds = time.perf_counter() - started
with open(sys.argv[1], "w") as report:
    report.write(f"{seconds} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
sys.exit(code if code >= 0 else 128 - code)
"""


def run(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run `command` to completion and measure it, through a fresh wrapper each time so that
    nothing accumulates across runs and the peak RSS is the command's own (to within the
    wrapper's ~10 MB, which its forked child starts from).

    Python may keep compiled bytecode, as it does for an installed honours (pip compiles it): a shell
    with PYTHONDONTWRITEBYTECODE set would otherwise add every module's compiling, about 0.4 s, to
    every figure.
    """
    env = {name: value for name, value in (os.environ if env is None else env).items()
           if name != "PYTHONDONTWRITEBYTECODE"}
    peak, seen, done = [0, 0], set(), threading.Event()
    with tempfile.TemporaryDirectory(prefix="honours-run-") as temp:
        report, out, err = (Path(temp, name) for name in ("report", "stdout", "stderr"))
        with out.open("wb") as stdout, err.open("wb") as stderr:
            process = subprocess.Popen([sys.executable, "-I", "-S", "-c", WRAPPER, str(report), *command],
                                       cwd=cwd, env=env, stdout=stdout, stderr=stderr)
            sampler = threading.Thread(target=_sample_tree, args=(process.pid, peak, seen, done))
            sampler.start()
            returncode = process.wait()
            done.set()
            sampler.join()
        if not report.exists():
            sys.exit(f"could not run {command[0]}:\n{err.read_text(errors='replace')}")
        seconds, max_kb = report.read_text().split()
        max_rss = int(max_kb) * 1024  # kilobytes on Linux
        return Run(float(seconds), max_rss, max(peak[0], max_rss), returncode,
                   out.read_text(errors="replace"), err.read_text(errors="replace"), frozenset(seen), peak[1])


def _sample_tree(root: int, peak: list[int], seen: set[str], done: threading.Event) -> None:
    """Keep peak[0] at the largest total RSS of the processes below `root`, peak[1] at their largest total PSS,
    and their names in `seen`, until `done`."""
    samples = 0
    while not done.wait(SAMPLE_SECONDS):
        pids = descendants(root)[1:]  # not the wrapper
        processes = [_status(pid) for pid in pids]
        peak[0] = max(peak[0], sum(rss for _, rss in processes))
        seen.update(name for name, rss in processes if rss)
        if samples % PSS_EVERY == 0:
            peak[1] = max(peak[1], sum(_pss(pid) for pid in pids))
        samples += 1


def descendants(root: int) -> list[int]:
    """Return root and every process below it, from each thread's /proc/PID/task/TID/children."""
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        try:
            threads = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue  # it has just ended
        for thread in threads:
            try:
                queue.extend(int(child) for child in Path(f"/proc/{pid}/task/{thread}/children").read_text().split())
            except OSError:
                pass
    return found


def _pss(pid: int) -> int:
    """Return a process's proportional set size in bytes; 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _status(pid: int) -> tuple[str, int]:
    """Return a process's name and resident set in bytes; ("", 0) if it is gone."""
    name, rss = "", 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("Name:"):
                name = line.split(None, 1)[1].strip()
            elif line.startswith("VmRSS:"):
                rss = int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return "", 0
    return name, rss
