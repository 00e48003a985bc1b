"""The fonts this machine sets printed pages in, as fontconfig resolves them for WeasyPrint.

WeasyPrint lays out text with Pango, which asks fontconfig to sort every font by how well it fits
a style's font-family list (and the page's language), then sets each character in the first font
of that list that has it. Asking fontconfig the same question here, for the families the print
styles name (render/fonts.py), tells which font files a page's characters come from, before the
page is rendered: what its PDF's cache key must name, and whether any font can set Chinese at all.

WeasyPrint's own bindings declare too little of fontconfig for this (no sorting, no character
sets), so the few functions needed are declared here, through the cffi WeasyPrint depends on.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cachefiles import write_atomic

_DECLARATIONS = """
typedef int FcBool; typedef unsigned char FcChar8; typedef unsigned int FcChar32;
typedef struct _FcConfig FcConfig; typedef struct _FcPattern FcPattern;
typedef struct _FcCharSet FcCharSet; typedef struct _FcStrList FcStrList;
typedef enum { FcResultMatch, FcResultNoMatch, FcResultTypeMismatch, FcResultNoId, FcResultOutOfMemory } FcResult;
typedef enum { FcMatchPattern, FcMatchFont, FcMatchScan } FcMatchKind;
typedef struct _FcFontSet { int nfont; int sfont; FcPattern **fonts; } FcFontSet;
typedef enum _FcSetName { FcSetSystem = 0, FcSetApplication = 1 } FcSetName;
FcConfig * FcInitLoadConfigAndFonts (void);
void FcConfigDestroy (FcConfig *config);
FcBool FcConfigAppFontAddFile (FcConfig *config, const FcChar8 *file);
FcFontSet * FcConfigGetFonts (FcConfig *config, FcSetName set);
FcStrList * FcConfigGetConfigFiles (FcConfig *config);
FcChar8 * FcStrListNext (FcStrList *list);
void FcStrListDone (FcStrList *list);
FcPattern * FcNameParse (const FcChar8 *name);
FcBool FcPatternAddString (FcPattern *p, const char *object, const FcChar8 *s);
void FcPatternDestroy (FcPattern *p);
FcBool FcConfigSubstitute (FcConfig *config, FcPattern *p, FcMatchKind kind);
void FcDefaultSubstitute (FcPattern *pattern);
FcFontSet * FcFontSort (FcConfig *config, FcPattern *p, FcBool trim, FcCharSet **csp, FcResult *result);
void FcFontSetDestroy (FcFontSet *s);
FcResult FcPatternGetString (const FcPattern *p, const char *object, int n, FcChar8 **s);
FcResult FcPatternGetInteger (const FcPattern *p, const char *object, int n, int *i);
FcResult FcPatternGetCharSet (const FcPattern *p, const char *object, int n, FcCharSet **c);
FcBool FcCharSetHasChar (const FcCharSet *fcs, FcChar32 ucs4);
"""
# The names WeasyPrint loads fontconfig by, on Linux, Windows (MSYS2, GTK runtime) and macOS.
_LIBRARY_NAMES = ("libfontconfig.so.1", "libfontconfig-1.dll", "libfontconfig.1.dylib", "libfontconfig-1",
                  "fontconfig-1", "fontconfig")
# The weights the print styles set text in, on fontconfig's scale: normal, bold, and 900 (black) for banners.
_WEIGHTS = (80, 200, 210)
# Characters every printed page has: if no font has them, every page would print boxes.
CHINESE_PROBE = "中文光荣榜"
# The families the print styles fall back to, which Debian's fonts-noto-cjk installs.
INSTALLABLE_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")
_DIGESTS_FILE = "font-digests.json"


class FontconfigUnavailable(Exception):
    """The fontconfig library WeasyPrint uses cannot be loaded."""


@dataclass(frozen=True, slots=True, order=True)
class Typeface:
    """One face of a font file, as fontconfig lists it."""

    family: str
    file: str
    index: int  # the face within a collection (.ttc)


@functools.cache
def _fontconfig() -> tuple[Any, Any]:
    """Return cffi's FFI and the fontconfig library; FontconfigUnavailable if it is not there."""
    try:
        import cffi
    except ImportError as exc:
        raise FontconfigUnavailable(str(exc)) from None
    ffi = cffi.FFI()
    ffi.cdef(_DECLARATIONS)
    # As WeasyPrint loads it: on Windows, searching the folders its import adds (LOAD_LIBRARY_SEARCH_DEFAULT_DIRS).
    flags = 0x00001000 if os.name == "nt" else ffi.RTLD_NOW
    for attempt in range(2):
        for name in _LIBRARY_NAMES:
            try:
                return ffi, ffi.dlopen(name, flags)
            except OSError:
                continue
        if attempt == 0:  # on Windows, importing WeasyPrint's bindings adds the folders its libraries are in
            try:
                import weasyprint.text.ffi  # noqa: F401
            except (ImportError, OSError) as exc:
                raise FontconfigUnavailable(str(exc)) from None
    raise FontconfigUnavailable("libfontconfig")


class MachineFonts:
    """Which fonts fontconfig gives each character, for each family list the print styles name."""

    def __init__(self, stacks: Iterable[tuple[str, ...]], own_fonts: Iterable[Path] = (), lang: str = "zh-cn"):
        """`own_fonts` are the site's font files, which WeasyPrint adds to fontconfig as the pages ask for them."""
        self._ffi, self._lib = _fontconfig()
        self._config = self._lib.FcInitLoadConfigAndFonts()
        if self._config == self._ffi.NULL:
            raise FontconfigUnavailable("fontconfig")
        for path in own_fonts:
            self._lib.FcConfigAppFontAddFile(self._config, os.fsencode(path))
        self._stacks = [tuple(stack) for stack in stacks]
        # Each family list, in each weight: the fonts in the order Pango tries them, with what each covers.
        self._sorted = [self._sort(stack, weight, lang) for stack in self._stacks for weight in _WEIGHTS]
        self._chosen: dict[str, frozenset[Typeface]] = {}
        # `serve` builds again and again: each build's fontconfig state is freed with the build's shelf.
        weakref.finalize(self, _release, self._lib, self._config,
                         [font_set for font_set, _ in self._sorted if font_set != self._ffi.NULL])

    def fonts_for(self, text: str) -> frozenset[Typeface]:
        """Return the fonts that may set some character of `text`, whichever family list it is styled with."""
        chars = set(text)
        for char in chars - self._chosen.keys():
            self._chosen[char] = frozenset(
                face for _, fonts in self._sorted
                if (face := next((face for face, covers in fonts if covers(ord(char))), None)) is not None)
        # Most characters share their fonts: a set of the few different choices, then their union.
        return frozenset().union(*set(map(self._chosen.__getitem__, chars)))

    def face_for(self, stack: tuple[str, ...], char: str = "文") -> Typeface | None:
        """Return the font a character of text is set in, at normal weight, by a family list given at the start."""
        fonts = self._sorted[self._stacks.index(stack) * len(_WEIGHTS)][1]
        return next((face for face, covers in fonts if covers(ord(char))), None)

    def lacking(self, text: str = CHINESE_PROBE) -> bool:
        """Return whether some family list has no font for some character of `text` (they would print as boxes)."""
        return any(not any(covers(ord(char)) for _, covers in fonts) for char in set(text) for _, fonts in self._sorted)

    def _sort(self, stack: tuple[str, ...], weight: int, lang: str) -> tuple[Any, list]:
        """Return fontconfig's font set for a family list, and each font with a test of what it covers."""
        ffi, lib = self._ffi, self._lib
        pattern = lib.FcNameParse(f":lang={lang}:weight={weight}".encode())
        for family in stack:
            lib.FcPatternAddString(pattern, b"family", family.encode())
        lib.FcConfigSubstitute(self._config, pattern, lib.FcMatchPattern)
        lib.FcDefaultSubstitute(pattern)
        # Trimmed: a font that adds no character to those before it is never Pango's choice.
        font_set = lib.FcFontSort(self._config, pattern, 1, ffi.NULL, ffi.new("FcResult *"))
        lib.FcPatternDestroy(pattern)
        if font_set == ffi.NULL:  # no font at all
            return font_set, []
        fonts = []
        for at in range(font_set.nfont):
            font = font_set.fonts[at]
            charset = ffi.new("FcCharSet **")
            if lib.FcPatternGetCharSet(font, b"charset", 0, charset) == lib.FcResultMatch:
                fonts.append((self._typeface(font), functools.partial(lib.FcCharSetHasChar, charset[0])))
        return font_set, fonts

    def _typeface(self, font: Any) -> Typeface:
        ffi, lib = self._ffi, self._lib
        text, number = ffi.new("FcChar8 **"), ffi.new("int *")
        named = {}
        for field in (b"family", b"file"):
            found = lib.FcPatternGetString(font, field, 0, text) == lib.FcResultMatch
            named[field] = ffi.string(text[0]) if found else b""
        index = number[0] if lib.FcPatternGetInteger(font, b"index", 0, number) == lib.FcResultMatch else 0
        return Typeface(named[b"family"].decode("utf-8", "replace"), os.fsdecode(named[b"file"]), index)


def _release(lib: Any, config: Any, font_sets: list[Any]) -> None:
    for font_set in font_sets:
        lib.FcFontSetDestroy(font_set)
    lib.FcConfigDestroy(config)


def configuration_stamp() -> bytes:
    """Return a digest of fontconfig's configuration files and font files, by path and stamp, for the build skip."""
    ffi, lib = _fontconfig()
    config = lib.FcInitLoadConfigAndFonts()
    if config == ffi.NULL:
        return b"no fontconfig"
    try:
        paths = []
        files = lib.FcConfigGetConfigFiles(config)
        while (name := lib.FcStrListNext(files)) != ffi.NULL:
            paths.append(os.fsdecode(ffi.string(name)))
        lib.FcStrListDone(files)
        fonts = lib.FcConfigGetFonts(config, lib.FcSetSystem)
        text = ffi.new("FcChar8 **")
        for at in range(fonts.nfont if fonts != ffi.NULL else 0):
            if lib.FcPatternGetString(fonts.fonts[at], b"file", 0, text) == lib.FcResultMatch:
                paths.append(os.fsdecode(ffi.string(text[0])))
    finally:
        lib.FcConfigDestroy(config)
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(set(paths)):
        hasher.update(f"{path}\0{_stat_key(path)}\0".encode("utf-8", "surrogatepass"))
    return hasher.digest()


def fonts_stamp(folder: Path, making: bool) -> bytes:
    """Return a stamp of the machine's fonts for the build skip, if PDFs are made or kept in `folder`; else b"".

    A font installed, removed or configured differently changes PDFs' keys, so the build must not be skipped.
    """
    if not making and (not folder.is_dir() or next(folder.glob("*.pdf"), None) is None):
        return b""
    try:
        return configuration_stamp()
    except FontconfigUnavailable:
        return b"no fontconfig"


def _stat_key(path: str) -> str:
    try:
        stat = os.stat(path)
    except OSError:
        return "missing"
    return f"{stat.st_size} {stat.st_mtime_ns}"


class FontDigests:
    """Digests of font files, kept in the cache by path, size and time: a font is read once, not once a build."""

    def __init__(self, folder: Path) -> None:
        self._file = folder / _DIGESTS_FILE
        try:
            self._known: dict[str, list[str]] = json.loads(self._file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._known = {}
        self._changed = False

    def of(self, path: str) -> str:
        """Return the digest of a font file ("missing" if it cannot be read)."""
        stamp = _stat_key(path)
        known = self._known.get(path)
        if known is not None and known[0] == stamp:
            return known[1]
        try:
            with open(path, "rb") as file:
                digest = hashlib.file_digest(file, "blake2b").hexdigest()[:32]
        except OSError:
            return "missing"
        self._known[path] = [stamp, digest]
        self._changed = True
        return digest

    def save(self) -> None:
        """Keep the digests for the next build; a cache that cannot be written only costs time next time."""
        if self._changed:
            try:
                write_atomic(self._file, json.dumps(self._known, ensure_ascii=False, sort_keys=True).encode())
            except OSError:
                pass
            self._changed = False
