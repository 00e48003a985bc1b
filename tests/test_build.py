"""Building a valid site: the pages a reader gets, and what they must never show."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import run, write_tree


def read(output: Path, page: str) -> str:
    return (output / page).read_text(encoding="utf-8")


def test_every_record_gets_a_page(built: Path) -> None:
    for page in ["index.html", "404.html", "campaigns/index.html", "campaigns/wenming-2024/index.html",
                 "campaigns/wenming-2024/honour-roll.html", "units/index.html", "units/jiguan.html",
                 "units/xuanchuan.html", "people/index.html", "people/zhang-wei.html", "people/li-na.html",
                 "bulletins/index.html", "bulletins/biaozhang-2024.html", "years/index.html", "years/2024.html"]:
        assert (built / page).is_file(), page


def test_person_page_lists_honours_across_campaigns(built: Path) -> None:
    html = read(built, "people/zhang-wei.html")
    assert "张伟" in html and "读书积极分子" in html and "2024年文明部室创建活动" in html
    assert 'href="../units/xuanchuan.html"' in html


def test_private_fields_are_never_published(built: Path) -> None:
    for page in built.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "13900001111" not in text and "A20240017" not in text, page


def test_templates_cannot_reach_private_fields(site_dir: Path) -> None:
    write_tree(site_dir, {"templates/person.html": "{{ person.phone }}"})
    result = run("build", "--site", str(site_dir))
    assert result.exit_code == 1
    assert "templates/person.html:1" in result.output
    assert not (site_dir / "output").exists()


@pytest.mark.parametrize(("template", "text"), [
    ("person.html", "{{ person.source }}"),
    ("person.html", "{{ person.source.path }}"),
    ("person.html", "{% for honour in site.honours_of('person', person.id) %}{{ honour.source }}{% endfor %}"),
    ("unit.html", "{{ unit.source.field_lines }}"),
    ("campaign.html", "{{ campaign.source }}"),
    ("bulletin.html", "{{ bulletin.source }}"),
    # Where the site keeps them for the code: private by name, in any spelling a template has.
    ("person.html", "{{ site._sources }}"),
    ("person.html", "{{ site['_sources'] }}"),
    ("person.html", "{{ site|attr('_sources') }}"),
    ("person.html", "{{ person.__class__.__init__.__globals__ }}"),
])
def test_templates_cannot_reach_where_records_were_read(site_dir: Path, template: str, text: str) -> None:
    # A record's file path (absolute) and the lines of its fields (private ones too) are for messages only.
    write_tree(site_dir, {f"templates/{template}": text})
    result = run("build", "--site", str(site_dir))
    assert result.exit_code == 1
    assert f"错误 templates/{template}:1: 模板出错" in result.output
    assert re.search(r"has no attribute '(source|_)", result.output), result.output
    assert not (site_dir / "output").exists()


def test_a_record_shown_whole_shows_no_file(site_dir: Path) -> None:
    write_tree(site_dir, {"templates/person.html": "{{ person }}|{{ site.honours_of('person', person.id) }}"})
    result = run("build", "--site", str(site_dir))
    assert result.exit_code == 0, result.output
    shown = read(site_dir / "output", "people/zhang-wei.html")
    assert "张伟" in shown and "wenming-2024" in shown
    assert str(site_dir) not in shown and "content/" not in shown and "source" not in shown and "phone" not in shown


def test_raw_html_in_markdown_is_sanitised(site_dir: Path) -> None:
    write_tree(site_dir, {"content/people/li-na.md":
                          "---\nname: 李娜\nunit: xuanchuan\n---\n<script>alert(1)</script><b onclick=\"x()\">好</b>\n"})
    result = run("build", "--site", str(site_dir))
    assert result.exit_code == 0, result.output
    html = read(site_dir / "output", "people/li-na.html")
    assert "<script>alert" not in html and "onclick" not in html and "<b>好</b>" in html


def test_markdown_citations_render(built: Path) -> None:
    assert "<strong>成绩突出</strong>" in read(built, "campaigns/wenming-2024/honour-roll.html")


def test_bulletin_embeds_the_honour_list(built: Path) -> None:
    html = read(built, "bulletins/biaozhang-2024.html")
    assert "机关党发〔2024〕12号" in html
    assert '<a href="../units/xuanchuan.html">宣传部</a>' in html
    assert "读书积极分子" not in html  # only the award the shortcode names


def test_levels_and_dates_read_as_chinese(built: Path) -> None:
    html = read(built, "campaigns/wenming-2024/index.html")
    assert "2024年3月上旬" in html and "2024年2月" in html


def test_links_are_relative_and_name_files(built: Path) -> None:
    html = read(built, "campaigns/wenming-2024/honour-roll.html")
    assert 'href="../../assets/css/site.css"' in html
    assert 'href="/' not in html and 'src="/' not in html


def test_site_templates_override_the_theme_file_by_file(site_dir: Path) -> None:
    write_tree(site_dir, {"templates/404.html": "<p>自定义的 404</p>"})
    assert run("build", "--site", str(site_dir)).exit_code == 0
    assert read(site_dir / "output", "404.html") == "<p>自定义的 404</p>"
    assert "张伟" in read(site_dir / "output", "people/zhang-wei.html")


def test_site_strings_override_the_ui_words(site_dir: Path) -> None:
    write_tree(site_dir, {"site.toml": 'title = "测试"\n[strings]\nnav_people = "劳动模范"\n'})
    assert run("build", "--site", str(site_dir)).exit_code == 0
    assert "劳动模范" in read(site_dir / "output", "index.html")


def test_photos_go_through_the_pipeline_into_a_picture(site_dir: Path) -> None:
    from PIL import Image
    Image.new("RGB", (500, 700), "white").save(site_dir / "content/people/zhang-wei.jpg")
    text = (site_dir / "content/people/zhang-wei.md").read_text(encoding="utf-8")
    (site_dir / "content/people/zhang-wei.md").write_text(text.replace("position:", "photo: zhang-wei.jpg\nposition:"),
                                                         encoding="utf-8")
    assert run("build", "--site", str(site_dir)).exit_code == 0
    html = read(site_dir / "output", "people/zhang-wei.html")
    img = re.search(r'<img class="record-photo[^"]*" src="(\.\./media/[^"]+\.jpg)"[^>]*>', html)
    assert img, html
    assert 'width="500" height="700" alt="张伟的照片"' in img.group(0)
    assert '<source type="image/webp" srcset="../media/' in html
    assert (site_dir / "output/people" / img.group(1)).is_file()
    assert not (site_dir / "output/media/people/zhang-wei.jpg").exists()  # originals are never published


def test_person_without_photo_gets_a_silhouette_not_a_surname(built: Path) -> None:
    html = read(built, "people/li-na.html")
    svg = re.search(r'<img class="record-photo[^"]*" src="(\.\./media/[^"]+\.svg)"', html)
    assert svg, html
    drawn = (built / "people" / svg.group(1)).read_text(encoding="utf-8")
    assert "<circle" in drawn and "李" not in drawn  # a first character is not always a surname (issue 21)


def test_check_writes_nothing(site_dir: Path) -> None:
    result = run("check", "--site", str(site_dir))
    assert result.exit_code == 0 and "检查通过" in result.output
    assert not (site_dir / "output").exists()


def test_rebuild_replaces_output_whole(built: Path, site_dir: Path) -> None:
    (site_dir / "content/people/li-na.md").unlink()
    honours = site_dir / "content/campaigns/wenming-2024/honours.yaml"
    honours.write_text(honours.read_text(encoding="utf-8").replace(", li-na", ""), encoding="utf-8")
    (built / "stray.txt").write_text("left from an old build")
    assert run("build", "--site", str(site_dir)).exit_code == 0
    assert not (built / "people/li-na.html").exists() and not (built / "stray.txt").exists()


def test_second_build_processes_no_photo_and_broken_photos_are_all_named(site_dir: Path) -> None:
    from PIL import Image
    Image.new("RGB", (600, 840), "navy").save(site_dir / "content/people/zhang-wei.jpg")
    person = site_dir / "content/people/zhang-wei.md"
    person.write_text(person.read_text(encoding="utf-8").replace("position:", "photo: zhang-wei.jpg\nposition:"),
                      encoding="utf-8")
    first = run("build", "--site", str(site_dir))
    assert re.search(r"新处理 [1-9]\d* 张照片", first.output)  # for the web, and 300-DPI copies for print
    second = run("build", "--site", str(site_dir))
    assert "新处理 0 张照片" in second.output or "没有改动" in second.output
    good = (site_dir / "content/people/zhang-wei.jpg").read_bytes()
    (site_dir / "content/people/empty.jpg").write_bytes(b"")
    (site_dir / "content/people/cut.jpg").write_bytes(good[: len(good) // 3])
    write_tree(site_dir, {
        "content/people/wang-fang.md": "---\nname: 王芳\nunit: xuanchuan\nphoto: empty.jpg\n---\n",
        "content/people/zhao-lei.md": "---\nname: 赵磊\nunit: xuanchuan\nphoto: cut.jpg\n---\n"})
    broken = run("build", "--site", str(site_dir))
    assert broken.exit_code == 1
    assert "content/people/wang-fang.md:4: photo: 王芳的照片" in broken.output and "空的" in broken.output
    assert "content/people/zhao-lei.md:4: photo: 赵磊的照片" in broken.output and "不完整" in broken.output


@pytest.mark.parametrize("where", [".", "content", "content/people", ".."])
def test_an_output_folder_overlapping_the_site_is_refused_and_nothing_is_deleted(site_dir: Path, where: str) -> None:
    before = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*"))
    result = run("build", "--site", str(site_dir), "--output", str(site_dir / where))
    assert result.exit_code == 1 and "--output" in result.output and "重叠" in result.output
    assert sorted(p.relative_to(site_dir) for p in site_dir.rglob("*")) == before


def test_published_files_are_readable_by_the_web_server(built: Path) -> None:
    # A web server runs as another user: pages, photos and assets must be world-readable (umask 022).
    mask = os.umask(0o022)
    os.umask(mask)
    if mask & 0o044:
        pytest.skip("this umask keeps files private on purpose")
    for path in [built / "index.html", *sorted((built / "people").glob("*.html"))[:3],
                 *sorted((built / "media").rglob("*.*"))[:3], built / "assets/css/site.css"]:
        assert path.stat().st_mode & 0o044 == 0o044, path
