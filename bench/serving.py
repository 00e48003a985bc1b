"""The edit figure under `honours serve`: the seconds from saving a file to the edited page, as an open
browser reloads it, showing the change.

serve is started on a site that was just built (so it starts with nothing to do) and listened to as an
open page listens to it: its Server-Sent Events stream (honours/serve/reload.py). For each edit, once
serve has been idle for a while (its search catch-up after the last edit done), the file is written; the
clock runs until a `site` reload event has come and the page, fetched from serve as the browser would
fetch it, shows the edit's marker. The edit is then undone the same way, untimed.
"""
from __future__ import annotations

import http.client
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from edits import Edit, EditMaker
from measure import Run, descendants

QUIET_SECONDS = 4.0  # idle for longer than serve waits (3 s) before its search catch-up
PATIENCE = 600.0  # the longest wait for serve to start, to settle, or to show an edit
_URL = re.compile(r"http://127\.0\.0\.1:(\d+)/")
_TOKEN = re.compile(r'var since = "([^"]+)"')


class Serve:
    """A running `python build.py serve --port 0` on a site, the address it serves at, and its reload events."""

    def __init__(self, build_py: Path, site: Path, env: dict[str, str]) -> None:
        self._log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([sys.executable, str(build_py), "serve", "--site", str(site), "--port", "0",
                                         "--quiet"], stdout=self._log, stderr=subprocess.STDOUT, env=env)
        self.port = self._port()
        self._events: queue.Queue[str] = queue.Queue()
        self._token = _TOKEN.search(self.page("")).group(1)
        threading.Thread(target=self._listen, daemon=True).start()

    def _port(self) -> int:
        """Return the port serve printed once its first build was done; exit with its output if it ended."""
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            found = _URL.search(self.output())
            if found:
                return int(found.group(1))
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        sys.exit(f"honours serve did not start:\n{self.output()[-3000:]}")

    def output(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")

    def page(self, site_path: str) -> str:
        """Return a page as serve answers it (with its reload script)."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{site_path}", timeout=PATIENCE) as answer:
            return answer.read().decode("utf-8")

    def _listen(self) -> None:
        """Put the kind of every reload event (site, search) on the queue, reconnecting as a page does."""
        while self.process.poll() is None:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=PATIENCE)
            try:
                connection.request("GET", f"/__honours__/events?since={self._token}")
                stream = connection.getresponse()
                for line in stream:
                    if line.startswith(b"data: "):
                        kind, self._token = line[6:].decode().split()
                        self._events.put(kind)
            except OSError:
                time.sleep(0.1)
            finally:
                connection.close()

    def settle(self) -> None:
        """Wait until serve and its workers have used no CPU for QUIET_SECONDS, and forget the events so far."""
        deadline, last, since = time.monotonic() + PATIENCE, _cpu_ticks(self.process.pid), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            now = _cpu_ticks(self.process.pid)
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= QUIET_SECONDS:
                break
        while not self._events.empty():
            self._events.get_nowait()

    def shown(self, edit: Edit, shown: bool) -> float:
        """Wait for a `site` reload after which the edit's page shows its marker (or no longer does); return when."""
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            try:
                kind = self._events.get(timeout=deadline - time.monotonic())
            except queue.Empty:
                break
            if kind == "site" and (edit.marker in self.page(edit.page)) == shown:
                return time.perf_counter()
        self.stop()
        sys.exit(f"under serve, {edit.path} {'edited' if shown else 'undone'} did not show on {edit.page}:\n"
                 f"{self.output()[-3000:]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()


def serve_edits(build_py: Path, site: Path, make: EditMaker, runs: int, numbered_from: int) -> list[Run]:
    """Time `runs` edits under serve (numbered from `numbered_from`, so each marker is new); each is undone."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    serve = Serve(build_py, site, env)
    results = []
    try:
        for index in range(runs):
            edit = make(numbered_from + index)
            original = edit.path.read_bytes()
            serve.settle()
            started = time.perf_counter()
            edit.path.write_text(edit.text, encoding="utf-8")
            try:
                results.append(Run(serve.shown(edit, True) - started, 0, 0, 0, "", ""))
            finally:
                edit.path.write_bytes(original)
            serve.shown(edit, False)
    finally:
        serve.settle()  # its catch-up done: output/ is as `build` leaves it
        serve.stop()
    return results


def _cpu_ticks(root: int) -> int:
    """Return the CPU time (clock ticks, user and system) used so far by `root` and the processes below it."""
    total = 0
    for pid in descendants(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += int(fields[11]) + int(fields[12])  # utime and stime, the 14th and 15th fields
    return total
