"""Windows-safe: worker pools that start as Windows starts them (spawn), and a site folder named in Chinese with a space."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from conftest import MINIMAL_SITE, REPO, run, write_tree
from honours import processes


def jpeg(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


# Two people with photos: two photo jobs, so the photo pool starts real workers even on two cores.
PHOTO_SITE = {
    **MINIMAL_SITE,
    "content/people/zhang-wei.md": "---\nname: 张伟\nunit: xuanchuan\nphoto: zhang-wei.jpg\n---\n",
    "content/people/zhang-wei.jpg": jpeg(413, 579, (180, 120, 90)),
    "content/people/li-na.md": "---\nname: 李娜\nunit: xuanchuan\nphoto: li-na.jpg\n---\n",
    "content/people/li-na.jpg": jpeg(413, 579, (90, 120, 180)),
}


def assert_portrait_published(output: Path, person: str) -> None:
    """Assert the person's page shows a portrait made by the photo workers, and the file is there."""
    page = (output / f"people/{person}.html").read_text(encoding="utf-8")
    portraits = re.findall(r'src="\.\./(media/[^"]+)"', page)
    assert portraits and all((output / portrait).stat().st_size > 0 for portrait in portraits)


def test_start_method_follows_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(processes.START_METHOD_VARIABLE, "spawn")
    assert processes.start_method("fork") == "spawn" and not processes.forks()
    assert processes.pool_context("fork").get_start_method() == "spawn"
    monkeypatch.setenv(processes.START_METHOD_VARIABLE, "nonesuch")  # ignored, with a warning
    assert processes.start_method("spawn") == "spawn"
    monkeypatch.delenv(processes.START_METHOD_VARIABLE)
    assert processes.start_method("fork") in ("fork", "spawn")  # spawn where there is no fork (Windows)


def test_photos_and_pdfs_are_made_by_spawned_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.skip(f"WeasyPrint cannot run here: {exc}")
    monkeypatch.setenv(processes.START_METHOD_VARIABLE, "spawn")
    site = write_tree(tmp_path / "site", PHOTO_SITE)
    result = run("pdf", "--site", str(site), "--only", "bulletins/*")  # one PDF: a pool of one spawned worker
    assert result.exit_code == 0, result.output
    output = site / "output"
    assert (output / "print/bulletins/biaozhang-2024.pdf").read_bytes().startswith(b"%PDF")
    assert_portrait_published(output, "zhang-wei")


def test_a_site_in_a_folder_named_in_chinese_with_a_space(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "宣传部 光荣榜", PHOTO_SITE)
    result = run("build", "--site", str(site))
    assert result.exit_code == 0, result.output
    output = site / "output"
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "测试光荣榜" in home and "2024年文明部室创建活动" in home
    assert "宣传部" in (output / "people/li-na.html").read_text(encoding="utf-8")
    assert_portrait_published(output, "li-na")
    # Run again from inside the folder, as a clerk does after opening a command prompt there.
    assert run("check", "--site", str(site)).exit_code == 0


def test_python_dash_m_honours_runs_the_command_line(tmp_path: Path) -> None:
    # Where pip put the console script off PATH, `py -m honours` is the guide's way round.
    site = write_tree(tmp_path / "宣传部 光荣榜", MINIMAL_SITE)
    done = subprocess.run([sys.executable, "-m", "honours", "check", "--site", str(site)], capture_output=True,
                          cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert done.returncode == 0 and "检查通过" in done.stdout.decode("utf-8"), done.stderr.decode("utf-8", "replace")
