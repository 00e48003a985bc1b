"""`deploy DEST` mirrors output/ into a folder: changed files only, stale ones removed, never a site without a home page."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from conftest import run, write_tree
from honours import deploy

SITE = {"index.html": "<h1>首页</h1>", "people/zhang-wei.html": "张伟", "people/li-na.html": "李娜",
        "assets/site.css": "body{}", "search/index.json": "{}"}


@pytest.fixture
def output(tmp_path: Path) -> Path:
    """A built site as deploy sees it (deploy copies bytes; what they are does not matter)."""
    return write_tree(tmp_path / "site/output", SITE)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != deploy.MANIFEST}


def test_deploy_copies_the_site_then_only_what_changed_and_removes_what_it_no_longer_has(output: Path,
                                                                                          tmp_path: Path) -> None:
    dest = tmp_path / "共享 文件夹/光荣榜"
    assert deploy.deploy(output, dest) == deploy.Deployed(copied=5, deleted=0, unchanged=0)
    assert tree(dest) == tree(output)
    assert deploy.deploy(output, dest) == deploy.Deployed(copied=0, deleted=0, unchanged=5)

    (output / "people/zhang-wei.html").write_text("张伟（已改）", encoding="utf-8")
    (output / "people/li-na.html").unlink()
    write_tree(output, {"people/wang-fang.html": "王芳"})
    write_tree(dest, {"web.config": "<configuration/>", "people/照片说明.txt": "别人放的"})  # not honours'
    assert deploy.deploy(output, dest) == deploy.Deployed(copied=2, deleted=1, unchanged=3)
    others = {"web.config": b"<configuration/>", "people/\u7167\u7247\u8bf4\u660e.txt": "别人放的".encode()}
    assert tree(dest) == {**tree(output), **others}  # what honours did not put there stays
    manifest = json.loads((dest / deploy.MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == sorted(tree(output))


def test_the_home_page_is_copied_last_and_stale_files_go_after_every_copy(output: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "dest"
    deploy.deploy(output, dest)
    for name in SITE:
        (output / name).write_text(f"新 {name}", encoding="utf-8")
    (output / "people/li-na.html").unlink()
    done: list[str] = []
    replace, unlink = os.replace, Path.unlink
    monkeypatch.setattr(os, "replace", lambda a, b: (done.append(f"copy {Path(b).name}"), replace(a, b)))
    monkeypatch.setattr(Path, "unlink", lambda self, **kw: (done.append(f"delete {self.name}"), unlink(self, **kw)))
    deploy.deploy(output, dest)
    copies = [d for d in done if d.startswith("copy") and deploy.MANIFEST not in d]
    assert copies[-1] == "copy index.html" and done.index("delete li-na.html") > done.index("copy index.html")


def test_a_locked_file_is_named_and_dest_keeps_a_whole_site(output: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "dest"
    deploy.deploy(output, dest)
    before = tree(dest)
    for name in SITE:
        (output / name).write_text(f"新 {name}", encoding="utf-8")
    (output / "people/li-na.html").unlink()
    replace = os.replace

    def locked(source: str, target: str) -> None:  # as Windows refuses a file another program has open
        if Path(target).name == "zhang-wei.html":
            raise PermissionError("locked")
        replace(source, target)

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(deploy.DeployFailed) as failed:
        deploy.deploy(output, dest)
    assert f"{dest / 'people/zhang-wei.html'}: 无法写入" in failed.value.lines[0]
    assert "没有写入权限，或文件正被其他程序打开" in failed.value.lines[0] and len(failed.value.lines) == 1
    assert failed.value.outcome.startswith(f"首页 {dest / 'index.html'} 没有更新，也没有删除任何文件")
    after = tree(dest)
    assert after["index.html"] == before["index.html"]  # the old home page, linking only to pages still there
    assert after["people/zhang-wei.html"] == before["people/zhang-wei.html"]
    assert "people/li-na.html" in after  # nothing deleted
    assert not [p for p in dest.rglob("*.honours-deploy")]
    monkeypatch.setattr(os, "replace", replace)  # the program closed: the next deploy finishes the job
    assert deploy.deploy(output, dest) == deploy.Deployed(copied=2, deleted=1, unchanged=2)
    assert tree(dest) == tree(output)


def test_a_read_only_file_is_refused_before_anything_changes(output: Path, tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    deploy.deploy(output, dest)
    before = tree(dest)
    (output / "index.html").write_text("新首页", encoding="utf-8")
    (output / "assets/site.css").write_text("body{color:red}", encoding="utf-8")
    (dest / "assets/site.css").chmod(stat.S_IRUSR)
    try:
        with pytest.raises(deploy.DeployFailed) as failed:
            deploy.deploy(output, dest)
    finally:
        (dest / "assets/site.css").chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert failed.value.lines == (f"{dest / 'assets/site.css'}: 文件是只读的，没有替换或删除它 — 在文件属性中去掉“只读”"
                                  "（或请管理员给予写入权限）后重新部署",)
    assert failed.value.outcome == "目标文件夹没有任何改动。"
    assert tree(dest) == before


def test_the_command_reports_counts_and_refuses_a_folder_in_the_site(site_dir: Path, tmp_path: Path) -> None:
    write_tree(site_dir / "output", SITE)
    dest = tmp_path / "web root"
    result = run("deploy", str(dest), "--site", str(site_dir))
    assert result.exit_code == 0, result.output
    assert f"已部署到 {dest}：复制 5 个文件、删除 0 个、未变 0 个" in result.output
    inside = run("deploy", str(site_dir / "output/copy"), "--site", str(site_dir))
    assert inside.exit_code == 1 and "在输出文件夹" in inside.output and not (site_dir / "output/copy").exists()
    site = run("deploy", str(site_dir / "published"), "--site", str(site_dir))
    assert site.exit_code == 1 and "在网站文件夹之内" in site.output


def test_the_command_without_a_built_site_says_to_build_first(site_dir: Path, tmp_path: Path) -> None:
    result = run("deploy", str(tmp_path / "dest"), "--site", str(site_dir))
    assert result.exit_code == 1 and f"先运行 honours build --site {site_dir} 生成网站" in result.output
