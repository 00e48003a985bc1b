"""Bad input a non-programmer types: each gets `file:line: field: message — hint`, exit 1, output untouched."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run, write_tree

PERSON = "content/people/li-na.md"
CAMPAIGN = "content/campaigns/wenming-2024/index.md"
HONOURS = "content/campaigns/wenming-2024/honours.yaml"


def person(front: str, body: str = "") -> str:
    return f"---\n{front}\n---\n{body}"


MISTAKES = [
    pytest.param({PERSON: person("姓名：李娜\nunit: xuanchuan")},
                 f"{PERSON}:2: 姓名: 字段名后用了全角冒号", id="full-width-colon-chinese-key"),
    pytest.param({PERSON: person("name：李娜\nunit: xuanchuan")},
                 f"{PERSON}:2: name: 字段名后用了全角冒号“：” — 改成半角冒号加空格", id="full-width-colon"),
    pytest.param({PERSON: person("name:\u3000李娜\nunit: xuanchuan")},
                 f"{PERSON}:2: 冒号后面是全角空格", id="full-width-space-after-colon"),
    pytest.param({PERSON: person("name: 李娜\n\u3000unit: xuanchuan")},
                 f"{PERSON}:3: 行首有全角空格", id="full-width-space-indent"),
    pytest.param({CAMPAIGN: "---\ntitle: 活动\norganiser: 机关党委\nstart: 2024-02\nend: 2024-12\nphases:\n"
                            "\t- name: 宣传发动阶段\n---\n"},
                 f"{CAMPAIGN}:7: 用了 Tab 键缩进 — YAML 只能用空格缩进", id="tab-indent"),
    pytest.param({PERSON: person("name: 李娜\nunit: xuanchuan\npostion: 干事")},
                 f"{PERSON}:4: postion: 未知字段 — 是不是 position？", id="unknown-field-typo"),
    pytest.param({PERSON: person("name: 李娜\nunit: xuanchuan\n职务: 干事")},
                 f"{PERSON}:4: 职务: 未知字段 — “职务”请写作 position", id="chinese-field-name"),
    pytest.param({PERSON: person("name: 李娜\nunit: jishu-bu")},
                 f"{PERSON}:3: unit: 未找到单位“jishu-bu”", id="unknown-reference"),
    pytest.param({PERSON: person("unit: xuanchuan")},
                 f"{PERSON}:2: name: 缺少必填字段（姓名）", id="missing-required"),
    pytest.param({PERSON: person("name: 李娜\nunit: xuanchuan\ngender: 男性")},
                 f"{PERSON}:4: gender: “男性”不是可选的值", id="bad-choice"),
    pytest.param({"content/units/xuanchuan.md": "---\nname: 宣传部\nkind: 部室\nweight: 第一\n---\n"},
                 "content/units/xuanchuan.md:4: weight: “第一”不是整数", id="wrong-type"),
    pytest.param({HONOURS: "- award: dushu\n  person: li-na\n  date: 2024-13-01\n"},
                 f"{HONOURS}:3: date: “2024-13-01”不是有效的日期", id="bad-date"),
    pytest.param({HONOURS: "- award: wenming\n  unit: xuanchuan\n"},
                 f"{HONOURS}:1: award: 活动中没有编号为“wenming”的奖项 — 可用：wenming-bushi、dushu、xingji",
                 id="unknown-award"),
    pytest.param({HONOURS: "- award: xingji\n  unit: xuanchuan\n  level: 六星\n"},
                 f"{HONOURS}:3: level: “六星”不是奖项“星级服务窗口”的等级 — 可用：五星、四星、三星", id="bad-level"),
    pytest.param({HONOURS: "- award: dushu\n  unit: xuanchuan\n"},
                 f"{HONOURS}:2: unit: 奖项“读书积极分子”只授予个人", id="wrong-recipient-kind"),
    pytest.param({"content/people/sub/li-na.md": person("name: 李娜\nunit: xuanchuan")},
                 "编号“li-na”重复", id="duplicate-id"),
    pytest.param({"content/people/Li-Na.md": person("name: 李娜\nunit: xuanchuan")},
                 "只差大小写，生成的网页地址会冲突", id="url-collision"),
    pytest.param({"content/people/index.md": person("name: 李娜\nunit: xuanchuan")},
                 "content/people/index.md: 文件名“index”是保留名", id="reserved-id"),
    pytest.param({"content/units/jiguan.md": "---\nname: 机关\nkind: 机关\nparent: xuanchuan\n---\n"},
                 "parent: 上级单位形成了循环", id="parent-cycle"),
    pytest.param({PERSON: person('name: "李娜\nunit: xuanchuan')},
                 f"{PERSON}:2: 引号没有闭合", id="unclosed-quote"),
    # The quote opened on line 4 is closed by the next one, on line 6: PyYAML complains about line 6.
    pytest.param({PERSON: person('name: 李娜\nunit: xuanchuan\nposition: "干事\ngender: 女\nphone: "13900001111"')},
                 f"{PERSON}:4: 引号没有闭合：这一行的值以引号开头", id="unclosed-quote-closed-further-down"),
    # Nested deeper than any record, with a mistake at the end that only PyYAML explains.
    pytest.param({PERSON: person("name: 李娜\nunit: xuanchuan\nnote:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 200))
                                 + "a: b: c")},
                 f"{PERSON}:68: 嵌套的层数过多（超过 64 层）", id="deep-nesting-line"),
    pytest.param({PERSON: person("name: 李娜\nunit: xuanchuan\nname: 李娜娜")},
                 f"{PERSON}:4: name: 字段重复（第 2 行已经写过）", id="duplicate-key"),
    pytest.param({PERSON: "name: 李娜\nunit: xuanchuan\n"},
                 f"{PERSON}:1: 缺少开头的字段区（第一行应为 ---）", id="no-front-matter"),
    pytest.param({PERSON: person("name: 李娜\nunit: xuanchuan\nphoto: li-na.jpg")},
                 f"{PERSON}:4: photo: 找不到文件“li-na.jpg”", id="missing-photo"),
    pytest.param({PERSON: person("name: 李娜\nunit: xuanchuan\nphoto: ../../../site.toml")},
                 f"{PERSON}:4: photo: 文件“../../../site.toml”在网站文件夹之外", id="photo-not-in-folder"),
    pytest.param({"content/bulletins/b.md": "---\ntitle: 通报\nissuer: 机关党委\ndate: 2024-07-01\n---\n第一段。\n\n"
                                            "{{< honours campaign=\"wenming\" >}}\n"},
                 "content/bulletins/b.md:8: campaign: 未找到活动“wenming” — 是不是 wenming-2024（2024年文明部室创建活动）？",
                 id="shortcode-unknown-campaign"),
    pytest.param({PERSON: b"---\nname: \xff\xfe\xfd\nunit: xuanchuan\n---\n"},
                 f"{PERSON}:2: 文件编码无法识别", id="undecodable"),
    pytest.param({"site.toml": 'title = "测试"\ntheme_colour = "red"\n'},
                 "site.toml:2: theme_colour: 未知字段", id="unknown-setting"),
]


@pytest.mark.parametrize(("files", "expected"), MISTAKES)
def test_mistake_is_reported_precisely(site_dir: Path, files: dict[str, str | bytes], expected: str) -> None:
    write_tree(site_dir, files)
    result = run("build", "--site", str(site_dir))
    assert result.exit_code == 1, result.output
    assert expected in result.output, result.output
    assert "构建失败" in result.output
    assert "Traceback" not in result.output
    assert not (site_dir / "output").exists()


@pytest.mark.parametrize(("data", "warning"), [
    pytest.param("---\nname: 李娜\nunit: xuanchuan\n---\n".encode("gbk"), "GBK/GB18030", id="gbk"),
    pytest.param(b"\xef\xbb\xbf" + "---\nname: 李娜\nunit: xuanchuan\n---\n".encode(), "UTF-8 BOM", id="bom"),
    pytest.param("---\r\nname: 李娜\r\nunit: xuanchuan\r\n---\r\n".encode(), "CRLF", id="crlf"),
])
def test_windows_files_are_read_with_a_warning(site_dir: Path, data: bytes, warning: str) -> None:
    write_tree(site_dir, {PERSON: data})
    result = run("build", "--site", str(site_dir))
    assert result.exit_code == 0, result.output
    assert f"警告 {PERSON}" in result.output and warning in result.output
    assert "李娜" in (site_dir / "output/people/li-na.html").read_text(encoding="utf-8")
    strict = run("build", "--site", str(site_dir), "--strict")
    assert strict.exit_code == 1 and f"错误 {PERSON}" in strict.output and f"警告 {PERSON}" not in strict.output
    # Counted as it is labelled: the warning --strict made an error is an error, not a warning.
    assert "共 1 个错误（其中 1 个是警告，因 --strict 按错误处理），0 个警告。" in strict.output


def test_a_dozen_mistakes_are_all_reported_at_once_and_output_is_kept(built: Path, site_dir: Path) -> None:
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    mistakes = {
        PERSON: person("name：李娜\nunit: xuanchuan"),
        "content/people/wang-fang.md": person("name: 王芳\nunit: xuanchuan\npostion: 干事"),
        "content/people/zhao-lei.md": person("name: 赵磊\nunit: jishu-bu"),
        "content/people/sun-li.md": person("name:\u3000孙丽\nunit: xuanchuan"),
        "content/people/zhou-jie.md": "---\r\nname: 周杰\r\n\tunit: xuanchuan\r\n---\r\n",
        "content/people/wu-min.md": "---\nname: 吴敏\nunit: 宣传部\n---\n".encode("gbk"),
        "content/units/jiguan.md": "---\nname: 机关\nkind: 机关\nweight: 第一\n---\n",
        "content/units/tuanwei.md": "---\nname: 团委\n---\n",
        "content/units/Xuanchuan.md": "---\nname: 宣传部二\nkind: 部室\n---\n",
        HONOURS: "- award: dushu\n  person: zhang-wei\n  date: 2024-02-30\n- award: wenming\n  unit: xuanchuan\n"
                 "- award: xingji\n  unit: xuanchuan\n  level: 六星\n",
        "content/bulletins/biaozhang-2024.md": "---\ntitle: 决定\nissuer: 机关党委\ndate: 2024/7/1\ncampaign: wm\n---\n",
    }
    write_tree(site_dir, mistakes)
    result = run("build", "--site", str(site_dir))
    assert result.exit_code == 1
    expected = [
        f"{PERSON}:2: name: 字段名后用了全角冒号",
        "content/people/wang-fang.md:4: postion: 未知字段 — 是不是 position？",
        "content/people/zhao-lei.md:3: unit: 未找到单位“jishu-bu”",
        "content/people/sun-li.md:2: 冒号后面是全角空格",
        "content/people/zhou-jie.md:3: 用了 Tab 键缩进",
        "content/people/wu-min.md:3: unit: 未找到单位“宣传部”",
        "content/units/jiguan.md:4: weight: “第一”不是整数",
        "content/units/tuanwei.md:2: kind: 缺少必填字段（类型）",
        "只差大小写",
        f"{HONOURS}:3: date: “2024-02-30”不是有效的日期",
        f"{HONOURS}:4: award: 活动中没有编号为“wenming”的奖项",
        f"{HONOURS}:8: level: “六星”不是奖项“星级服务窗口”的等级",
        "content/bulletins/biaozhang-2024.md:5: campaign: 未找到活动“wm”",
    ]
    missing = [line for line in expected if line not in result.output]
    assert not missing, result.output
    assert "警告 content/people/wu-min.md" in result.output  # GBK read, and its error still found
    after = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    assert after == before
