"""Placeholders never publish unseen: `new`'s 待填写 and “← 暂填” values and init's sample records are warnings,
errors under --strict, each at its file, line and field; a sample campaign never takes the home page."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import MINIMAL_SITE, run, write_tree
from honours.placeholders import SAMPLE, placeholders
from honours.scaffold.new import new_record


def test_placeholders_are_found_by_line_and_field() -> None:
    text = "---\n# 待填写 in a note is no value\nkind: 待填写  # ← 暂填，请改成实际的内容\nstart: 2026-12  # ← 暂填\n---\n"
    found = placeholders(text)
    assert [(p.line, p.field, p.sample) for p in found] == [(3, "kind", False), (4, "start", False)]
    assert placeholders("---\nname: 张伟\n---\n") == ()


def test_new_campaigns_placeholders_warn_and_fail_strict(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", MINIMAL_SITE)
    new_record(site, "campaign", "banzu", {"title": "2025年度先进班组评选"}, today=dt.date(2026, 12, 4))
    checked = run("check", "--site", str(site))
    assert checked.exit_code == 0, checked.output
    index = "content/campaigns/banzu/index.md"
    text = (site / index).read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(text, 1) if t.startswith("organiser: 待填写"))
    assert f"警告 {index}:{line}: organiser: 还是 new 暂填的内容" in checked.output
    start = next(n for n, t in enumerate(text, 1) if t.startswith("start: 2025-01  # ← 暂填"))
    assert f"警告 {index}:{start}: start: 还是 new 暂填的内容" in checked.output
    strict = run("check", "--strict", "--site", str(site))
    assert strict.exit_code == 1 and f"错误 {index}:{line}: organiser:" in strict.output


def test_init_samples_are_warned_about_until_the_line_is_gone(tmp_path: Path) -> None:
    folder = tmp_path / "新网站"
    assert run("init", str(folder)).exit_code == 0
    strict = run("check", "--strict", "--site", str(folder))
    assert strict.exit_code == 1
    assert "content/people/zhang-wei.md:3: 这是新建网站时写入的示例人员" in strict.output
    for path in (folder / "content").rglob("*.*"):
        text = path.read_text(encoding="utf-8")
        path.write_text("".join(line for line in text.splitlines(keepends=True) if SAMPLE not in line), encoding="utf-8")
    assert run("check", "--strict", "--site", str(folder)).exit_code == 0


def test_a_sample_campaign_never_takes_the_home_page_from_a_real_one(tmp_path: Path) -> None:
    sample = MINIMAL_SITE["content/campaigns/wenming-2024/index.md"].replace(
        "---\ntitle: 2024年文明部室创建活动", f"---\n# {SAMPLE}\ntitle: 2099年示例活动").replace(
        "start: 2024-02\nend: 2024-12", "start: 2099-01\nend: 2099-12")
    site = write_tree(tmp_path / "site", {**MINIMAL_SITE, "content/campaigns/shili/index.md": sample})
    built = run("build", "--site", str(site))
    assert built.exit_code == 0, built.output
    home = (site / "output/index.html").read_text(encoding="utf-8")
    banner = home.split('class="banner__title"', 1)[1].split("</h1>", 1)[0]
    assert "2024年文明部室创建活动" in banner and "示例" not in banner
