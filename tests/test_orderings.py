"""The orderings a reader checks in every honour list: 姓氏笔画, 笔画数, 拼音, as given."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from honours.orderings import (missing_characters, name_core, pad_name, sort_names, split_names,
                               stroke_sequence)

from conftest import MINIMAL_SITE, run, write_tree

DATA = Path(__file__).parent / "data" / "orderings"


def strokes(*names: str, **options) -> list[str]:
    return sort_names(names, "strokes", **options)


def test_the_tables_cover_the_general_standard_list_and_load_quickly() -> None:
    assert stroke_sequence("王") == "1121"
    assert stroke_sequence("德") == "332122522114544"  # corrected from the source
    assert stroke_sequence("𬭛") == "3111544153254"  # derived: 钅 for 金 in 𨨏
    assert stroke_sequence("劉") and len(stroke_sequence("劉")) == 15  # traditional forms count their own strokes
    assert len(stroke_sequence("草")) == 9 and len(stroke_sequence("草", "hant")) == 10  # 艹: 3 strokes, 4 in Taiwan


@pytest.mark.parametrize("first, second, why", [
    ("丁", "王", "fewer strokes first"),
    ("王", "中", "equal counts: the first stroke 横 before 竖"),
    ("中", "付", "equal counts: 竖 before 撇"),
    ("付", "市", "equal counts: 撇 before 点"),
    ("市", "加", "equal counts: 点 before 折"),
    ("白", "印", "equal first strokes: the second decides"),
])
def test_characters_order_by_count_then_stroke_shapes(first: str, second: str, why: str) -> None:
    assert strokes(second, first) == [first, second], why


def test_a_two_character_name_sorts_as_if_a_blank_stood_in_the_gap() -> None:
    assert strokes("王书茂", "王伟", "王小丫", "王五") == ["王五", "王伟", "王小丫", "王书茂"]


def test_compound_surnames_get_no_special_treatment() -> None:
    assert strokes("欧阳修", "欧文", "欧阳明") == ["欧文", "欧阳明", "欧阳修"]
    assert strokes("司马光", "司徒雷") == ["司马光", "司徒雷"]  # 马 3 strokes before 徒 10


def test_annotations_padding_and_middle_dots_are_not_sorted_but_kept() -> None:
    names = ["张　英（女，回族）", "刘　英", "艾力更·依明巴海", "王伟(特邀)"]
    assert name_core(names[0]) == "张英"
    assert strokes(*names) == ["王伟(特邀)", "艾力更·依明巴海", "刘　英", "张　英（女，回族）"]


def test_order_is_total_and_deterministic() -> None:
    names = ["张伟", "张　伟", "张伟（女）", "張偉"]
    assert strokes(*names) == strokes(*reversed(names))


def test_strokes_count_orders_by_counts_then_code_point() -> None:
    # 书 (U+4E66) and 五 (U+4E94) both have 4 strokes: the code point decides, no blank rule.
    assert sort_names(["王五", "王伟", "王书茂"], "strokes-count") == ["王书茂", "王五", "王伟"]


@pytest.mark.parametrize("names", [
    ["黎明", "李明"],  # same syllable: tone 2 before tone 3
    ["曾小明", "张三"],  # 曾 as a surname is zēng (not céng), so among the z's, before zhāng
    ["沙宝亮", "单田芳"],  # 单 is shàn (not dān): after shā
    ["仇英", "任远"],  # 仇 is qiú
    ["区伟", "欧文"],  # 区 is ōu; same sound and tone as 欧: fewer strokes first
    ["谢军", "解放"],  # 解 is xiè, like 谢: 谢 (12 strokes) before 解 (13)
    ["查良镛", "张红"],  # 查 is zhā
    ["彭华", "朴树"],  # 朴 is piáo (not pǔ): after péng
    ["葛洪", "盖叫天"],  # 盖 is gě: tone 2 (葛 gé) before tone 3
    ["乐嘉", "岳飞"],  # 乐 is yuè, like 岳: fewer strokes first
    ["于谦", "尉迟恭"],  # 尉迟 is yùchí (not wèi): yú before yù
    ["万俟卨", "莫言"],  # 万俟 is mòqí: mo before mo-y... by the given syllables: qi before yan
    ["卢伟", "吕伟", "栾伟", "罗伟"],  # ü sorts as u, then after it (新华字典)
])
def test_pinyin_reads_surnames_as_surnames_then_tones_then_strokes(names: list[str]) -> None:
    assert sort_names(list(reversed(names)), "pinyin") == names


def test_units_sort_by_the_same_rules_without_the_surname_rules() -> None:
    units = ["生产运行科", "工会", "办公室", "人力资源部"]
    assert sort_names(units, "strokes", person=False) == ["人力资源部", "工会", "办公室", "生产运行科"]
    assert sort_names(["单位服务中心", "采油一队"], "pinyin", person=False) == ["采油一队", "单位服务中心"]


def test_a_character_without_data_is_named_and_sorts_last() -> None:
    assert missing_characters("张𬒔") == ["𬒔"]
    assert strokes("王𬒔明", "王明明", "王大明") == ["王大明", "王明明", "王𬒔明"]


def test_pasted_lists_split_into_names_exactly_as_typed() -> None:
    text = "王伟、王书茂，刘　英 张三（女，回族）\n艾力更·依明巴海\r\n张　伟　李　明\u3000王小丫"
    assert split_names(text) == ["王伟", "王书茂", "刘　英", "张三（女，回族）", "艾力更·依明巴海",
                                 "张　伟", "李　明", "王小丫"]


def test_two_character_names_are_padded_for_print_after_sorting() -> None:
    assert pad_name("张伟") == "张　伟"
    assert pad_name("王书茂") == "王书茂" and pad_name("艾力更·依明巴海") == "艾力更·依明巴海"


def test_sort_names_command_prints_names_in_order_as_given(tmp_path: Path) -> None:
    listing = tmp_path / "names.txt"
    listing.write_bytes("王书茂、刘　英\r\n王伟（女）".encode("gbk"))
    result = run("sort-names", str(listing))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["王伟（女）", "王书茂", "刘　英"]
    by_pinyin = run("sort-names", "--by", "pinyin", str(listing))
    assert by_pinyin.stdout.splitlines() == ["刘　英", "王书茂", "王伟（女）"]


def test_sort_names_command_reads_standard_input_and_warns_of_missing_data() -> None:
    from click.testing import CliRunner
    from honours.cli import main

    result = CliRunner().invoke(main, ["sort-names"], input="王𬒔 王伟 丁一")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["丁一", "王伟", "王𬒔"]
    assert "「𬒔」没有笔画数据" in result.stderr


def _published(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


PUBLISHED = sorted(DATA.glob("strokes-*.txt")) + sorted(DATA.glob("pinyin-*.txt"))


@pytest.mark.parametrize("path", PUBLISHED, ids=lambda p: p.stem)
def test_real_published_lists_are_reproduced_exactly(path: Path) -> None:
    ordering = "pinyin" if path.name.startswith("pinyin-") else "strokes"
    published = _published(path)
    assert sort_names(list(reversed(published)), ordering) == published


def test_the_example_sites_lists_are_ordered_and_labelled(example) -> None:
    output, _ = example
    page = (output / "campaigns/hq-323-2024/index.html").read_text(encoding="utf-8")
    groups = re.findall(r'<h3 class="group-title">(.*?)</h3>\s*<p class="name-list">(.*?)</p>', page, re.S)
    notes = {"（按姓氏笔画排序）": ("strokes", True), "（按笔画排序）": ("strokes", False),
             "（按姓氏拼音排序）": ("pinyin", True)}
    seen = set()
    for heading, listing in groups:
        names = re.findall(r">([^<>]+)</a>", listing)
        note = next(n for n in notes if n in heading)
        ordering, person = notes[note]
        assert names == sort_names(names, ordering, person=person), heading
        seen.add(note)
    assert seen == set(notes)


def test_honour_lists_use_the_declared_ordering_and_print_its_note(tmp_path: Path) -> None:
    files = dict(MINIMAL_SITE)
    for slug, name in [("wang-shumao", "王书茂"), ("wang-wei", "王伟"), ("ding-yi", "丁一"), ("zeng-xin", "曾鑫")]:
        files[f"content/people/{slug}.md"] = f"---\nname: {name}\nunit: xuanchuan\n---\n"
    files["content/campaigns/wenming-2024/honours.yaml"] = (
        "- award: dushu\n  people: [zeng-xin, wang-shumao, zhang-wei, wang-wei, ding-yi]\n")
    site = write_tree(tmp_path / "site", files)
    assert run("build", "--site", str(site)).exit_code == 0
    page = (site / "output/campaigns/wenming-2024/index.html").read_text(encoding="utf-8")
    assert "（按姓氏笔画排序）" in page
    positions = [page.index(f">{name}</a>") for name in ["丁一", "王伟", "王书茂", "张伟", "曾鑫"]]
    assert positions == sorted(positions)

    toml = site / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'order = "pinyin"\npad_names = true\n', encoding="utf-8")
    assert run("build", "--site", str(site)).exit_code == 0
    page = (site / "output/campaigns/wenming-2024/index.html").read_text(encoding="utf-8")
    assert "（按姓氏拼音排序）" in page
    positions = [page.index(f">{name}</a>") for name in ["丁　一", "王书茂", "王　伟", "曾　鑫", "张　伟"]]
    assert positions == sorted(positions)

    # The next build orders by the keys this one kept; a name it never read is read now.
    person = site / "content/people/wang-wei.md"
    person.write_text(person.read_text(encoding="utf-8").replace("王伟", "欧阳伟"), encoding="utf-8")
    assert run("build", "--site", str(site)).exit_code == 0
    page = (site / "output/campaigns/wenming-2024/index.html").read_text(encoding="utf-8")
    positions = [page.index(f">{name}</a>") for name in ["丁　一", "欧阳伟", "王书茂", "曾　鑫", "张　伟"]]
    assert positions == sorted(positions)


def test_a_name_without_stroke_data_is_reported_at_its_record(site_dir: Path) -> None:
    (site_dir / "content/people/li-na.md").write_text("---\nunit: xuanchuan\nname: 李𬒔\n---\n", encoding="utf-8")
    result = run("build", "--site", str(site_dir))
    assert result.exit_code == 0
    assert "content/people/li-na.md:3: name: 「李𬒔」中的「𬒔」（U+2C494）没有笔画数据" in result.stderr


def test_the_readme_example_of_where_the_two_stroke_rules_differ() -> None:
    names = ["王伟", "井伟", "方明", "孔明", "王书茂", "邓华", "石磊", "叶青"]
    assert sort_names(names, "strokes") == ["王伟", "王书茂", "井伟", "方明", "孔明", "邓华", "石磊", "叶青"]
    assert sort_names(names, "strokes-count") == ["井伟", "孔明", "方明", "王书茂", "王伟", "邓华", "叶青", "石磊"]
