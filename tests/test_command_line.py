"""The command line speaks Chinese, and every command it suggests works when pasted into the same window."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from conftest import run, write_tree
from honours import hints
from honours.cli import main

CJK = re.compile(r"[\u4e00-\u9fff]")


def commands(group: click.Group, path: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((f"{path}{name}", command))
        if isinstance(command, click.Group):
            found += commands(command, f"{path}{name} ")
    return found


@pytest.mark.parametrize("name, command", [("", main), *commands(main)], ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_and_option_has_chinese_help(name: str, command: click.Command) -> None:
    assert CJK.search(command.help or ""), name
    for param in command.params:
        if isinstance(param, click.Option):
            assert CJK.search(param.help or ""), f"{name} {param.opts}"
    shown = run(*name.split(), "--help")
    assert shown.exit_code == 0 and "用法：" in shown.output and "显示本说明并退出" in shown.output
    assert not re.search(r"\b(Usage|Options|Show this message)\b", shown.output)


@pytest.mark.parametrize("args, message", [
    (["biuld"], "错误：没有这个命令“biuld”，是不是 build？"),
    (["new", "persn"], "错误：没有这个命令“persn”，是不是 person？"),
    (["build", "--sit", "x"], "错误：没有这个选项“--sit”，是不是 --site"),
    (["import"], "错误：缺少参数 花名册"),
    (["import", "没有这个文件.xlsx"], "错误：花名册 的值不对：文件“没有这个文件.xlsx”不存在"),
    (["serve", "--port", "八千"], "错误：--port 的值不对：“八千”不是有效的数字"),
])
def test_click_own_errors_are_in_chinese(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2 and message in result.output, result.output
    assert "Error" not in result.output and "Try " not in result.output


def test_hints_name_the_site_as_seen_from_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "宣传部 光荣榜"
    site.mkdir()
    monkeypatch.chdir(tmp_path)
    assert hints.command("check", site=site) == 'honours check --site "宣传部 光荣榜"'
    assert hints.command("import", "花名册 2025.xlsx", "--write", site=site) == (
        'honours import "花名册 2025.xlsx" --write --site "宣传部 光荣榜"')
    monkeypatch.chdir(site)
    assert hints.command("check", site=site) == "honours check"
    monkeypatch.chdir(site / "..")
    assert hints.command("check", site=Path("/srv/光荣榜")) == "honours check --site /srv/光荣榜"


def pasted(hint: str) -> list[str]:
    """Return the arguments a shell gives honours for a hint pasted into it."""
    words = shlex.split(hint)
    assert words[0] == "honours"
    return words[1:]


def test_the_import_hints_work_when_pasted(tmp_path: Path, site_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = site_dir.rename(tmp_path / "宣传部 光荣榜")
    write_tree(tmp_path, {"花名册.csv": "姓名,单位\n王芳,宣传部\n"})
    monkeypatch.chdir(tmp_path)
    shown = run("import", "花名册.csv", "--site", "宣传部 光荣榜")
    assert shown.exit_code == 0, shown.output
    hint = shown.output.split("确认无误后加 --write 执行：")[1].splitlines()[0]
    assert hint == 'honours import 花名册.csv --write --site "宣传部 光荣榜"'
    written = run(*pasted(hint))
    assert written.exit_code == 0 and (site / "content/people/wang-fang.md").is_file(), written.output
    check = re.search(r"下一步：(.+?)（", written.output)
    assert check and run(*pasted(check.group(1))).exit_code == 0


def test_init_and_new_suggest_commands_that_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    made = run("init", "新 网站")
    assert made.exit_code == 0, made.output
    assert 'honours build --site "新 网站"' in made.output and "python" not in made.output
    new = next(line.strip().split("    ")[0] for line in made.output.splitlines() if "new person" in line)
    added = run(*pasted(new))
    assert added.exit_code == 0, added.output
    assert 'honours check --site "新 网站"' in added.output
    monkeypatch.chdir(tmp_path / "新 网站")
    assert "改好后检查：honours check\n" in run("new", "person", "--name", "王芳").output


def test_a_folder_without_site_toml_is_not_a_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 1
    assert f"文件夹“{tmp_path}”不是网站（里面没有 site.toml）" in result.output
    assert "--site" in result.output and "cd" in result.output and "创建 site.toml" not in result.output
    missing = run("check", "--site", "没有这个文件夹")
    assert missing.exit_code == 1 and f"网站文件夹“{tmp_path / '没有这个文件夹'}”不存在" in missing.output
