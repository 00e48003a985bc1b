"""The live-reload channel: each build is announced, and open pages listen (Server-Sent Events) and reload.

The script is added to HTML as it is served, never to the files in output/. A page carries the
token of the build it was served from, so a build that finished while the page was still loading
is not missed: the page asks for news since its own build.
"""
from __future__ import annotations

import secrets
import threading

EVENTS_PATH = "/__honours__/events"
SITE, SEARCH = "site", "search"  # what a build changed: pages (reload every page), or only the search bundle

# Hidden tabs close their connection: a browser opens only six at a time to one server, and a seventh
# tab of the preview would otherwise wait for ever. On showing again the tab asks what it missed.
_SCRIPT = """<script>/* honours serve: reload when the site is built again */
(function () {
  var since = "%s", source = null;
  function listen() {
    if (source) return;
    source = new EventSource("%s?since=" + since);
    source.addEventListener("reload", function (event) {
      var news = event.data.split(" ");
      since = news[1];
      if (news[0] === "site" || /\\/search\\.html$/.test(location.pathname)) location.reload();
    });
  }
  function pause() { if (source) { source.close(); source = null; } }
  document.addEventListener("visibilitychange", function () { if (document.hidden) pause(); else listen(); });
  if (!document.hidden) listen();
})();
</script>
"""


class BuildNews:
    """Which build the served files come from, and what the builds since then changed."""

    def __init__(self) -> None:
        self._instance = secrets.token_hex(4)  # a page from an earlier run of serve reloads when it reconnects
        self._generation = 0
        self._last = {SITE: 0, SEARCH: 0}  # the generation of the last build that changed each
        self._closed = False
        self._changed = threading.Condition()

    def token(self) -> str:
        """Return the token of the current build, for a page served now."""
        with self._changed:
            return f"{self._instance}.{self._generation}"

    def announce(self, kind: str) -> None:
        """Tell every open page that a build changed `kind` (SITE or SEARCH)."""
        with self._changed:
            self._generation += 1
            self._last[kind] = self._generation
            self._changed.notify_all()

    def wait(self, since: str, timeout: float) -> tuple[str | None, str]:
        """Return what changed after the build `since` (SITE, SEARCH or None after `timeout`), and the new token."""
        instance, _, number = since.partition(".")
        with self._changed:
            if instance != self._instance:
                return SITE, f"{self._instance}.{self._generation}"
            seen = int(number) if number.isdigit() else 0
            self._changed.wait_for(lambda: self._closed or self._generation > seen, timeout)
            kind = next((k for k in (SITE, SEARCH) if self._last[k] > seen), None)
            return kind, f"{self._instance}.{self._generation}"

    def close(self) -> None:
        """Release every waiting page: the server is stopping."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    @property
    def closed(self) -> bool:
        return self._closed


def reload_script(token: str) -> bytes:
    """Return the script that reloads a page served from the build `token` when a later build changes it."""
    return (_SCRIPT % (token, EVENTS_PATH)).encode("utf-8")


def inject(html: bytes, script: bytes) -> bytes:
    """Return `html` with `script` just before its last `</body>`, or at its end if it has none."""
    at = html.lower().rfind(b"</body>")
    return html[:at] + script + html[at:] if at >= 0 else html + script
