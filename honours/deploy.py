"""`deploy DEST`: mirror the built site (output/) into a shared folder or a web server's document root.

Readers may open DEST at any moment, so it always holds a whole site: each file is written beside its
old self and swapped in with os.replace (a reader sees the old file or the new, never half of one);
the home page comes last, so it never links to a page not yet copied; stale files go only after every
copy has succeeded. A manifest in DEST (MANIFEST) records what honours put there, with each file's size
and SHA-256: a file is copied again only when the site's differs, and only a file honours put there is
ever deleted. Whatever else DEST holds (a web.config, an old site someone keeps) is left alone, unless
the site has a file of the same path.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .errors import reason
from .hints import command

MANIFEST = ".honours-deploy.json"
HOME = "index.html"
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Deployed:
    """What a deploy did: files copied, deleted, and left as they were."""

    copied: int
    deleted: int
    unchanged: int


class DeployFailed(Exception):
    """DEST was not (fully) brought up to date: `lines` say which file and why, and how to fix it, and
    `outcome` what state DEST was left in, in Chinese."""

    def __init__(self, lines: tuple[str, ...], outcome: str = "") -> None:
        super().__init__("\n".join((*lines, outcome)))
        self.lines, self.outcome = lines, outcome


@dataclass(frozen=True, slots=True)
class _Entry:
    size: int
    sha256: str


@dataclass(slots=True)
class _Plan:
    """What a deploy is to do, by each file's path in the site (with / separators)."""

    site: dict[str, _Entry] = field(default_factory=dict)
    copy: list[str] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)
    unchanged: int = 0


def refusal(site_root: Path, output: Path, dest: Path) -> str | None:
    """Return why DEST may not be deployed into (in Chinese), or None when it may."""
    dest, site_root, output = (Path(os.path.abspath(p)) for p in (dest, site_root, output))
    if dest.is_relative_to(output):
        return f"目标文件夹“{dest}”在输出文件夹 {output} 之内 — 换一个网站以外的文件夹，例如共享文件夹或网站服务器的根目录"
    if dest.is_relative_to(site_root) or site_root.is_relative_to(dest):
        return (f"目标文件夹“{dest}”{'在网站文件夹之内' if dest.is_relative_to(site_root) else '包含了网站文件夹'}"
                f"（{site_root}）— 换一个网站以外的文件夹，例如共享文件夹或网站服务器的根目录")
    if dest.exists() and not dest.is_dir():
        return f"“{dest}”是一个文件，不是文件夹 — 写出要放网站的文件夹"
    if not (output / HOME).is_file():
        return f"{output} 中没有生成好的网站（找不到 {HOME}） — 先运行 {command('build', site=site_root)} 生成网站，再部署"
    return None


def deploy(output: Path, dest: Path) -> Deployed:
    """Mirror `output` into `dest`; raise DeployFailed, leaving DEST a whole site, when a file cannot be written."""
    if not (output / HOME).is_file():
        raise DeployFailed((f"{output} 中没有生成好的网站（找不到 {HOME}） — 先生成网站（build），再部署",))
    dest.mkdir(parents=True, exist_ok=True)
    deployed = _read_manifest(dest)
    plan = _plan(output, dest, deployed)
    _refuse_read_only(dest, plan)
    failed = _copy_all(output, dest, plan, deployed)
    outcome = (f"首页 {dest / HOME} 没有更新，也没有删除任何文件：目标文件夹仍是上次部署的完整网站"
               "（已复制的新文件不影响它）。" if failed else "")
    if not failed:
        failed = _delete_all(dest, plan, deployed)
        outcome = "网站文件都已更新，只是以上文件没能删除。" if failed else ""
    _write_manifest(dest, deployed)
    if failed:
        raise DeployFailed(tuple(failed), outcome)
    return Deployed(len(plan.copy), len(plan.delete), plan.unchanged)


def _plan(output: Path, dest: Path, deployed: dict[str, _Entry]) -> _Plan:
    plan = _Plan()
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        name = path.relative_to(output).as_posix()
        entry = plan.site[name] = _entry(path)
        target = dest / name
        if _same(target, entry, deployed.get(name)):
            deployed[name] = entry  # a file already there with the site's bytes is the site's from now on
            plan.unchanged += 1
        else:
            plan.copy.append(name)
    plan.copy.sort(key=lambda name: name == HOME)  # the home page last: it links only to pages already there
    plan.delete = sorted(name for name in deployed if name not in plan.site)
    return plan


def _same(target: Path, entry: _Entry, recorded: _Entry | None) -> bool:
    """Return whether `target` holds the bytes `entry` describes: by the manifest when it recorded them and the
    size still agrees (reading a share's every file back would be slow), else by reading the file."""
    try:
        size = target.stat().st_size
    except OSError:
        return False
    if size != entry.size:
        return False
    return recorded == entry or _entry(target) == entry


def _entry(path: Path) -> _Entry:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return _Entry(path.stat().st_size, digest.hexdigest())


def _refuse_read_only(dest: Path, plan: _Plan) -> None:
    """Refuse before changing anything when a file to be replaced or deleted is marked read-only."""
    locked = [name for name in (*plan.copy, *plan.delete) if _read_only(dest / name)]
    if locked:
        raise DeployFailed(tuple(
            f"{dest / name}: 文件是只读的，没有替换或删除它 — 在文件属性中去掉“只读”（或请管理员给予写入权限）后重新部署"
            for name in locked), "目标文件夹没有任何改动。")


def _read_only(path: Path) -> bool:
    try:
        return not path.lstat().st_mode & stat.S_IWUSR
    except OSError:
        return False


def _copy_all(output: Path, dest: Path, plan: _Plan, deployed: dict[str, _Entry]) -> list[str]:
    """Copy each changed file; on a failure, copy the others but not the home page, and return what failed."""
    failed: list[str] = []
    for name in plan.copy:
        if name == HOME and failed:
            break
        try:
            _copy(output / name, dest / name)
        except OSError as exc:
            failed.append(f"{dest / name}: 无法写入（{_reason(exc)}）— 关闭正在使用它的程序（或请管理员给予写入权限）"
                             "后重新部署；原来的文件保持原样")
            continue
        deployed[name] = plan.site[name]
    return failed


def _copy(source: Path, target: Path) -> None:
    """Write `target` beside itself and swap it in, so a reader never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.honours-deploy")
    try:
        temporary.write_bytes(source.read_bytes())
        os.replace(temporary, target)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


def _delete_all(dest: Path, plan: _Plan, deployed: dict[str, _Entry]) -> list[str]:
    failed = []
    for name in plan.delete:
        try:
            (dest / name).unlink(missing_ok=True)
        except OSError as exc:
            failed.append(f"{dest / name}: 网站已不再有这个文件，但无法删除它（{_reason(exc)}）— 关闭正在使用它的程序后"
                          "重新部署")
            continue
        del deployed[name]
        _remove_empty_folders((dest / name).parent, dest)
    return failed


def _remove_empty_folders(folder: Path, dest: Path) -> None:
    while folder != dest and folder.is_relative_to(dest):
        try:
            folder.rmdir()  # only an empty one: a folder with someone else's files in it stays
        except OSError:
            return
        folder = folder.parent


def _read_manifest(dest: Path) -> dict[str, _Entry]:
    try:
        data = json.loads((dest / MANIFEST).read_text(encoding="utf-8"))
        return {name: _Entry(int(e["size"]), str(e["sha256"])) for name, e in data["files"].items()}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DeployFailed((f"{dest / MANIFEST}: 无法读取上次部署的记录（{exc}）— 这个文件记着 honours 放进来的文件；"
                            "它损坏时删去它再部署（只会多复制一遍，不会删除任何文件）",)) from None


def _write_manifest(dest: Path, deployed: dict[str, _Entry]) -> None:
    data = {"note": "honours deploy: the files honours put in this folder (deleted when the site no longer has them)",
            "files": {name: {"size": e.size, "sha256": e.sha256} for name, e in sorted(deployed.items())}}
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    try:
        _write_text(dest / MANIFEST, text)
    except OSError as exc:
        raise DeployFailed((f"{dest / MANIFEST}: 无法写入部署记录（{_reason(exc)}）— 网站文件已更新；"
                            "检查写入权限后重新部署",)) from None


def _write_text(path: Path, text: str) -> None:
    temporary = path.with_name(f"{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _reason(exc: OSError) -> str:
    if exc.errno is None and isinstance(exc, PermissionError):  # as Windows' locks are raised at times
        return reason(PermissionError(errno.EACCES, ""))
    return reason(exc)
