"""Fixtures that build on each other: a site folder written from a dict, then built with the CLI."""
from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from honours.options import BuildOptions
from honours import pipeline
from honours.cli import main

REPO = Path(__file__).resolve().parent.parent

# The smallest site that shows every record type and relation.
MINIMAL_SITE: dict[str, str | bytes] = {
    "site.toml": 'title = "测试光荣榜"\norganisation = "测试公司"\n',
    "content/units/jiguan.md": "---\nname: 机关\nkind: 机关\n---\n机关简介。\n",
    "content/units/xuanchuan.md": "---\nname: 宣传部\nkind: 部室\nparent: jiguan\n---\n",
    "content/people/zhang-wei.md": (
        "---\nname: 张伟\nunit: xuanchuan\nposition: 干事\nstaff_no: A20240017\nphone: '13900001111'\n---\n"
        "长期从事宣传工作。\n"),
    "content/people/li-na.md": "---\nname: 李娜\nunit: xuanchuan\n---\n",
    "content/campaigns/wenming-2024/index.md": (
        "---\ntitle: 2024年文明部室创建活动\norganiser: 机关党委\nstart: 2024-02\nend: 2024-12\n"
        "phases:\n  - name: 宣传发动阶段\n    start: 2024-02\n    end: 2024-03 上旬\n"
        "awards:\n  - id: wenming-bushi\n    name: 文明部室\n    recipient: unit\n"
        "  - id: dushu\n    name: 读书积极分子\n    recipient: person\n"
        "  - id: xingji\n    name: 星级服务窗口\n    recipient: unit\n    levels: [五星, 四星, 三星]\n"
        "featured: true\n---\n活动正文。\n"),
    "content/campaigns/wenming-2024/honours.yaml": (
        "- award: wenming-bushi\n  unit: xuanchuan\n  date: 2024-07-01\n  citation: 宣传工作**成绩突出**。\n"
        "- award: dushu\n  people: [zhang-wei, li-na]\n"),
    "content/bulletins/biaozhang-2024.md": (
        "---\ntitle: 关于表彰2024年度文明部室的决定\nnumber: 机关党发〔2024〕12号\nissuer: 中共某某公司机关委员会\n"
        "date: 2024-07-01\nkind: 表彰决定\naddressees: [机关各部室]\ncampaign: wenming-2024\n---\n"
        "为表彰先进，决定：\n\n{{< honours campaign=\"wenming-2024\" award=\"wenming-bushi\" >}}\n\n特此通报。\n"),
}


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write a file tree from {relative path: text or bytes} and return its root."""
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


def run(*args: str) -> Result:
    """Run the command line as a user would, capturing what it prints."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pipeline.BuildResult]:
    """The repository's example site, built once into a temporary folder (never into the repo)."""
    folder = tmp_path_factory.mktemp("example")
    return folder / "output", pipeline.build(BuildOptions(REPO, output=folder / "output", cache=folder / "cache"))


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    """A valid minimal site in a fresh folder."""
    return write_tree(tmp_path / "site", MINIMAL_SITE)


@pytest.fixture
def built(site_dir: Path) -> Path:
    """The minimal site, built; returns its output folder."""
    result = run("build", "--site", str(site_dir))
    assert result.exit_code == 0, result.output
    return site_dir / "output"


@contextlib.contextmanager
def serving(folder: Path, handler: type[SimpleHTTPRequestHandler] = SimpleHTTPRequestHandler) -> Iterator[str]:
    """Serve `folder` over http on a free local port while in the block; give the server's address."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
