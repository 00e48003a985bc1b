"""Nothing is lost when the machine misbehaves: two builds at once, a kill mid-publish, a full disk, a cache deleted.

At every moment output/ holds a whole site whose links resolve (old, new, or the old with some of the
new files beside it), and what the user is told names the file and what to do.
"""
from __future__ import annotations

import errno
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MINIMAL_SITE, REPO, run, write_tree
from sitecheck import SiteFiles, broken_references, reachable, scan

from honours import cachefiles, write
from honours.lock import one_build

PEOPLE = 120  # enough pages that publishing takes a moment a kill can land in


@pytest.fixture
def big_site(tmp_path: Path) -> Path:
    """The minimal site, with a traditional edition and many people in the unit whose id will change."""
    files = dict(MINIMAL_SITE)
    files["site.toml"] += 'traditional_edition = "fanti"\n'
    for number in range(PEOPLE):
        files[f"content/people/p{number:03}.md"] = f"---\nname: 员工{number:03}\nunit: xuanchuan\nposition: 干事\n---\n"
    return write_tree(tmp_path / "site", files)


def _rename_unit(site: Path) -> None:
    """Give 宣传部 a new id: a new page, an old one to delete, and every member's page changed to link the new."""
    (site / "content/units/xuanchuan.md").rename(site / "content/units/xuanchuanbu.md")
    for path in [*(site / "content/people").glob("*.md"), site / "content/campaigns/wenming-2024/honours.yaml"]:
        path.write_text(path.read_text(encoding="utf-8").replace("xuanchuan", "xuanchuanbu"), encoding="utf-8")


def _broken(output: Path) -> list[str]:
    """Return the broken links of the pages a reader can reach from the home pages.

    A page written before the crash but not yet linked from any (a new one, or the new edition's
    twin of one) is not part of the published site yet: its own links may wait for pages written
    after it, since pages link to each other both ways.
    """
    files = SiteFiles.from_folder(output)
    site = scan(files)
    seen = reachable(files, site, ["index.html", "fanti/index.html"])
    return [problem for problem in broken_references(files, site) if problem.split(":")[0] in seen]


def _build_command(site: Path) -> list[str]:
    return [sys.executable, str(REPO / "build.py"), "build", "--site", str(site), "--quiet"]


def _snapshot(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def test_a_second_build_waits_for_the_first_and_says_so(site_dir: Path) -> None:
    with one_build(site_dir / ".honours-cache", lambda: None):  # a build under way
        second = subprocess.Popen(_build_command(site_dir), stderr=subprocess.PIPE, text=True, encoding="utf-8")
        said = second.stderr.readline()
        time.sleep(0.5)
        assert second.poll() is None  # still waiting
        assert not (site_dir / "output").exists()
    assert second.wait(timeout=120) == 0
    assert "另一个构建正在进行" in said
    assert (site_dir / "output/index.html").is_file()


def test_two_builds_at_once_publish_the_search_index_a_lone_build_makes(big_site: Path, tmp_path: Path) -> None:
    lone = tmp_path / "lone"
    shutil.copytree(big_site, lone)
    assert subprocess.run(_build_command(lone), capture_output=True).returncode == 0
    builds = [subprocess.Popen(_build_command(big_site), stderr=subprocess.PIPE) for _ in range(2)]
    assert [build.wait(timeout=300) for build in builds] == [0, 0]
    for index in ("pagefind", "fanti/pagefind"):
        assert _snapshot(big_site / "output" / index) == _snapshot(lone / "output" / index)
    # The index is remembered whole: another build leaves the same.
    assert run("build", "--site", str(big_site)).exit_code == 0
    assert _snapshot(big_site / "output/pagefind") == _snapshot(lone / "output/pagefind")


@pytest.mark.parametrize("delay", [0.0, 0.003, 0.01, 0.03, 0.1])
def test_a_kill_while_publishing_leaves_a_whole_site(big_site: Path, delay: float) -> None:
    assert run("build", "--site", str(big_site)).exit_code == 0
    _rename_unit(big_site)
    output = big_site / "output"
    building = subprocess.Popen(_build_command(big_site))
    # The new unit page is among the first files written: publishing is under way once it is there.
    while not (output / "fanti/units/xuanchuanbu.html").exists() and building.poll() is None:
        time.sleep(0.0005)
    time.sleep(delay)
    building.send_signal(signal.SIGKILL)
    building.wait()
    assert (output / "index.html").is_file()
    assert _broken(output) == []
    # The next build completes the site.
    assert run("build", "--site", str(big_site)).exit_code == 0
    assert not (output / "units/xuanchuan.html").exists() and (output / "units/xuanchuanbu.html").is_file()
    assert not [p for p in output.rglob("*") if p.name.endswith((".tmp", ".partial"))]
    assert _broken(output) == []


class _FillingDisk:
    """A disk with `room` bytes left: a write past it writes what fits, then fails as a full disk does."""

    def __init__(self, room: int) -> None:
        self.room = room
        self.fdopen = os.fdopen

    def __call__(self, *args: object, **kwargs: object) -> io.BufferedWriter:
        stream = self.fdopen(*args, **kwargs)
        disk, write_bytes = self, stream.write

        def write_some(data: bytes) -> int:
            if len(data) > disk.room:
                write_bytes(data[:disk.room])
                disk.room = 0
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            disk.room -= len(data)
            return write_bytes(data)
        stream.write = write_some
        return stream


def test_a_full_disk_while_publishing_names_the_file_and_leaves_a_whole_site(big_site: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("build", "--site", str(big_site)).exit_code == 0
    _rename_unit(big_site)
    monkeypatch.setattr(cachefiles.os, "fdopen", _FillingDisk(room=40_000))  # a few pages, then full
    result = run("build", "--site", str(big_site))
    monkeypatch.undo()
    assert result.exit_code == 1
    assert "错误 输出文件 " in result.output and "磁盘已满" in result.output and "还需写入约" in result.output
    output = big_site / "output"
    assert not [p for p in output.rglob("*") if p.name.endswith((".tmp", ".partial"))]
    assert _broken(output) == []
    assert (output / "units/xuanchuan.html").is_file()  # the old page is still there for the old links
    assert run("build", "--site", str(big_site)).exit_code == 0
    assert _broken(output) == [] and not (output / "units/xuanchuan.html").exists()


def test_a_disk_without_room_for_the_new_files_is_found_before_anything_is_written(
        big_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("build", "--site", str(big_site)).exit_code == 0
    before = _snapshot(big_site / "output")
    _rename_unit(big_site)
    monkeypatch.setattr(write.shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(10**9, 10**9 - 2**20, 2**20))
    result = run("build", "--site", str(big_site))
    assert result.exit_code == 1
    assert "磁盘空间不足" in result.output and "磁盘只剩 1.0 MB" in result.output, result.output
    assert _snapshot(big_site / "output") == before


def test_a_full_disk_in_the_cache_is_told_as_the_cache(site_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(site_dir / ".honours-cache/photos/x.jpg"))
    monkeypatch.setattr("honours.making.load_site", full)
    result = run("build", "--site", str(site_dir))
    assert result.exit_code == 1
    assert "错误 缓存文件 " in result.output and "磁盘已满" in result.output and "output/ 保持原样" in result.output


def test_a_deleted_cache_folder_is_a_reason_to_build_again(site_dir: Path) -> None:
    time.sleep(cachefiles.RACY_NS / 1e9 + 0.1)  # files changed just before a build are not trusted to be unchanged
    assert run("build", "--site", str(site_dir)).exit_code == 0
    assert "已是最新" in run("build", "--site", str(site_dir)).output
    shutil.rmtree(site_dir / ".honours-cache/search")
    assert "已是最新" not in run("build", "--site", str(site_dir)).output
    assert "已是最新" in run("build", "--site", str(site_dir)).output
