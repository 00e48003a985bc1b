"""`init` makes a site that builds at once; `new` writes records that `check` accepts exactly as written."""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import run, write_tree
from honours.config import SiteConfig
from honours.fields import field, specs
from honours.model.records import Attachment, Award, Bulletin, Campaign, HonourEntry, Person, Phase, Unit
from honours.model.records import Post, kind_named
from honours.scaffold import KINDS
from honours.scaffold.notes import nested, note
from honours.scaffold.records import front_matter_file

# What each kind needs on the command line in the initialised site (the rest are left to placeholders).
NEW_ARGS = {"person": ["--name", "李娜", "--unit", "xuanchuan-bu"], "unit": ["--name", "技术发展部", "--kind", "部室"],
            "campaign": ["--title", "2025年度劳动模范评选"], "bulletin": ["--title", "关于表彰2025年度劳动模范的决定"]}
NEW_FILES = {"person": "content/people/li-na.md", "unit": "content/units/jishu-fazhan-bu.md",
             "campaign": "content/campaigns/2025-niandu-laodongmofan-pingxuan/index.md",
             "bulletin": "content/bulletins/biaozhang-2025-niandu-laodongmofan.md"}


@pytest.fixture(scope="module")
def initialised_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("init") / "site"
    result = run("init", str(folder))
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def initialised(initialised_once: Path, tmp_path: Path) -> Path:
    """A fresh copy of the site `init` made."""
    return Path(shutil.copytree(initialised_once, tmp_path / "site"))


def check(site: Path) -> None:
    """Check a site as written: no errors; warnings only of what is left to fill in (placeholders, samples)."""
    result = run("check", "--site", str(site))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("警告")]
    assert all("暂填的内容" in line or "示例" in line for line in warnings), result.output


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# init

def test_init_makes_a_site_that_builds_and_shows_its_records(tmp_path: Path) -> None:
    folder = tmp_path / "新网站"
    result = run("init", str(folder))
    assert result.exit_code == 0, result.output
    assert "已建立新网站" in result.output and "site.toml" in result.output
    assert "serve" in result.output and "new person" in result.output and "import" in result.output
    built = run("build", "--site", str(folder))
    assert built.exit_code == 0, built.output
    assert "示例单位，还没有改成真实的内容" in built.output  # the samples are warned about (errors under --strict)
    home = (folder / "output/index.html").read_text(encoding="utf-8")
    assert "文明部室和先进个人评选" in home and "张伟" in home
    bulletin = next((folder / "output/bulletins").glob("wenming-*-biaozhang.html")).read_text(encoding="utf-8")
    assert "党委宣传部" in bulletin and "张伟" in bulletin  # the honours shortcode lists the campaign's honours


def test_init_writes_every_setting_with_a_note_and_next_steps(initialised: Path) -> None:
    settings = (initialised / "site.toml").read_text(encoding="utf-8")
    for spec in specs(SiteConfig):
        # A settings table (e.g. [archive]) comes last, as a commented-out table with its own keys.
        assert re.search(rf"^(# )?({spec.name} = |\[{spec.name}\]$)", settings, re.MULTILINE), spec.name
        assert f"# {note(SiteConfig, spec)}" in settings
    # Optional settings are commented out, at their default.
    assert '# home_bulletins = 6' in settings and '# order = "strokes"' in settings
    assert re.search(r'^title = "光荣榜"', settings, re.MULTILINE)
    assert "honours serve" in (initialised / "使用说明.txt").read_text(encoding="utf-8")


def test_init_refuses_a_folder_with_files_and_writes_nothing(tmp_path: Path) -> None:
    write_tree(tmp_path / "site", {"旧通知.docx": b"x", "photos/a.jpg": b"y"})
    before = tree(tmp_path / "site")
    result = run("init", str(tmp_path / "site"))
    assert result.exit_code == 1
    assert "不是空的" in result.output and "旧通知.docx" in result.output and "photos" in result.output
    assert "没有写入任何文件" in result.output
    assert tree(tmp_path / "site") == before


def test_init_accepts_an_empty_folder_and_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert run("init", str(tmp_path / "empty")).exit_code == 0
    assert (tmp_path / "empty/site.toml").is_file()
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    result = run("init", str(tmp_path / "a.txt"))
    assert result.exit_code == 1 and "不是文件夹" in result.output


# new: the files pass check as written, and declare every field

@pytest.mark.parametrize("kind", KINDS)
def test_new_in_an_initialised_site_passes_check_as_written(initialised: Path, kind: str) -> None:
    result = run("new", kind, *NEW_ARGS[kind], "--site", str(initialised))
    assert result.exit_code == 0, result.output
    path = initialised / NEW_FILES[kind]
    assert f"已写入 {NEW_FILES[kind]}" in result.output
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw  # UTF-8 without BOM, LF
    check(initialised)


@pytest.mark.parametrize("kind", KINDS)
def test_new_in_a_small_site_passes_check_as_written(site_dir: Path, kind: str) -> None:
    args = {**NEW_ARGS, "person": ["--name", "王芳", "--unit", "xuanchuan"],
            "bulletin": ["biaozhang-2", "--title", "关于表彰的决定", "--campaign", "wenming-2024", "--date", "2024/7/1"]}
    result = run("new", kind, *args[kind], "--site", str(site_dir))
    assert result.exit_code == 0, result.output
    check(site_dir)


@pytest.mark.parametrize("kind", KINDS)
def test_new_declares_every_field_of_its_kind(initialised: Path, kind: str) -> None:
    """A field added to a record class appears in the files `new` writes, with a Chinese note, without more code."""
    assert run("new", kind, *NEW_ARGS[kind], "--site", str(initialised)).exit_code == 0
    text = (initialised / NEW_FILES[kind]).read_text(encoding="utf-8")
    record = kind_named(kind).record
    for spec in specs(record):
        assert re.search(rf"^(# )?{spec.name}:", text, re.MULTILINE), spec.name
        assert f"# {note(record, spec)}" in text, spec.name
        if (item := nested(spec)) is not None:
            for sub in specs(item):
                assert f"· {sub.name} {note(item, sub)}" in text, (spec.name, sub.name)
    if kind == "campaign":
        honours = (initialised / NEW_FILES[kind]).with_name("honours.yaml").read_text(encoding="utf-8")
        for spec in specs(HonourEntry):
            assert f"· {spec.name} {note(HonourEntry, spec)}" in honours, spec.name


def test_every_declared_field_has_a_chinese_note() -> None:
    for cls in (SiteConfig, Unit, Person, Post, Campaign, Phase, Award, HonourEntry, Bulletin, Attachment):
        for spec in specs(cls):
            assert spec.note or spec.example is not None, f"declare a Chinese note for {cls.__name__}.{spec.name}"
            assert not re.search(r"[A-Za-z]{4,} [a-z]{3,}", note(cls, spec)), (cls.__name__, spec.name)


def test_optional_fields_are_commented_out_and_placeholders_marked(initialised: Path) -> None:
    result = run("new", "campaign", "--title", "2025年度劳动模范评选", "--site", str(initialised))
    assert "暂填了：organiser（主办单位）" in result.output
    text = (initialised / NEW_FILES["campaign"]).read_text(encoding="utf-8")
    assert re.search(r"^organiser: 待填写  # ← 暂填", text, re.MULTILINE)
    assert re.search(r"^# summary: ", text, re.MULTILINE) and re.search(r"^#   - id: ", text, re.MULTILINE)
    assert text.rstrip().endswith("-->")  # the body is a hint readers never see
    honours = (initialised / NEW_FILES["campaign"]).with_name("honours.yaml").read_text(encoding="utf-8")
    assert re.search(r"^# - award: ", honours, re.MULTILINE) and not re.search(r"^- ", honours, re.MULTILINE)


def test_new_with_chinese_options_shows_them_on_the_built_page(initialised: Path) -> None:
    assert run("new", "unit", "--name", "技术发展部", "--kind", "部室", "--site", str(initialised)).exit_code == 0
    result = run("new", "person", "--name", "欧阳明", "--unit", "技术发展部", "--position", "技术员", "--gender", "男",
                 "--site", str(initialised))
    assert result.exit_code == 0, result.output
    assert "已按名称找到单位 jishu-fazhan-bu" in result.output
    assert "content/people/ouyang-ming.jpg" in result.output  # where to put the photo
    built = run("build", "--site", str(initialised))  # the samples warn
    assert built.exit_code == 0, built.output
    page = (initialised / "output/people/ouyang-ming.html").read_text(encoding="utf-8")
    assert "欧阳明" in page and "技术员" in page and "技术发展部" in page


def test_a_person_goes_to_the_only_unit_and_a_unit_beside_its_parent(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.toml": 'title = "测试"\n',
                                          "content/units/jiguan/jiguan.md": "---\nname: 机关\nkind: 机关\n---\n"})
    result = run("new", "person", "--name", "张伟", "--site", str(site))
    assert result.exit_code == 0 and "唯一的单位 jiguan（机关）" in result.output
    result = run("new", "unit", "--name", "党委宣传部", "--kind", "部室", "--parent", "jiguan", "--site", str(site))
    assert result.exit_code == 0, result.output
    assert (site / "content/units/jiguan/dangwei-xuanchuan-bu.md").is_file()
    check(site)


# new: refusals write nothing and say what to do

def test_a_second_new_with_the_same_id_refuses_and_leaves_the_file(initialised: Path) -> None:
    before = (initialised / "content/people/zhang-wei.md").read_bytes()
    result = run("new", "person", "--name", "张伟", "--site", str(initialised))
    assert result.exit_code == 1
    assert "编号“zhang-wei”不能再用" in result.output and "content/people/zhang-wei.md" in result.output
    assert "zhang-wei-2 --name 张伟" in result.output  # a namesake gets an id of their own
    result = run("new", "person", "Zhang-Wei", "--name", "张卫", "--site", str(initialised))
    assert result.exit_code == 1 and "只差大小写" in result.output
    assert (initialised / "content/people/zhang-wei.md").read_bytes() == before
    assert not (initialised / "content/people/Zhang-Wei.md").exists()


@pytest.mark.parametrize("record_id, wording", [
    ("li na", "可以用：li-na"), ("li-na.md", "可以用：li-na"), ("李娜（女）", "可以用：li-na"),
    ("index", "保留名"), ("_li-na", "不读取"),
])
def test_invalid_ids_are_refused_with_a_valid_one(initialised: Path, record_id: str, wording: str) -> None:
    before = tree(initialised)
    result = run("new", "person", record_id, "--name", "李娜", "--site", str(initialised))
    assert result.exit_code == 1 and wording in result.output, result.output
    assert tree(initialised) == before


def test_unknown_references_are_refused_with_the_ones_there_are(initialised: Path) -> None:
    result = run("new", "person", "--name", "李娜", "--unit", "xuanchuan", "--site", str(initialised))
    assert result.exit_code == 1
    assert "--unit: 未找到单位“xuanchuan”" in result.output and "是不是 xuanchuan-bu（党委宣传部）" in result.output
    result = run("new", "bulletin", "--title", "通报", "--campaign", "laomo", "--site", str(initialised))
    assert result.exit_code == 1 and "--campaign: 未找到活动“laomo”" in result.output


def test_a_person_needs_a_unit_when_there_is_none_or_several(tmp_path: Path, site_dir: Path) -> None:
    empty = write_tree(tmp_path / "empty", {"site.toml": 'title = "测试"\n'})
    result = run("new", "person", "--name", "张伟", "--site", str(empty))
    assert result.exit_code == 1 and "还没有任何单位" in result.output and "new unit" in result.output
    result = run("new", "person", "--name", "王芳", "--site", str(site_dir))
    assert result.exit_code == 1 and "--unit" in result.output and "jiguan（机关）" in result.output


def test_wrong_values_are_refused_in_the_builds_words(initialised: Path) -> None:
    before = tree(initialised)
    result = run("new", "bulletin", "--title", "通报", "--date", "2024-13-01", "--site", str(initialised))
    assert result.exit_code == 1 and "--date: “2024-13-01”不是有效的日期" in result.output
    result = run("new", "person", "--name", "李娜", "--gender", "女的", "--site", str(initialised))
    assert result.exit_code == 1 and "--gender:" in result.output and "可选值：男、女" in result.output
    assert tree(initialised) == before


def test_new_without_an_id_or_a_name_and_outside_a_site(tmp_path: Path, initialised: Path) -> None:
    result = run("new", "bulletin", "--site", str(initialised))
    assert result.exit_code == 1 and "--title" in result.output
    result = run("new", "unit", "--name", "宣传部", "--site", str(tmp_path / "nowhere"))
    assert result.exit_code == 1 and "site.toml" in result.output


def test_an_old_id_is_taken_and_a_folder_of_photos_becomes_a_campaign(initialised: Path) -> None:
    unit = initialised / "content/units/xuanchuan-bu.md"
    unit.write_text(unit.read_text(encoding="utf-8").replace("# aliases:", "aliases: [xuanchuan]"), encoding="utf-8")
    result = run("new", "unit", "xuanchuan", "--name", "宣传科", "--site", str(initialised))
    assert result.exit_code == 1 and "单位“xuanchuan-bu”改名前的编号" in result.output
    write_tree(initialised, {"content/campaigns/laomo-2025/banner.jpg": b"not yet used"})
    result = run("new", "campaign", "laomo-2025", "--title", "2025年度劳动模范评选", "--site", str(initialised))
    assert result.exit_code == 0, result.output
    assert (initialised / "content/campaigns/laomo-2025/banner.jpg").read_bytes() == b"not yet used"
    check(initialised)


def test_a_field_declared_later_appears_without_more_code() -> None:
    @dataclass(frozen=True, slots=True, kw_only=True)
    class Later(Person):
        nickname: str | None = field("昵称", "A name colleagues call them by.", default=None)

    text = front_matter_file([], Later, {"name": "张伟", "unit": "xuanchuan-bu"}, "")
    assert "\n# nickname:\n" in text and "# 昵称（可选）：A name colleagues call them by." in text


# new: one record per name where a name must tell records apart

def test_a_unit_named_as_one_there_is_is_refused_unless_placed_elsewhere(initialised: Path) -> None:
    before = tree(initialised)
    result = run("new", "unit", "--name", "党委宣传部", "--site", str(initialised))
    assert result.exit_code == 1
    assert "已有同名的单位“党委宣传部”：content/units/xuanchuan-bu.md" in result.output
    assert "--unit xuanchuan-bu" in result.output and "--parent" in result.output
    assert tree(initialised) == before
    assert run("new", "unit", "--name", "机关", "--kind", "机关", "--site", str(initialised)).exit_code == 0
    result = run("new", "unit", "--name", "党委宣传部", "--parent", "机关", "--site", str(initialised))
    assert result.exit_code == 0, result.output
    assert "别的上级单位下也有“党委宣传部”：content/units/xuanchuan-bu.md" in result.output
    again = run("new", "unit", "jiguan-xuanchuan", "--name", "党委宣传部", "--parent", "jiguan", "--site", str(initialised))
    assert again.exit_code == 1 and "上级单位同为“机关”（jiguan）" in again.output


def test_a_person_named_as_one_in_the_same_unit_needs_an_id_of_their_own(initialised: Path) -> None:
    write_tree(initialised, {"content/people/zw.md": "---\nname: 王伟\nunit: xuanchuan-bu\n---\n"})
    result = run("new", "person", "--name", "王伟", "--unit", "党委宣传部", "--site", str(initialised))
    assert result.exit_code == 1
    assert "单位“党委宣传部”（xuanchuan-bu）中已有人员“王伟”：content/people/zw.md" in result.output
    assert "new person wang-wei --name 王伟 --unit xuanchuan-bu" in result.output
    result = run("new", "person", "wang-wei", "--name", "王伟", "--unit", "xuanchuan-bu", "--site", str(initialised))
    assert result.exit_code == 0 and "还有一位“王伟”：content/people/zw.md" in result.output
    assert "staff_no" in result.output
    assert run("new", "unit", "--name", "技术发展部", "--kind", "部室", "--site", str(initialised)).exit_code == 0
    other_unit = run("new", "person", "--name", "赵敏", "--unit", "jishu-fazhan-bu", "--site", str(initialised))
    assert other_unit.exit_code == 0
    same_name_elsewhere = run("new", "person", "zhao-min-2", "--name", "赵敏", "--site", str(initialised),
                              "--unit", "xuanchuan-bu")
    assert same_name_elsewhere.exit_code == 0 and "还有一位" not in same_name_elsewhere.output


@pytest.mark.parametrize("name, kind, made", [
    ("白玉兰", "person", "bai-yulan"), ("欧阳明", "person", "ouyang-ming"), ("艾力·买买提", "person", "ai-li-maimaiti"),
    ("司徒静", "person", "situ-jing"), ("李娜（女）", "person", "li-na"), ("Ｊｏｈｎ　Ｓｍｉｔｈ", "person", "john-smith"),
    ("技术发展部", "unit", "jishu-fazhan-bu"), ("党委宣传部", "unit", "dangwei-xuanchuan-bu"), ("ＩＴ部", "unit", "it-bu"),
    ("采油五队", "unit", "caiyou-wudui"), ("注水队水质化验班", "unit", "zhushui-dui-shuizhi-huayan-ban"),
    ("采油四队党支部", "unit", "caiyou-sidui-dangzhibu"), ("总经理办公室", "unit", "zongjingli-bangongshi"),
    ("２０２５年度劳动模范评选", "title", "2025-niandu-laodongmofan-pingxuan"), ("Index", "unit", ""),
])
def test_ids_are_made_in_the_example_sites_style(name: str, kind: str, made: str) -> None:
    from honours.ids import suggest_id

    assert suggest_id(name, kind) == made


def test_a_file_made_while_new_writes_is_not_overwritten(initialised: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from honours.cachefiles import write_new
    from honours.scaffold import new as scaffold_new

    def someone_else_first(path: Path, data: bytes) -> None:
        if path.name == "honours.yaml":  # written by another program after `new` found the name free
            path.write_text("别人刚写的\n", encoding="utf-8")
        write_new(path, data)

    monkeypatch.setattr(scaffold_new, "write_new", someone_else_first)
    result = run("new", "campaign", "--title", "2025年度劳动模范评选", "--site", str(initialised))
    assert result.exit_code == 1 and "honours.yaml 刚刚被别的程序建立，没有改动它" in result.output
    honours = (initialised / NEW_FILES["campaign"]).with_name("honours.yaml")
    assert honours.read_text(encoding="utf-8") == "别人刚写的\n"
    assert not (initialised / NEW_FILES["campaign"]).exists()  # all of a record's files, or none


@pytest.mark.parametrize("hard_links", [True, False])
def test_write_new_never_replaces_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hard_links: bool) -> None:
    import os

    from honours.cachefiles import write_new

    if not hard_links:  # FAT and some network shares
        def no_links(*args: object) -> None:
            raise PermissionError(1, "Operation not permitted")
        monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "folder/zhang-wei.md"
    write_new(target, b"first")
    with pytest.raises(FileExistsError):
        write_new(target, b"second")
    assert target.read_bytes() == b"first"
    assert [p.name for p in target.parent.iterdir()] == ["zhang-wei.md"]  # no temporary file left behind
