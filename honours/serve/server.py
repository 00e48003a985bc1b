"""The preview's web server: output/ as it is, HTML with the reload script, and the error page while a build fails."""
from __future__ import annotations

import errno
import logging
import os
import queue
import re
import socket
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import HTTPServer, SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .reload import EVENTS_PATH, BuildNews, inject, reload_script

log = logging.getLogger(__name__)

_HEARTBEAT = 15.0  # seconds between comments on an idle event stream, so a closed tab's thread ends
# A page's burst of requests (a browser opens six connections, a test or a crawler two hundred) waits
# in the listen queue, not in SYN retries of 1, 3, 7 s… as with the default queue of 5; the threads
# that answer are a fixed number, so a burst costs no more threads.
_LISTEN_QUEUE = 1024
_ANSWERERS = 32
_EVENT_STREAMS = _ANSWERERS // 2  # open tabs beyond this ask for news every 5 s instead (see _stream_events)
_SILENT_CLIENT = 30.0  # seconds a connection may send nothing before its answerer is freed
_HTML = (".html", ".htm")


@dataclass(slots=True)
class Preview:
    """What the server shows: the output folder, and the error page while the last build failed."""

    output: Path
    news: BuildNews = field(default_factory=BuildNews)
    failure: str | None = None  # the error page's HTML, or None when the last build succeeded


class CannotListen(Exception):
    """The server cannot listen on the address asked for: no such address here, or no right to the port."""


class PortBusy(CannotListen):
    """The port is taken by another program (or another serve)."""


class PreviewServer(HTTPServer):
    """A server answering from a fixed pool of threads, whose handlers reach the preview; quiet about closed connections."""

    request_queue_size = _LISTEN_QUEUE
    # On Windows SO_REUSEADDR lets a second server take a port already in use: ask for the port alone.
    allow_reuse_address = os.name != "nt"

    def __init__(self, host: str, port: int, preview: Preview) -> None:
        if ":" in host:
            self.address_family = socket.AF_INET6
        self.preview = preview
        self._thread: threading.Thread | None = None
        self._waiting: queue.SimpleQueue[tuple[Any, Any] | None] = queue.SimpleQueue()
        self._answerers: list[threading.Thread] = []
        self.event_streams = threading.BoundedSemaphore(_EVENT_STREAMS)
        try:
            super().__init__((host, port), PreviewHandler)
        except OSError as exc:
            raise (PortBusy if _in_use(exc) else CannotListen)(exc.strerror or str(exc)) from exc

    def process_request(self, request: Any, client_address: Any) -> None:
        # Daemon threads, as ThreadingHTTPServer's: a reader's stuck connection never keeps Python from exiting.
        if not self._answerers:
            self._answerers = [threading.Thread(target=self._answer_waiting, name=f"honours-serve-{n}", daemon=True)
                               for n in range(_ANSWERERS)]
            for answerer in self._answerers:
                answerer.start()
        self._waiting.put((request, client_address))

    def _answer_waiting(self) -> None:
        while (waiting := self._waiting.get()) is not None:
            request, client_address = waiting
            try:
                self.finish_request(request, client_address)
            except Exception:
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A reader closing a tab mid-answer is routine; anything else is worth a line in the log.
        log.debug("request from %s failed", client_address, exc_info=True)

    def start(self) -> None:
        """Start answering requests, in a thread of its own."""
        self._thread = threading.Thread(target=self.serve_forever, name="honours-serve-http", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Release the open event streams, stop answering and close the socket."""
        self.preview.news.close()
        if self._thread is not None:
            self.shutdown()
            self._thread.join()
        for _ in self._answerers:
            self._waiting.put(None)
        self.server_close()

    @property
    def port(self) -> int:
        return self.server_address[1]


def _in_use(exc: OSError) -> bool:
    return exc.errno in (errno.EADDRINUSE, 10048)  # 10048: WSAEADDRINUSE


class PreviewHandler(SimpleHTTPRequestHandler):
    """Answer one request: a file of output/, an HTML page with the reload script, the error page or the events."""

    server: PreviewServer
    timeout = _SILENT_CLIENT
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".avif": "image/avif", ".webp": "image/webp",
                      ".svg": "image/svg+xml", ".css": "text/css", ".js": "text/javascript",
                      ".json": "application/json"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.preview = args[2].preview
        super().__init__(*args, directory=str(self.preview.output), **kwargs)

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        url = urlsplit(self.path)
        if url.path == EVENTS_PATH:
            self._stream_events(parse_qs(url.query).get("since", [""])[0])
            return
        token = self.preview.news.token()  # taken before reading the page: a build finishing meanwhile reloads it
        local = Path(self.translate_path(url.path))
        page = _page_file(url.path, local)
        failure = self.preview.failure
        if failure is not None and (page is not None or _looks_like_page(url.path)):
            self._send_html(HTTPStatus.INTERNAL_SERVER_ERROR, failure.encode("utf-8"), token, body)
        elif page is not None and (html := _read(page)) is not None:
            self._send_html(HTTPStatus.OK, html, token, body)
        elif page is not None or (not local.exists() and _looks_like_page(url.path)):
            self._not_found(token, body)
        else:  # any other file, or a folder asked for without its / (answered with a redirect)
            super().do_GET() if body else super().do_HEAD()

    def _send_html(self, status: HTTPStatus, page: bytes, token: str, body: bool) -> None:
        page = inject(page, reload_script(token))
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        if body:
            self.wfile.write(page)

    def _not_found(self, token: str, body: bool) -> None:
        page = _read(Path(self.directory) / "404.html") or "<h1>404 找不到该页面</h1>".encode("utf-8")
        # The site's links are relative to its top, and this page may answer for a path deep inside it.
        if b"<base " not in page:
            page = re.sub(rb"<head(\s[^>]*)?>", lambda head: head.group() + b'<base href="/">', page, count=1)
        self._send_html(HTTPStatus.NOT_FOUND, page, token, body)

    def _stream_events(self, since: str) -> None:
        """Send a `reload` event whenever a build changes the site, until the page or the server goes.

        With every stream's place taken, the page is told what it missed and to ask again in a few
        seconds (EventSource reconnects by itself), so open tabs never take all the answerers.
        """
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        news, streams = self.preview.news, self.server.event_streams
        held = streams.acquire(blocking=False)
        try:
            self.wfile.write(b"retry: 1000\n\n" if held else b"retry: 5000\n\n")
            while not news.closed:
                kind, since = news.wait(since, _HEARTBEAT if held else 0)
                if news.closed:
                    break
                self.wfile.write(f"event: reload\ndata: {kind} {since}\n\n".encode() if kind else b": ping\n\n")
                if not held:
                    break
        except OSError:  # the page went away
            pass
        finally:
            if held:
                streams.release()
        self.close_connection = True

    def end_headers(self) -> None:
        # The preview changes under the browser: never let it answer from its cache.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)


def _read(path: Path) -> bytes | None:
    """Return a file's bytes, or None if it is not there (a build may have just removed it)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def _page_file(url_path: str, local: Path) -> Path | None:
    """Return the HTML file a path asks for (a folder's index.html), or None for any other file."""
    if url_path.endswith("/"):
        return local / "index.html"
    return local if local.suffix.lower() in _HTML and not local.is_dir() else None


def _looks_like_page(url_path: str) -> bool:
    """Return whether a missing path was most likely asked for as a page (no file extension)."""
    name = url_path.rsplit("/", 1)[-1]
    return "." not in name or name.lower().endswith(_HTML)
