"""`build.py import`: people and units from a roster spreadsheet (花名册), planned first, written with --write."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from PIL import Image

from conftest import run, write_tree

SITE = {
    "site.toml": 'title = "测试光荣榜"\norganisation = "测试公司"\n',
    "content/units/jiguan.md": "---\nname: 机关\nkind: 机关\n---\n机关简介。\n",
    "content/units/jiguan/xuanchuan.md": "---\nname: 党委宣传部\nkind: 部室\nparent: jiguan\nshort_name: 宣传部\n---\n",
    # A body, a comment, a field the roster does not have and Windows line ends: all must survive an update.
    "content/people/zhang-wei.md": (
        "---\r\nname: 张伟\r\nunit: xuanchuan  # 2019 年调入\r\nposition: 干事\r\nphoto_focus: [0.5, 0.3]\r\n"
        "staff_no: A20240017\r\nphone: '13900001111'\r\n---\r\n长期从事**宣传工作**。\r\n\r\n2023 年获评优秀党员。\r\n"),
    "content/people/li-na.md": "---\nname: 李娜\nunit: xuanchuan\n---\n",
}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["伟", "芳", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "兰", "霞", "平"]
UNITS = ["宣传部", "jiguan", "机关", "信息中心", "安全环保部", "党委宣传部"]
POSITIONS = ["干事", "科员", "科长", "副科长", "主任"]
HEADER = ["序号", "姓名", "单位", "职务（岗位）", "工号", "性别", "上级单位"]


def roster_rows(count: int = 200) -> list[list[object]]:
    """Return a roster's rows: the two people the site has, then namesakes told apart by 工号, some as numbers."""
    rows: list[list[object]] = [[1, "张伟", "宣传部", "干事", "A20240017", None, None],
                                [2, "李　娜", "党委宣传部", "科长", None, "女", None]]
    for i in range(count - len(rows)):
        unit = UNITS[i % len(UNITS)]
        staff_no: object = 30000 + i if i % 3 == 0 else f"B{i:04d}"
        name = rows[-1][1] if i % 25 == 24 else SURNAMES[i % 20] + GIVEN[(i // 20 + i * 7) % 20]
        rows.append([i + 3, name, unit, POSITIONS[i % 5], staff_no,
                     "男" if i % 2 else "女", "机关" if unit in ("信息中心", "安全环保部") else None])
    return rows


def write_xlsx(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    """Write a roster as offices keep one: a merged title row above the header."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append(["2024年机关人员花名册"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def photo(colour: tuple[int, int, int], kind: str = "JPEG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (12, 16), colour).save(buffer, kind)
    return buffer.getvalue()


def files_of(root: Path) -> dict[str, tuple[bytes, int]]:
    """Return every file under root with its bytes and modification time."""
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "site", SITE)


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    """A 200-row roster with a photos folder beside it: photos named by 姓名 and by 工号."""
    folder = tmp_path / "hr"
    (folder / "照片").mkdir(parents=True)
    rows = roster_rows()
    names = [row[1] for row in rows]
    for index, row in enumerate(rows[2:], start=2):
        if index % 10 == 0:
            by_name = names.count(row[1]) == 1 and index % 20 == 0
            (folder / "照片" / f"{row[1] if by_name else row[4]}.jpg").write_bytes(photo((index, 80, 120)))
    (folder / "照片" / "A20240017.png").write_bytes(photo((1, 2, 3), "PNG"))
    return write_xlsx(folder / "花名册.xlsx", rows)


def do_import(site: Path, roster: Path, *args: str):
    return run("import", str(roster), "--site", str(site), *args)


def test_dry_run_shows_the_plan_and_writes_nothing(site: Path, roster: Path) -> None:
    before = files_of(site)
    result = do_import(site, roster)
    assert result.exit_code == 0, result.output
    assert files_of(site) == before
    out = result.output
    assert "表头在第 2 行，200 行数据" in out
    assert "新建单位 2 个" in out and "信息中心 → content/units/xinxi-zhongxin.md" in out
    assert "上级单位：机关（jiguan）" in out
    assert "新建 198 人" in out
    assert f"{roster} 第 5 行  王伟 → content/people/wang-wei.md（单位：党委宣传部（xuanchuan），职务：干事" in out
    # Both people the site has change: 李娜 gains a position and gender, 张伟 a photo named by his 工号.
    assert "更新 2 人，不变 0 人，跳过 0 行" in out
    assert f"{roster} 第 4 行  李娜（content/people/li-na.md）：职务: （无） → 科长；性别: （无） → 女" in out
    assert "照片: （无） → zhang-wei.png（来自 A20240017.png）" in out
    assert "以上为预览，没有写入任何文件" in out
    assert "\r" not in out  # no progress bar when the output is not a terminal


def test_write_creates_records_that_build_and_a_second_import_writes_nothing(site: Path, roster: Path) -> None:
    result = do_import(site, roster, "--write")
    assert result.exit_code == 0, result.output
    assert "已写入：新建单位 2 个，新建 198 人，更新 2 人，复制照片 20 张。" in result.output
    assert f"honours check --site {site}" in result.output
    people = site / "content/people"
    assert (people / "wang-wei.md").read_text(encoding="utf-8") == (
        "---\nname: 王伟\nunit: xuanchuan\nposition: 干事\ngender: 女\nstaff_no: \"30000\"\n---\n")
    assert "name: 张伟" in (people / "zhang-wei-b0122.md").read_text(encoding="utf-8")  # a namesake: 工号 tells them apart
    assert (site / "content/units/anquan-huanbao-bu.md").read_text(encoding="utf-8") == (
        "---\nname: 安全环保部\nkind: 部室\nparent: jiguan\n---\n")
    photos = sorted(p.name for p in people.glob("*.jpg"))
    assert len(photos) == 19 and "ma-qiang.jpg" in photos  # 20 copied: 19 JPEG, and zhang-wei.png
    assert "photo: ma-qiang.jpg" in (people / "ma-qiang.md").read_text(encoding="utf-8")

    built = run("build", "--site", str(site), "--quiet")
    assert built.exit_code == 0, built.output
    assert "共 0 个错误，1 个警告" in built.output and "CRLF" in built.output  # zhang-wei.md's own line ends, kept
    page = (site / "output/people/wang-wei.html").read_text(encoding="utf-8")
    assert "王伟" in page and "党委宣传部" in page and "干事" in page

    before = files_of(site / "content")
    again = do_import(site, roster, "--write")
    assert again.exit_code == 0, again.output
    assert "没有需要更改的内容" in again.output and "不变 200 人" in again.output
    assert files_of(site / "content") == before


def test_a_changed_position_changes_only_that_line(site: Path, tmp_path: Path) -> None:
    rows = roster_rows(6)
    sheet = write_xlsx(tmp_path / "花名册.xlsx", rows)
    assert do_import(site, sheet, "--write").exit_code == 0
    record = site / "content/people/zhang-wei.md"
    before = record.read_bytes()
    rows[0][3] = "科长"
    write_xlsx(sheet, rows)
    result = do_import(site, sheet, "--write")
    assert result.exit_code == 0, result.output
    assert f"{sheet} 第 3 行  张伟（content/people/zhang-wei.md）：职务: 干事 → 科长" in result.output
    assert "更新 1 人" in result.output and "不变 5 人" in result.output
    assert record.read_bytes() == before.replace("position: 干事\r\n".encode(), "position: 科长\r\n".encode())


def test_a_gbk_csv_imports_the_same_as_the_workbook(tmp_path: Path) -> None:
    rows = roster_rows(40)
    from_xlsx = write_tree(tmp_path / "a", SITE)
    from_csv = write_tree(tmp_path / "b", SITE)
    assert do_import(from_xlsx, write_xlsx(tmp_path / "花名册.xlsx", rows), "--write").exit_code == 0
    lines = ["2024年机关人员花名册,,,,,,", ",".join(HEADER)]
    lines += [",".join("" if cell is None else str(cell) for cell in row) for row in rows]
    csv_file = tmp_path / "花名册.csv"
    csv_file.write_bytes("\r\n".join(lines).encode("gbk"))  # Excel's "CSV" on Chinese Windows: GBK, no BOM
    result = do_import(from_csv, csv_file, "--write")
    assert result.exit_code == 0, result.output
    assert "新建 38 人" in result.output
    contents = [{k: v[0] for k, v in files_of(site / "content").items()} for site in (from_xlsx, from_csv)]
    assert contents[0] == contents[1]


def test_duplicate_and_ambiguous_rows_are_errors_and_nothing_is_written(site: Path, tmp_path: Path) -> None:
    write_tree(site, {"content/units/zonghe-a.md": "---\nname: 综合科\nkind: 部室\n---\n",
                      "content/units/zonghe-b.md": "---\nname: 综合科\nkind: 部室\n---\n"})
    sheet = write_xlsx(tmp_path / "花名册.xlsx", [
        [1, "赵六", "宣传部", "干事", "C1", None, None],
        [2, "钱七", "宣传部", "干事", "C1", None, None],
        [3, "孙八", "机关", "科员", None, None, None],
        [4, "孙八", "机关", "主任", None, None, None],
        [5, "周九", "综合科", "科员", "C9", None, None],
        [6, "吴十", "新部门", "科员", "C10", "男的", None],
    ])
    before = files_of(site)
    result = do_import(site, sheet, "--write")
    assert result.exit_code == 1
    out = result.output
    assert f"错误 {sheet} 第 3 行: 工号: 第 3、4 行的工号都是“C1”" in out
    assert f"错误 {sheet} 第 5 行: 姓名: 第 5、6 行都是“机关”的“孙八”，没有工号区分" in out
    assert f"错误 {sheet} 第 7 行: 单位: 有 2 个单位都叫“综合科”：zonghe-a（content/units/zonghe-a.md）" in out
    assert f"错误 {sheet} 第 8 行: 性别: “男的”不是可选的值，是不是“男”？" in out  # the model's own check
    assert "导入失败：没有写入任何文件" in out
    assert files_of(site) == before


def test_headers_unknown_missing_and_sheets(site: Path, tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "花名册.xlsx", [["王伟", "宣传部", "1980-05"]], ["姓名", "部门", "出生年月"])
    result = do_import(site, book)
    assert result.exit_code == 0, result.output
    assert f"警告 {book} 第 2 行: 出生年月: 不认识的列“出生年月”（C 列），已忽略 — 可识别的列：姓名、单位、职务" in result.output
    assert do_import(site, book, "--sheet", "花名册").exit_code == 0
    wrong = do_import(site, book, "--sheet", "Sheet9")
    assert wrong.exit_code == 1 and "没有名为“Sheet9”的工作表 — 可用的工作表：花名册" in wrong.output
    nameless = write_xlsx(tmp_path / "无姓名.xlsx", [["宣传部"]], ["部门"])
    result = do_import(site, nameless)
    assert result.exit_code == 1 and "找不到表头（含“姓名”的一行）" in result.output


def test_photos_that_cannot_be_told_apart_are_skipped(site: Path, tmp_path: Path) -> None:
    sheet = write_xlsx(tmp_path / "花名册.xlsx", [[1, "王伟", "宣传部", None, "D1", None, None],
                                                [2, "王伟", "机关", None, "D2", None, None],
                                                [3, "李强", "机关", None, "D3", None, None],
                                                [4, "赵敏", "机关", None, "D4", None, None]])
    photos = tmp_path / "photos"
    write_tree(photos, {"王伟.jpg": photo((9, 9, 9)), "李强.jpg": photo((1, 1, 1)), "D3.JPG": photo((2, 2, 2)),
                        "赵敏.jpg": b"not a photo"})
    result = do_import(site, sheet, "--photos", str(photos), "--write")
    assert result.exit_code == 0, result.output
    assert "有 2 人叫“王伟”（第 3、4 行），照片“王伟.jpg”不知道是谁的，已跳过 — 用工号给照片命名" in result.output
    assert "有 2 张照片都对应此人：D3.JPG、李强.jpg，已跳过" in result.output
    assert "照片“赵敏.jpg”不能用：不是可识别的图片文件，已跳过 — 换成 JPEG 或 PNG 格式" in result.output
    assert not list((site / "content/people").glob("*.jpg"))


def test_a_field_written_over_several_lines_is_skipped_not_rewritten(site: Path, tmp_path: Path) -> None:
    record = site / "content/people/li-na.md"
    record.write_text("---\nname: 李娜\nunit: xuanchuan\nposition: >\n  宣传干事\n---\n正文。\n", encoding="utf-8")
    before = record.read_bytes()
    sheet = write_xlsx(tmp_path / "花名册.xlsx", [[1, "李娜", "宣传部", "科长", None, None, None]])
    result = do_import(site, sheet, "--write")
    assert result.exit_code == 0, result.output
    assert "跳过 1 行" in result.output
    assert "content/people/li-na.md：字段 position 的值写成了多行，无法只改动相应的行 — 请手动修改该文件" in result.output
    assert record.read_bytes() == before


def test_a_gbk_record_is_edited_in_gbk(site: Path, tmp_path: Path) -> None:
    record = site / "content/people/li-na.md"
    record.write_bytes("---\nname: 李娜\nunit: xuanchuan\n---\n记事本保存的正文。\n".encode("gbk"))
    sheet = write_xlsx(tmp_path / "花名册.xlsx", [[1, "李娜", "宣传部", "科长", "E7", None, None]])
    assert do_import(site, sheet, "--write").exit_code == 0
    assert record.read_bytes() == (
        "---\nname: 李娜\nunit: xuanchuan\nposition: 科长\nstaff_no: \"E7\"\n---\n记事本保存的正文。\n".encode("gbk"))


def test_a_new_photo_replaces_the_old_one_and_the_same_photo_changes_nothing(site: Path, tmp_path: Path) -> None:
    sheet = write_xlsx(tmp_path / "花名册.xlsx", [[1, "张伟", "宣传部", "干事", "A20240017", None, None]])
    portrait = tmp_path / "照片" / "张伟.jpg"
    write_tree(tmp_path, {"照片/张伟.jpg": photo((10, 20, 30))})
    assert do_import(site, sheet, "--write").exit_code == 0
    copied = site / "content/people/zhang-wei.jpg"
    assert copied.read_bytes() == portrait.read_bytes()
    same = do_import(site, sheet, "--write", "--quiet")
    assert same.exit_code == 0 and same.output == "没有需要更改的内容：网站中的人员和单位已与花名册一致。\n"
    portrait.write_bytes(photo((200, 20, 30)))
    result = do_import(site, sheet)
    assert "照片: zhang-wei.jpg 换成 张伟.jpg" in result.output
    record = (site / "content/people/zhang-wei.md").read_bytes()
    assert do_import(site, sheet, "--write").exit_code == 0
    assert copied.read_bytes() == portrait.read_bytes()
    assert (site / "content/people/zhang-wei.md").read_bytes() == record  # the field already named it


def test_a_roster_without_staff_numbers_matches_people_who_have_them(site: Path, tmp_path: Path) -> None:
    """No 工号 column, or a blank 工号 cell: the person of that name in that unit, whatever 工号 their file has."""
    no_column = tmp_path / "无工号.csv"
    no_column.write_text("姓名,单位,职务\n张伟,宣传部,干事\n李娜,宣传部,科长\n", encoding="utf-8")
    result = do_import(site, no_column)
    assert result.exit_code == 0, result.output
    assert "合计：新建单位 0 个，新建 0 人，更新 1 人，不变 1 人，跳过 0 行" in result.output
    assert "zhang-wei-2" not in result.output
    blank_cell = write_xlsx(tmp_path / "空工号.xlsx", [[1, "张伟", "宣传部", "干事", None, None, None]])
    result = do_import(site, blank_cell, "--write")
    assert result.exit_code == 0, result.output
    assert "不变 1 人" in result.output and "新建 0 人" in result.output
    assert sorted(p.name for p in (site / "content/people").iterdir()) == ["li-na.md", "zhang-wei.md"]
    # A 工号 that differs is someone else of the same name.
    other = write_xlsx(tmp_path / "另一人.xlsx", [[1, "张伟", "宣传部", "干事", "A999", None, None]])
    assert "张伟 → content/people/zhang-wei-a999.md" in do_import(site, other).output


def test_a_unit_merged_down_its_people_gives_each_of_them_the_unit(site: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "单位", "职务"])
    for name in ("王芳", "赵敏", "孙强"):
        sheet.append([name, "信息中心" if name == "王芳" else None, "科员"])
    sheet.merge_cells("B2:B4")
    sheet.append(["刘洋", "机关", "主任"])
    book.save(tmp_path / "合并.xlsx")
    result = do_import(site, tmp_path / "合并.xlsx", "--write")
    assert result.exit_code == 0, result.output
    assert "新建单位 1 个" in result.output and "新建 4 人" in result.output
    for person in ("wang-fang", "zhao-min", "sun-qiang"):
        assert "unit: xinxi-zhongxin\n" in (site / f"content/people/{person}.md").read_text(encoding="utf-8")
    assert "unit: jiguan\n" in (site / "content/people/liu-yang.md").read_text(encoding="utf-8")


def test_new_and_import_give_the_same_ids(tmp_path: Path) -> None:
    by_new, by_import = write_tree(tmp_path / "new", SITE), write_tree(tmp_path / "import", SITE)
    units = ["注水队水质化验班", "采油五队", "ＩＴ部", "团委"]
    people = [("欧阳明", "采油五队"), ("艾力·买买提", "ＩＴ部"), ("白玉兰", "注水队水质化验班"), ("Ｊｏｈｎ", "团委")]
    for unit in units:
        assert run("new", "unit", "--name", unit, "--kind", "部室", "--site", str(by_new)).exit_code == 0
    for name, unit in people:
        result = run("new", "person", "--name", name, "--unit", unit, "--site", str(by_new))
        assert result.exit_code == 0, result.output
    roster = tmp_path / "花名册.csv"
    roster.write_text("姓名,单位\n" + "".join(f"{name},{unit}\n" for name, unit in people), encoding="utf-8")
    assert do_import(by_import, roster, "--write").exit_code == 0

    def ids(site: Path) -> list[str]:
        return sorted(p.relative_to(site / "content").as_posix() for p in (site / "content").rglob("*.md"))

    assert ids(by_new) == ids(by_import)
    made = {f"content/{name}" for name in ids(by_new)} - set(SITE)
    assert made == {f"content/{name}.md" for name in (
        "units/zhushui-dui-shuizhi-huayan-ban", "units/caiyou-wudui", "units/it-bu", "units/tuanwei",
        "people/ouyang-ming", "people/ai-li-maimaiti", "people/bai-yulan", "people/john")}


def test_a_photo_named_like_an_id_keeps_it_from_new_and_from_import_alike(site: Path, tmp_path: Path) -> None:
    write_tree(site, {"content/people/wang-fang.jpg": photo((5, 5, 5))})
    refused = run("new", "person", "--name", "王芳", "--unit", "xuanchuan", "--site", str(site))
    assert refused.exit_code == 1
    assert "照片 content/people/wang-fang.jpg 已经用了这个名字" in refused.output
    assert "new person wang-fang-2 --name 王芳" in refused.output
    roster = tmp_path / "花名册.csv"
    roster.write_text("姓名,单位\n王芳,宣传部\n", encoding="utf-8")
    assert "王芳 → content/people/wang-fang-2.md" in do_import(site, roster).output


def test_a_replaced_photo_is_kept_beside_the_new_one(site: Path, tmp_path: Path) -> None:
    old = photo((10, 20, 30))
    write_tree(site, {"content/people/zhang-wei.jpg": old})
    record = site / "content/people/zhang-wei.md"
    record.write_bytes(record.read_bytes().replace(b"position:", b"photo: zhang-wei.jpg\r\nposition:"))
    sheet = write_xlsx(tmp_path / "花名册.xlsx", [[1, "张伟", "宣传部", "干事", "A20240017", None, None]])
    write_tree(tmp_path, {"照片/张伟.jpg": photo((200, 20, 30))})
    kept = f"zhang-wei.{dt.date.today():%Y%m%d}.jpg"
    plan = do_import(site, sheet)
    assert f"照片: zhang-wei.jpg 换成 张伟.jpg，原有的 zhang-wei.jpg 改名为 {kept} 保留" in plan.output
    result = do_import(site, sheet, "--write")
    assert result.exit_code == 0, result.output
    assert "复制照片 1 张（替换下的 1 张原照片已改名保留）" in result.output
    assert (site / "content/people" / kept).read_bytes() == old
    assert (site / "content/people/zhang-wei.jpg").read_bytes() == (tmp_path / "照片/张伟.jpg").read_bytes()
    # The kept photo is only a file in the folder: the site checks as before, and the next import keeps it too.
    checked = run("check", "--site", str(site))
    assert checked.exit_code == 0 and kept not in checked.output, checked.output
    write_tree(tmp_path, {"照片/张伟.jpg": photo((0, 200, 30))})
    assert do_import(site, sheet, "--write").exit_code == 0
    assert (site / "content/people" / kept.replace(".jpg", "-2.jpg")).is_file()


def test_a_file_made_while_importing_is_not_overwritten(site: Path, tmp_path: Path) -> None:
    from honours import roster as importer
    from honours.errors import Problems
    from honours.roster.write import write_plan

    sheet = tmp_path / "花名册.csv"
    sheet.write_text("姓名,单位\n王芳,宣传部\n", encoding="utf-8")
    problems = Problems()
    prepared = importer.prepare(site, sheet, None, None, problems)
    assert prepared.plan is not None and not problems.errors
    made_meanwhile = site / "content/people/wang-fang.md"
    made_meanwhile.write_text("---\nname: 王芳\nunit: jiguan\n---\n刚刚写的。\n", encoding="utf-8")
    written = write_plan(prepared.plan, problems)
    assert written.created == 0
    assert "文件在导入时已经存在（可能刚被别人创建），没有覆盖" in problems.errors[0].message
    assert made_meanwhile.read_text(encoding="utf-8").endswith("刚刚写的。\n")


def test_hidden_characters_in_cells_are_removed_so_names_match(site: Path, tmp_path: Path) -> None:
    """A zero-width space in 白玉兰 (copied from WeChat) is still 白玉兰, not a second person bai-yulan-2."""
    write_tree(site, {"content/people/bai-yulan.md": "---\nname: 白玉兰\nunit: xuanchuan\n---\n"})
    sheet = tmp_path / "花名册.csv"
    sheet.write_text("姓名,单位,职务\n白\u200b玉兰,宣\u200b传部,干\u202e事\n\ufeff赵\u2066敏\u2069,党委宣传部\u200d,科员\n",
                     encoding="utf-8")
    result = do_import(site, sheet, "--write")
    assert result.exit_code == 0, result.output
    assert "新建 1 人，更新 1 人" in result.output and "bai-yulan-2" not in result.output
    assert (site / "content/people/bai-yulan.md").read_text(encoding="utf-8") == (
        "---\nname: 白玉兰\nunit: xuanchuan\nposition: 干事\n---\n")
    assert (site / "content/people/zhao-min.md").read_text(encoding="utf-8") == (
        "---\nname: 赵敏\nunit: xuanchuan\nposition: 科员\n---\n")
    assert sorted(p.name for p in (site / "content/people").iterdir()) == [
        "bai-yulan.md", "li-na.md", "zhang-wei.md", "zhao-min.md"]



def test_a_name_with_a_hidden_character_in_its_file_is_matched_and_cleaned(site: Path, tmp_path: Path) -> None:
    write_tree(site, {"content/people/bai-yulan.md": "---\nname: 白\u200b玉兰\nunit: xuanchuan\n---\n"})
    sheet = tmp_path / "花名册.csv"
    sheet.write_text("姓名,单位\n白玉兰,宣传部\n", encoding="utf-8")
    result = do_import(site, sheet, "--write")
    assert result.exit_code == 0, result.output
    assert "白玉兰（content/people/bai-yulan.md）：姓名: 白\\u200b玉兰 → 白玉兰" in result.output
    assert (site / "content/people/bai-yulan.md").read_text(encoding="utf-8") == "---\nname: 白玉兰\nunit: xuanchuan\n---\n"
    assert run("check", "--site", str(site)).exit_code == 0

FORMULAS_CSV = ("姓名,单位,编号,电话,工号\n"
                "=cmd|'/c calc'!A1,宣传部,,,\n"
                "张三,\"=HYPERLINK(\"\"http://x\"\",\"\"宣传部\"\")\",,,\n"
                "李四,宣传部,@SUM(1),,\n"
                "孙七,宣传部,,,#REF!\n"
                "+王八,宣传部,,,\n")


def test_formula_cells_in_names_units_and_ids_are_refused_with_row_and_column(site: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "花名册.csv"
    sheet.write_text(FORMULAS_CSV, encoding="utf-8")
    before = files_of(site)
    result = do_import(site, sheet, "--write")
    assert result.exit_code == 1
    out = result.output
    assert f"错误 {sheet} 第 2 行: 姓名: A 列“=cmd|'/c calc'!A1”以“=”开头，像是 Excel 公式，不能作为姓名导入 — " \
           "公式请改成它显示的文字（复制后“选择性粘贴 → 数值”）" in out
    assert f"错误 {sheet} 第 3 行: 单位: B 列“=HYPERLINK(\"http://x\",\"宣传部\")”以“=”开头，像是 Excel 公式，不能作为单位导入" in out
    assert f"错误 {sheet} 第 4 行: 编号: C 列“@SUM(1)”以“@”开头" in out
    assert f"错误 {sheet} 第 5 行: 工号: E 列“#REF!”是 Excel 公式出错时显示的错误值，不能作为工号导入" in out
    assert f"错误 {sheet} 第 6 行: 姓名: A 列“+王八”以“+”开头" in out
    assert "共 5 个错误" in out and "导入失败：没有写入任何文件" in out
    assert "cmd" not in out.split("共 5 个错误")[1]  # no unit or person planned from a refused row
    assert files_of(site) == before


def test_a_phone_that_is_a_formula_is_left_out_with_a_warning(site: Path, tmp_path: Path) -> None:
    """A phone is only kept, never matched on: one bad cell leaves that phone out, not the whole import."""
    sheet = tmp_path / "花名册.csv"
    sheet.write_text("姓名,单位,电话\n王五,宣传部,-2+3\n赵六,宣传部,+86 138 0013 8000\n钱七,宣传部,=1+1\n",
                     encoding="utf-8")
    result = do_import(site, sheet, "--write")
    assert result.exit_code == 0, result.output
    assert f"警告 {sheet} 第 2 行: 电话: C 列“-2+3”以“-”开头，像是 Excel 公式，不是电话号码，这一格没有导入" in result.output
    assert f"警告 {sheet} 第 4 行: 电话: C 列“=1+1”以“=”开头" in result.output
    people = site / "content/people"
    assert (people / "wang-wu.md").read_text(encoding="utf-8") == "---\nname: 王五\nunit: xuanchuan\n---\n"
    assert 'phone: "+86 138 0013 8000"' in (people / "zhao-liu.md").read_text(encoding="utf-8")


def _with_saved_results(path: Path, results: dict[str, str]) -> Path:
    """Rewrite a workbook openpyxl saved so that the formula cells named get a saved result, as Excel saves one."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    for reference, value in results.items():
        xml = re.sub(f'<c r="{reference}"([^>]*)>(<f>.*?</f>)<v */>', f'<c r="{reference}"\\1 t="str">\\2<v>{value}</v>',
                     xml)
    parts["xl/worksheets/sheet1.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_formula_cell_without_a_saved_result_says_to_open_and_save_it(site: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "姓名", "单位", "职务"])
    sheet.append(["=ROW()-1", "王芳", '="宣"&"传部"', "科员"])  # 序号 is not read: its formula does not matter
    sheet.append([2, '="赵"&"敏"', "机关", None])  # read as blank, it was skipped as 没有姓名
    sheet.append([3, '="孙"&"强"', "机关", '=IF(1,"","x")'])  # both given results below, as Excel saves them
    path = tmp_path / "花名册.xlsx"
    book.save(path)
    before = files_of(site)
    result = do_import(site, _with_saved_results(path, {"B4": "孙强", "D4": ""}), "--write")
    assert result.exit_code == 1
    out = result.output
    assert f"错误 {path} 第 2 行: 单位: C 列是公式（=\"宣\"&\"传部\"），但文件里没有保存它的计算结果，读不到值 — " \
           "请先用 Excel 打开并保存，再导入" in out
    assert f"错误 {path} 第 3 行: 姓名: B 列是公式（=\"赵\"&\"敏\"）" in out
    assert "没有姓名" not in out and "第 4 行" not in out and "共 2 个错误，0 个警告" in out
    assert files_of(site) == before
    _with_saved_results(path, {"C2": "宣传部", "B3": "赵敏"})  # opened and saved in Excel
    result = do_import(site, path, "--write")
    assert result.exit_code == 0, result.output
    assert "新建 3 人" in result.output
    assert (site / "content/people/sun-qiang.md").read_text(encoding="utf-8") == "---\nname: 孙强\nunit: jiguan\n---\n"


def test_new_ids_for_many_namesakes_take_work_in_proportion_to_their_number(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 50,000-row roster took 456 s when each new id tried every number up to the number of ids taken."""
    from honours import ids

    tried = 0
    candidates = ids._candidates

    def counting(*args: object):
        nonlocal tried
        for candidate in candidates(*args):
            tried += 1
            yield candidate

    monkeypatch.setattr(ids, "_candidates", counting)
    free = ids.FreeIds({"zhang-wei-3", "li-na"})
    given = [free.take("zhang-wei") for _ in range(3000)] + [free.take("zhang-wei", "A7"), free.take("li-na")]
    assert given[:4] == ["zhang-wei", "zhang-wei-2", "zhang-wei-4", "zhang-wei-5"]
    assert given[-2:] == ["zhang-wei-a7", "li-na-2"] and len(set(given)) == len(given)
    assert tried < 3 * len(given)
    assert ids.unique_id("zhang-wei", free.taken) == "zhang-wei-3002" == free.take("zhang-wei")
