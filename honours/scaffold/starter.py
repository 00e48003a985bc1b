"""`init`: a new site that builds at once: settings, a unit, a person, a campaign with its honours, a bulletin."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from .. import theme
from ..cachefiles import write_new
from ..config import CONFIG_FILE, SiteConfig
from ..hints import command
from ..model.records import BULLETIN, CAMPAIGN, HONOUR, PERSON, UNIT, Bulletin, Campaign, HonourEntry, Person, Unit
from ..placeholders import SAMPLE
from .new import Refused, Written
from .records import front_matter_file, list_file, settings_file

_SHOWN_FILES = 5  # how many of a folder's files a refusal names


def init_site(folder: Path, today: dt.date | None = None) -> Written:
    """Write a new site into `folder` (missing or empty); raise Refused, having written nothing, otherwise."""
    _check_empty(folder)
    files = starter_files(today or dt.date.today())
    for name, text in files.items():
        try:
            write_new(folder / name, text.encode("utf-8"))
        except FileExistsError:  # put there since the folder was found empty: someone else's, and left alone
            raise Refused(f"“{folder / name}”刚刚被别的程序建立，没有改动它",
                          "新网站只建在不存在的或空的文件夹里；请换一个新文件夹的名字") from None
    return Written(tuple(folder / name for name in files), tuple(_report(folder, list(files))))


def _check_empty(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise Refused(f"“{folder}”是一个文件，不是文件夹", "换一个新文件夹的名字")
    try:
        found = sorted(os.listdir(folder)) if folder.is_dir() else []
    except OSError as exc:
        raise Refused(f"无法读取文件夹“{folder}”（{exc.strerror}）", "换一个新文件夹的名字") from None
    if found:
        shown = "、".join(found[:_SHOWN_FILES]) + (f" 等 {len(found)} 个" if len(found) > _SHOWN_FILES else "")
        raise Refused(f"文件夹“{folder}”不是空的，里面有：{shown}",
                      "新网站只建在不存在的或空的文件夹里，以免覆盖已有的文件；请换一个新文件夹的名字")


def starter_files(today: dt.date) -> dict[str, str]:
    """Return the new site's files by their path in it, with today's year in the campaign and bulletin."""
    year = today.year
    campaign, bulletin = f"wenming-{year}", f"wenming-{year}-biaozhang"
    units, people, bulletins, campaigns = (f"content/{kind.files.folder}" for kind in (UNIT, PERSON, BULLETIN, CAMPAIGN))
    return {
        CONFIG_FILE: settings_file(
            ["网站设置。以 # 开头的行是说明，不起作用；要改某项设置，删去它行首的“# ”再改值。",
             "文字要用英文双引号括起来，例如 title = \"某某公司光荣榜\"。"],
            SiteConfig, {"title": "光荣榜", "subtitle": "先进集体 · 先进个人 · 表彰通报",
                         "organisation": "某某公司党委宣传部"},
            ["# 网站上显示的每一段固定文字都可以在 [strings] 中改写（键名见 README 中 site.toml 一节），例如：",
             "# [strings]", "# nav_people = \"劳动模范\""]),
        f"{units}/xuanchuan-bu.md": _record(Unit, {"name": "党委宣传部", "kind": "部室", "short_name": "宣传部"},
                                            "负责新闻宣传、思想政治工作和企业文化建设。", "单位", "xuanchuan-bu"),
        f"{people}/zhang-wei.md": _record(Person, {"name": "张伟", "unit": "xuanchuan-bu", "position": "新闻干事",
                                                   "gender": "男"},
                                          "2015 年参加工作，长期从事企业新闻宣传工作。", "人员", "zhang-wei"),
        f"{campaigns}/{campaign}/index.md": _record(Campaign, _campaign(year), _CAMPAIGN_BODY, "活动", campaign),
        f"{campaigns}/{campaign}/{HONOUR.files.name}": list_file(
            [f"活动“{year}年度文明部室和先进个人评选”的表彰名单：每项把 index.md 中设立的一个奖项授予一个单位或一个人。",
             SAMPLE],
            HonourEntry, [
                {"award": "wenming-bushi", "unit": "xuanchuan-bu", "date": today,
                 "citation": "围绕中心、服务大局，新闻宣传工作**成绩突出**。"},
                {"award": "xianjin-geren", "person": "zhang-wei", "date": today,
                 "citation": "全年编发新闻稿件 200 余篇，多篇被上级媒体采用。"},
            ], {}),
        f"{bulletins}/{bulletin}.md": _record(Bulletin, {
            "title": f"关于表彰{year}年度文明部室和先进个人的决定", "number": f"机关党发〔{year}〕1号",
            "issuer": "中共某某公司机关委员会", "date": today, "kind": "表彰决定",
            "addressees": ["机关各部室", "各党支部"], "campaign": campaign,
        }, _bulletin_body(year, campaign), "通报", bulletin),
        ".gitignore": "# 生成的网站和缓存，不需要保存到版本库\noutput/\n.honours-cache/\n",
        "使用说明.txt": (theme.STARTER / "使用说明.txt").read_text(encoding="utf-8"),
    }


def _record(cls: type, values: dict[str, Any], body: str, kind_name: str, record_id: str) -> str:
    heading = [f"{kind_name}“{values.get('name') or values['title']}”，编号 {record_id}（即文件名）。", SAMPLE]
    return front_matter_file(heading, cls, values, body,
                             {"photo": "banner.jpg" if cls is Campaign else f"{record_id}.jpg"})


def _campaign(year: int) -> dict[str, Any]:
    return {
        "title": f"{year}年度文明部室和先进个人评选", "organiser": "某某公司机关党委",
        "start": f"{year}-01", "end": f"{year}-12",
        "summary": "以“文明服务、文明办公”为主题，评选文明部室和先进个人。",
        "phases": [{"name": "宣传发动阶段", "start": f"{year}-01", "end": f"{year}-02 上旬",
                    "summary": "召开动员大会，制定实施方案。"},
                   {"name": "评选表彰阶段", "start": f"{year}-11", "end": f"{year}-12",
                    "summary": "各部室推荐，评审公示后表彰。"}],
        "goals": ["评选文明部室 3 个", "评选先进个人 10 名"],
        "awards": [{"id": "wenming-bushi", "name": "文明部室", "recipient": "unit", "quota": 3},
                   {"id": "xianjin-geren", "name": "先进个人", "recipient": "person", "quota": 10}],
        "featured": True,
    }


_CAMPAIGN_BODY = "为推进机关作风建设，经研究，决定开展文明部室和先进个人评选活动。"


def _bulletin_body(year: int, campaign: str) -> str:
    return (f"为表彰先进、树立典型，经研究，决定授予以下部室和同志{year}年度荣誉称号：\n\n"
            f"{{{{< honours campaign=\"{campaign}\" >}}}}\n\n希望受到表彰的部室和同志珍惜荣誉，再接再厉。")




def _report(folder: Path, names: list[str]) -> list[str]:
    lines = [f"已建立新网站：{folder}"]
    lines += [f"  {name}" for name in names]
    lines += ["content/ 中的单位、人员、活动和通报都是示例：打开文件，按每个字段上方的说明改成真实的内容，"
              "再删去文件开头“示例记录……”那一行；在那之前，检查和生成都会提醒这些示例还在。",
              "下一步（在这个窗口中运行）：",
              f"  {command('serve', site=folder)}    在浏览器中预览，修改后自动刷新",
              f"  {command('build', site=folder)}    生成网站到 output/",
              f"  {command('new', 'person', '--name', '李娜', site=folder)}    新建人员（还有 new unit、new campaign、new bulletin）",
              f"  {command('import', '花名册.xlsx', site=folder)}    从花名册表格导入人员和单位（先显示将做的改动，加 --write 才写入）"]
    return lines
