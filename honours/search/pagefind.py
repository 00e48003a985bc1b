"""The search bundle for a served site, made by Pagefind (its extended build segments Chinese).

Pagefind is given one small page per search entry, written to a scratch folder, rather than the
site's own pages: the entry's filters and kind are stated exactly, and both search engines see
the same text. Pagefind writes its filter lists in whatever order a hash map gives (upstream
issue #638), so the same site would get a differently named bundle on every build; `_canonical`
puts those lists in order and renames the files after their new content, so a build is
reproducible and an unchanged site publishes an unchanged bundle.
"""
from __future__ import annotations

import gzip
import hashlib
import html
import json
import logging
import re
import shutil
import subprocess
from pathlib import Path

from .entries import SearchEntry

log = logging.getLogger(__name__)

BUNDLE = "pagefind"  # the bundle's folder in the site
_SIGNATURE = b"pagefind_dcd"  # what Pagefind's index files start with, after gzip
# Pagefind's own search interfaces: the theme has its own, which also works from a folder.
_UNUSED = re.compile(r"pagefind-(\w+-)?ui\.(js|css)|pagefind-highlight\.js")
FILTER_YEAR, FILTER_CAMPAIGN, FILTER_KIND = "year", "campaign", "kind"


class PagefindUnavailable(Exception):
    """Pagefind is not installed, or did not run."""


def executable() -> Path:
    """Return the Pagefind binary (extended: with Chinese segmentation); PagefindUnavailable if there is none."""
    try:
        import pagefind_bin_extended  # the pip package `pagefind[extended]` ships it
        return Path(pagefind_bin_extended.get_executable())
    except Exception:  # not installed, or no binary for this platform
        found = shutil.which("pagefind_extended")
        if found:
            return Path(found)
    raise PagefindUnavailable("pip install \"pagefind[extended]\"")


def version() -> str:
    """Return the installed Pagefind's version, for keying what it made; "" without Pagefind."""
    try:
        from importlib.metadata import version as installed
        return installed("pagefind_bin_extended")
    except Exception:
        return ""


def make_bundle(entries: list[SearchEntry], language: str, scratch: Path, fragment_prefix: str = "") -> dict[str, bytes]:
    """Return the Pagefind bundle indexing `entries`: site path under pagefind/ -> bytes.

    Fragment names begin with `fragment_prefix` (as pagefind_index.write_bundle's do): pagefind.js gives
    a result's fragment name as its id, and bundles merged in one search need ids apart.
    """
    binary = executable()
    pages, bundle = scratch / "pages", scratch / "bundle"
    shutil.rmtree(scratch, ignore_errors=True)
    for entry in entries:
        target = pages / entry.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_page(entry, language), encoding="utf-8")
    try:
        subprocess.run([str(binary), "--site", str(pages), "--output-path", str(bundle), "--keep-index-url",
                        "--quiet"], check=True, capture_output=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        raise PagefindUnavailable(f"{exc} {detail.decode('utf-8', 'replace')}".strip()) from exc
    files = {f"{BUNDLE}/{path.relative_to(bundle).as_posix()}": path.read_bytes()
             for path in sorted(bundle.rglob("*")) if path.is_file() and not _UNUSED.match(path.name)}
    shutil.rmtree(scratch, ignore_errors=True)
    return _canonical(files, fragment_prefix)


def _page(entry: SearchEntry, language: str) -> str:
    """Return the page Pagefind indexes for one entry: its title, filters, kind and text."""
    def tag(kind: str, name: str, value: str) -> str:
        # The [data-v] form takes the value from an attribute: commas and colons in titles stay whole.
        return f'<span data-pagefind-{kind}="{name}[data-v]" data-v="{html.escape(value)}"></span>'

    marks = [tag("filter", FILTER_YEAR, y) for y in entry.years]
    marks += [tag("filter", FILTER_CAMPAIGN, c) for c in entry.campaigns]
    marks += [tag("filter", FILTER_KIND, entry.kind), tag("meta", "kind", entry.kind), tag("meta", "title", entry.title)]
    # The title is the heading already; a middle dot between blocks keeps them apart in excerpts.
    lines = "".join(f"<p>{html.escape(_characters(line))}\u00a0·\u00a0</p>" for line in entry.text.split("\n")
                    if line and line != entry.title)
    return (f'<!doctype html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
            f"<title>{html.escape(entry.title)}</title></head><body><div data-pagefind-body>"
            f'<h1>{html.escape(_characters(entry.title))}\u00a0·\u00a0</h1>{"".join(marks)}{lines}</div></body></html>')


_HAN = re.compile(r"([\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f])")


def _characters(text: str) -> str:
    """Return `text` with every Chinese character a word of its own.

    Pagefind segments Chinese into words one way when indexing and the browser another way when
    searching, so a name such as 白玉兰 (indexed as 白玉 兰) would not be found. Indexed character
    by character and searched as a phrase, any run of characters is found, as in the fallback index;
    search.js takes the spaces out of the excerpts it shows.
    """
    return _HAN.sub(" \\1 ", text)


def _canonical(files: dict[str, bytes], fragment_prefix: str = "") -> dict[str, bytes]:
    """Return the bundle with its filter lists sorted and the files they change renamed after their content,
    and its fragments' names prefixed.

    If Pagefind's format is not what this expects (a new version), the bundle is returned as made:
    it still works, it is only not reproducible.
    """
    try:
        import cbor2
        renamed: dict[str, str] = {}  # old hash -> new hash
        result = dict(files)
        for path in [p for p in files if p.endswith(".pf_filter")]:
            name, values = _decode(cbor2, files[path])
            data = _encode(cbor2, [name, sorted(values, key=lambda v: v[0])])
            _rename(result, path, data, renamed)
        metas = [p for p in files if p.endswith(".pf_meta")]
        for path in metas:
            meta = _decode(cbor2, files[path])
            meta[3] = sorted([name, renamed.get(ref, ref)] for name, ref in meta[3])  # [filter, its file]
            if fragment_prefix:
                for page in meta[1]:  # [fragment, word count]
                    result[f"{BUNDLE}/fragment/{fragment_prefix}{page[0]}.pf_fragment"] = \
                        result.pop(f"{BUNDLE}/fragment/{page[0]}.pf_fragment")
                    page[0] = fragment_prefix + page[0]
            _rename(result, path, _encode(cbor2, meta), renamed)
        entry_path = f"{BUNDLE}/pagefind-entry.json"
        entry = json.loads(result[entry_path])
        for language in entry["languages"].values():
            language["hash"] = renamed.get(language["hash"], language["hash"])
        result[entry_path] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return dict(sorted(result.items()))
    except Exception as exc:  # noqa: BLE001 - an unexpected format must not cost the site its search
        # Nothing for the person building to do: search works; only reproducibility is lost until honours catches up.
        log.debug("Pagefind bundle left as made (%s): it works, but differs from build to build", exc)
        return files


def _decode(cbor2, data: bytes):
    raw = gzip.decompress(data)
    if not raw.startswith(_SIGNATURE):
        raise ValueError("not a Pagefind index file")
    body = raw[len(_SIGNATURE):]
    value = cbor2.loads(body)
    if cbor2.dumps(value) != body:  # what is written back must mean exactly what Pagefind wrote
        raise ValueError("index file does not round-trip")
    return value


def _encode(cbor2, value) -> bytes:
    return gzip.compress(_SIGNATURE + cbor2.dumps(value), mtime=0)


def _rename(files: dict[str, bytes], path: str, data: bytes, renamed: dict[str, str]) -> None:
    """Store `data` under a name made from its own digest, in Pagefind's form (`zh-cn_1a2b3c4`)."""
    folder, _, name = path.rpartition("/")
    stem, _, suffix = name.rpartition(".")
    prefix = "pagefind." if stem.startswith("pagefind.") else ""
    old_hash = stem.removeprefix(prefix)
    language, _, digits = old_hash.rpartition("_")
    new_hash = f"{language}_{hashlib.blake2b(data, digest_size=16).hexdigest()[:len(digits)]}"
    del files[path]
    files[f"{folder}/{prefix}{new_hash}.{suffix}"] = data
    renamed[old_hash] = new_hash
