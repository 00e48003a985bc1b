"""The wheel, installed in a fresh venv outside the repository, makes a complete site with `init` and `build`."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO
from sitecheck import SiteFiles, SiteScan, broken_references, resolve, scan

# Slow (a wheel, a venv and its dependencies) and needs the package index: `-m "not wheel"` leaves it out.
pytestmark = pytest.mark.wheel

# The sample records `honours init` writes (honours/scaffold/starter.py); the campaign and bulletin ids carry the year.
PERSON, PERSON_NAME = "zhang-wei", "张伟"
UNIT, UNIT_NAME = "xuanchuan-bu", "党委宣传部"
AWARD_NAMES = ("文明部室", "先进个人")
CAMPAIGN_TITLE = "年度文明部室和先进个人评选"
BULLETIN_TITLE = "年度文明部室和先进个人的决定"

# How pip reports an index it cannot reach (urllib3's errors in its retry warnings).
UNREACHABLE = re.compile(r"NewConnectionError|ConnectTimeoutError|ProxyError|Name or service not known|"
                         r"Temporary failure in name resolution|Network is unreachable|No route to host")
# What the working tree holds besides what git tracks: leftovers of builds and tests, never part of a release.
LEFTOVERS = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".venv",
                                   "output", "output.*", ".honours-cache", "test-artifacts")


@dataclass(frozen=True)
class Venv:
    """A fresh virtual environment with the wheel installed, and a shell environment with it activated."""

    root: Path
    env: dict[str, str]

    def run(self, *args: str, cwd: Path) -> str:
        """Run one of the venv's commands as a user would in a shell; return what it printed."""
        bin_dir = self.root / ("Scripts" if os.name == "nt" else "bin")
        command = shutil.which(args[0], path=str(bin_dir))
        assert command, f"{args[0]} is not installed in the venv"
        result = subprocess.run([command, *args[1:]], cwd=cwd, env=self.env, capture_output=True, text=True,
                                encoding="utf-8", errors="replace")
        assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout


def pip(*args: str, cwd: Path) -> None:
    """Run pip; skip the test when it cannot reach a package index, unless $CI is set (CI has PyPI: it must run)."""
    result = subprocess.run([sys.executable, "-m", "pip", *args], cwd=cwd, capture_output=True, text=True,
                            encoding="utf-8", errors="replace")
    output = f"{result.stdout}\n{result.stderr}"
    if result.returncode != 0 and UNREACHABLE.search(output) and not os.environ.get("CI"):
        errors = [line.strip() for line in output.splitlines() if line.strip().startswith("ERROR:")]
        pytest.skip(f"pip cannot reach a package index (no network?): {(errors or ['?'])[-1]}")
    assert result.returncode == 0, f"pip {' '.join(args)} failed:\n{output}"


def copy_release_files(source: Path) -> list[str]:
    """Copy the repository's files, as a fresh clone has them, into `source`; return their names."""
    try:  # git's own list: tracked files and new ones not ignored, as they are now in the working tree
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                                capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    except (OSError, subprocess.CalledProcessError):  # not a git checkout (an unpacked archive)
        shutil.copytree(REPO, source, ignore=LEFTOVERS)
        return [p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()]
    names = [name for name in listed if name and (REPO / name).is_file()]  # deleted files are still listed
    for name in names:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, source / name)
    return names


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The wheel built as a user builds it, from a clean copy of the repository; and the copy's file names."""
    folder = tmp_path_factory.mktemp("wheel")
    # A clean copy: the repository's own build/ and *.egg-info would leak into the wheel, and pip
    # writes both into the folder it builds from, which must not be the repository.
    names = copy_release_files(folder / "source")
    # No cache: pip keeps a wheel built from a folder whose path looks like name-version, as pytest's
    # do, so each run would add one to ~/.cache/pip.
    pip("wheel", str(folder / "source"), "--no-deps", "--no-cache-dir", "-w", str(folder / "dist"), cwd=folder)
    (built,) = (folder / "dist").glob("honours-*.whl")
    return built, names


@pytest.fixture(scope="module")
def venv(wheel: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """A fresh venv, outside the repository, with the wheel and its dependencies installed."""
    root = tmp_path_factory.mktemp("venv").resolve()
    # No pip, so no setuptools either (as in Python 3.12's venvs): only what honours asks for gets installed.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    python = shutil.which("python", path=str(root / ("Scripts" if os.name == "nt" else "bin")))
    assert python
    # This Python's pip installs into the venv; its cache, which CI fills just before, saves the downloads.
    pip("--python", python, "install", str(wheel[0]), "--prefer-binary", "--no-compile", cwd=root)
    # An activated venv in a clean shell: nothing of this Python's own settings or paths.
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTHON")}
    env.update(VIRTUAL_ENV=str(root), PATH=os.pathsep.join([str(Path(python).parent), os.environ.get("PATH", "")]))
    return Venv(root, env)


def test_the_wheel_holds_every_file_of_the_package(wheel: tuple[Path, list[str]]) -> None:
    """Every file under honours/ ships: modules, the theme's templates, assets and strings, the orderings' data."""
    built, names = wheel
    with zipfile.ZipFile(built) as archive:
        shipped = set(archive.namelist())
    missing = sorted(name for name in names if name.startswith("honours/") and name not in shipped)
    assert not missing, "not in the wheel (pyproject.toml's package-data):\n" + "\n".join(missing)


def test_the_venv_runs_the_installed_wheel_not_the_repository(venv: Venv, tmp_path: Path) -> None:
    """honours and its theme are imported from the venv; no path of the repository is on sys.path."""
    script = "import sys, honours.theme; print(honours.theme.__file__); print(*sys.path, sep='\\n')"
    printed = venv.run("python", "-c", script, cwd=tmp_path).splitlines()
    theme, paths = Path(printed[0]).resolve(), [Path(p).resolve() for p in printed[1:] if p]
    assert theme.is_relative_to(venv.root), theme
    assert not [p for p in paths if p.is_relative_to(REPO.resolve())], paths


@pytest.mark.parametrize("way", ["--site demo", "cd demo"])
def test_init_then_build_makes_a_complete_site(venv: Venv, tmp_path: Path, way: str) -> None:
    """`honours init demo`, then `honours build --site demo` or `cd demo && honours build`: the whole site is there."""
    printed = venv.run("honours", "init", "demo", cwd=tmp_path)
    assert "honours build --site demo" in printed  # the next step it suggests is the one run here
    demo = tmp_path / "demo"
    if way == "cd demo":
        venv.run("honours", "build", cwd=demo)
    else:
        venv.run("honours", "build", "--site", "demo", cwd=tmp_path)
    check_complete(demo)


def check_complete(demo: Path) -> None:
    """The built site has its pages of every kind, styles, search and printable pages, with the sample's records."""
    output = demo / "output"
    (campaign,) = (p.name for p in (demo / "content/campaigns").iterdir())
    (bulletin,) = (p.stem for p in (demo / "content/bulletins").glob("*.md"))
    pages = ["index.html", "404.html", "search.html", "people/index.html", f"people/{PERSON}.html",
             "units/index.html", f"units/{UNIT}.html", "campaigns/index.html", f"campaigns/{campaign}/index.html",
             f"campaigns/{campaign}/honour-roll.html", "bulletins/index.html", f"bulletins/{bulletin}.html",
             "years/index.html", f"print/campaigns/{campaign}/honour-roll.html",
             f"print/campaigns/{campaign}/board.html", f"print/bulletins/{bulletin}.html", f"print/units/{UNIT}.html"]
    files = ["assets/css/site.css", "assets/css/print.css", "assets/css/document.css", "assets/js/search.js",
             "pagefind/pagefind.js"]
    missing = [name for name in pages + files if not (output / name).is_file() or not (output / name).stat().st_size]
    assert not missing, f"missing or empty in {output}: {missing}"

    site = SiteFiles.from_folder(output)
    scanned = scan(site)
    assert "assets/css/site.css" in stylesheets(site, scanned, "index.html")
    assert "assets/css/print.css" in stylesheets(site, scanned, f"print/campaigns/{campaign}/honour-roll.html")
    # Every page, style sheet, script and image a page refers to is there, the site opened from its folder.
    broken = broken_references(site, scanned, folder_index=False)
    assert not broken, "\n".join(broken[:30])

    text = {name: page_text(output / name) for name in pages}
    assert PERSON_NAME in text[f"people/{PERSON}.html"] and UNIT_NAME in text[f"people/{PERSON}.html"]
    assert UNIT_NAME in text[f"units/{UNIT}.html"]
    assert CAMPAIGN_TITLE in text[f"campaigns/{campaign}/index.html"]
    assert BULLETIN_TITLE in text[f"bulletins/{bulletin}.html"]
    for roll in (f"campaigns/{campaign}/honour-roll.html", f"print/campaigns/{campaign}/honour-roll.html",
                 f"print/bulletins/{bulletin}.html"):
        assert all(name in text[roll] for name in (PERSON_NAME, UNIT_NAME, *AWARD_NAMES)), roll


def stylesheets(site: SiteFiles, scanned: SiteScan, page: str) -> set[str]:
    """Return the site files a page links as style sheets."""
    return {resolve(site, page, ref.url)[0] for ref in scanned.references
            if ref.source == page and (ref.tag, ref.attribute) == ("link", "href") and ref.url.endswith(".css")}


class _Text(HTMLParser):
    """Collect a page's text, leaving out what is inside <script>, <style> and <template>."""

    HIDDEN = ("script", "style", "template")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._inside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self._inside.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._inside and self._inside[-1] == tag:
            self._inside.pop()

    def handle_data(self, data: str) -> None:
        if not self._inside:
            self.parts.append(data)


def page_text(path: Path) -> str:
    """Return a page's text as a reader sees it: no tags, attributes, scripts or styles."""
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return " ".join(parser.parts)
