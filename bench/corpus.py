"""Generate a large, realistic honours site (光荣榜) for benchmarks and tests.

    python bench/corpus.py OUT_DIR [--seed 1] [--scale 1.0] [--photos N]

writes OUT_DIR/site.toml and OUT_DIR/content/ (units, people with portraits, campaigns with their
honours and monthly assessments, score schemes, bulletins), ready for

    python build.py check --site OUT_DIR --strict
    python build.py build --site OUT_DIR

At scale 1.0 the site has 10,000 people, 500 units in a tree (集团公司 → 二级单位 → 科室/基层队 →
班组/服务窗口, plus 党支部), 50 campaigns over 2006–2025 conferring 20,000 honours, 200 bulletins,
10 campaigns with a year of monthly scores under a scheme, and 2,000 synthetic JPEG photos.
`--scale 0.01` scales every count down, keeping at least two campaigns (one of them assessed) and a
few units and people, so tests can use a tiny corpus; `--photos N` overrides the photo count.

Everything is drawn from random.Random seeded by `--seed`, so the same seed writes byte-identical
files, photos included (they are made in a process pool, each from its own seed). OUT_DIR must be
new, empty, or an earlier output of this script, whose content/ is then replaced.

The words and tables the corpus is drawn from (names, units, campaigns, awards, sentences) are in
corpus_data/. The units and people are planned in corpus_units.py, the campaigns, their scores and
honours in corpus_campaigns.py, the photos in corpus_photos.py; this file writes the texts and files.

From Python (bench/build.py, tests):

    from corpus import generate
    counts = generate(Path("/tmp/corpus"), seed=1, scale=0.05)

Needs only the standard library, Pillow and pypinyin.
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from random import Random

from corpus_campaigns import (SCHEMES, Award, AwardKind, Campaign, Month, add_months, assess, campaign_phases,
                              confer_honours, plan_campaigns)
from corpus_photos import PhotoJob, make_photos, plan_photos
from corpus_units import (FIRST_YEAR, GROUP, GROUP_SHORT, LAST_YEAR, OFFICE, Branch, Person, Unit, build_people,
                          build_units, cn_number, load, rng_for)

MARKER = ".corpus.json"  # written into OUT_DIR, so a later run knows it may replace content/


# ============================================================================================ counts


@dataclass(frozen=True)
class Counts:
    """How many of each record the corpus has."""

    people: int
    units: int
    campaigns: int
    honours: int
    bulletins: int
    assessed_campaigns: int
    photos: int

    @classmethod
    def at(cls, scale: float, photos: int | None = None) -> Counts:
        """Return the counts of a corpus at `scale` (1.0 = the full benchmark site)."""
        def scaled(full: int, least: int) -> int:
            return max(least, round(full * scale))
        campaigns = scaled(50, 2)  # one assessed and one ordinary, at least
        return cls(people=scaled(10_000, 20), units=scaled(500, 12), campaigns=campaigns,
                   honours=scaled(20_000, 10), bulletins=scaled(200, 1),
                   assessed_campaigns=min(campaigns, scaled(10, 1)),
                   photos=scaled(2_000, 0) if photos is None else max(0, photos))


# ======================================================================================== utilities


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9~][^\n]*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "~"}


def yaml_text(text: str) -> str:
    """Return `text` as a YAML scalar: plain where that is safe, else double-quoted."""
    if (_PLAIN.match(text) and ": " not in text and " #" not in text and not text.endswith((":", " "))
            and text.lower() not in _RESERVED):
        return text
    return json.dumps(text, ensure_ascii=False)


def number(value: float) -> str:
    """Return points as people write them: 43, 42.5."""
    return f"{value:g}"


# ============================================================================================= texts

TEXTS = load("texts.toml")  # the sentences of citations and biographies, and the words of their slots
CITATIONS = TEXTS["citations"]
BIOGRAPHIES = TEXTS["biographies"]


SLOT_VALUES: dict[str, Callable[[Random, Branch], object]] = {
    "n": lambda r, b: r.randint(3, 25), "m": lambda r, b: r.randint(2, 9), "k": lambda r, b: r.randint(5, 480),
    "p": lambda r, b: r.randint(2, 9), "p2": lambda r, b: r.randint(95, 99), "rank": lambda r, b: r.randint(1, 3),
    "year": lambda r, b: r.randint(FIRST_YEAR, LAST_YEAR), "branch": lambda r, b: b.word,
    "skills": lambda r, b: b.skills, "objects": lambda r, b: b.objects,
    "innovation": lambda r, b: r.choice(b.innovations), "metric": lambda r, b: r.choice(b.metrics),
    "slogan": lambda r, b: r.choice(TEXTS["slogans"]), "motto": lambda r, b: r.choice(TEXTS["mottos"]),
    "event": lambda r, b: r.choice(TEXTS["events"]), "prize": lambda r, b: r.choice(TEXTS["prizes"]),
    "nickname": lambda r, b: r.choice(TEXTS["nicknames"]),
}


class _Slots(dict):
    """The values of a template's slots, each drawn when the template first names it."""

    def __init__(self, rng: Random, branch: Branch, given: dict[str, str]):
        super().__init__({"scope": "公司", "surname": "", **given})
        self.rng, self.branch = rng, branch

    def __missing__(self, key: str) -> object:
        value = self[key] = SLOT_VALUES[key](self.rng, self.branch)
        return value


class Writer:
    """Fills the sentence templates with plausible numbers and the unit's own words."""

    def __init__(self, rng: Random):
        self.rng = rng

    def fill(self, template: str, unit: Unit, **extra: str) -> str:
        """Fill a template's slots ({n}, {metric} …), drawing only the values it names."""
        return template.format_map(_Slots(self.rng, unit.branch, extra))

    def citation(self, recipient: Unit | Person, award: AwardKind, average: float | None = None) -> str:
        """One sentence on what the recipient did, in the words of the award when it has its own."""
        if isinstance(recipient, Person):
            unit, kind, surname = recipient.unit, "person", recipient.name.surname
        else:
            unit, kind, surname = recipient, "unit", ""
        deeds, results = CITATIONS[f"{kind}_deeds"], CITATIONS[f"{kind}_results"]
        if award.slug in CITATIONS["award_deeds"]:
            deeds, results = CITATIONS["award_deeds"][award.slug], CITATIONS["general_results"]
        if average is not None:
            deed = f"全年平均得分{number(average)}分"
        else:
            deed = self.fill(self.rng.choice(deeds), unit, surname=surname)
        return f"{deed}，{self.fill(self.rng.choice(results), unit)}。"

    def biography(self, person: Person) -> str:
        r = self.rng
        name = person.name
        party = f"中共党员（{person.party_year}年入党），" if person.party_year else ""
        intro = (f"{name.text}，{'女' if person.female else '男'}，{name.ethnicity or '汉族'}，{person.born[0]}年"
                 f"{person.born[1]}月出生，{party}{person.education}学历，{person.joined[0]}年{person.joined[1]}月"
                 f"参加工作，现任{_full_name(person.unit)}{person.position}。")
        pool = BIOGRAPHIES["office" if person.unit.branch is OFFICE else "field"]
        sentences = [self.fill(s, person.unit) for s in r.sample(pool, r.randint(1, 3))]
        if person.honours:
            named = "、".join(dict.fromkeys(person.honours[:3]))
            sentences.append(f"先后获得{named}等荣誉。")
        return intro + "".join(sentences)

    def unit_description(self, unit: Unit) -> str:
        staff = unit.headcount()
        party = sum(1 for u in unit.subtree() for p in u.members if p.party_year)
        first = f"{unit.name}现有员工{staff}人，其中党员{party}人。"
        if unit.parent is None:
            subs = sum(1 for u in unit.children if u.kind != "机关")
            return (f"{unit.name}是以油气勘探开发为主业，集炼化、工程技术、物资供应和生活服务于一体的综合性能源企业，"
                    f"下设{subs}个二级单位。\n\n集团公司党委坚持以党建引领企业发展，长期开展劳动模范评选、"
                    "星级班组创建、职业技能竞赛等创建评比活动，形成了比学赶超、争创一流的良好氛围。")
        if unit.kind == "机关":
            return first + "机关党委负责机关党的建设、精神文明建设和群团工作，每月开展部室考核。"
        if unit.kind in ("班组", "基层队", "采油厂", "二级单位"):
            result = self.rng.choice(CITATIONS["unit_results"])
            second = f"主要承担{unit.branch.objects}管理和{unit.branch.skills}等工作，{result}。"
            return first + self.fill(second, unit)
        if unit.kind == "党支部":
            return first + "支部坚持“三会一课”、主题党日和谈心谈话制度，推动党建工作与业务工作深度融合。"
        return first + self.fill("负责{skills}等工作，{metric}保持在{p2}%以上。", unit)


def _full_name(unit: Unit) -> str:
    """The unit's name as a document gives it: with its 二级单位 in front unless it says so already."""
    top = unit.top
    if unit.parent is None or top is unit or top.kind == "机关" or unit.name.startswith(top.short_name or top.name):
        return unit.name
    return (top.short_name or top.name) + unit.name


# ========================================================================================= bulletins


@dataclass
class Bulletin:
    """A bulletin of a campaign."""

    id: str
    campaign: Campaign
    kind: str  # 通知, 通报, 简报, 表彰决定
    date: dt.date
    title: str
    body: str
    number: str = ""


BULLETIN_SLUGS = {"表彰决定": "jueding", "通知": "tongzhi", "通报": "tongbao", "简报": "jianbao"}
BULLETINS = load("bulletins.toml")  # the headlines of 简报 and the bodies of every kind


def plan_bulletins(rng: Random, campaigns: list[Campaign], total: int) -> list[Bulletin]:
    """Return `total` bulletins: every campaign's 表彰决定 first, then 通知, then 通报 and 简报 in turn."""
    rounds = ("表彰决定", "通知", "通报", "简报", "通报", "简报", "通报")
    wanted: list[tuple[Campaign, str]] = []
    for kind in itertools.chain(rounds, itertools.cycle(("通报", "简报")) if campaigns else ()):
        for campaign in campaigns:
            if len(wanted) == total:
                break
            wanted.append((campaign, kind))
        if len(wanted) == total:
            break
    made: dict[str, int] = {}
    bulletins = []
    for campaign, kind in wanted:
        made[campaign.id + kind] = made.get(campaign.id + kind, 0) + 1
        bulletins.append(_bulletin(rng, campaign, kind, made[campaign.id + kind]))
    _number(bulletins)
    return bulletins


def _bulletin(rng: Random, campaign: Campaign, kind: str, nth: int) -> Bulletin:
    suffix = "" if nth == 1 else f"-{nth}"
    bulletin_id = f"{campaign.id}-{BULLETIN_SLUGS[kind]}{suffix}"
    short_title = campaign.title
    if kind == "表彰决定":
        title = f"关于表彰{short_title}先进集体和先进个人的决定"
        return Bulletin(bulletin_id, campaign, kind, campaign.awarded, title, _decision_body(rng, campaign))
    if kind == "通知":
        date = dt.date(campaign.start[0], campaign.start[1], rng.randint(1, 20))
        return Bulletin(bulletin_id, campaign, kind, date, f"关于开展{short_title}的通知", _notice_body(campaign))
    span = (campaign.end[0] * 12 + campaign.end[1]) - (campaign.start[0] * 12 + campaign.start[1])
    year, month = add_months(*campaign.start, rng.randint(0, max(0, span - 1)))
    date = dt.date(year, month, rng.randint(1, 28))
    if kind == "简报":
        title = f"{short_title}简报：{_headline(rng, campaign)}"  # the issue is added by _number
        return Bulletin(bulletin_id, campaign, kind, date, title, _brief_body(rng, campaign))
    title = f"关于{month}月份{short_title}推进情况的通报"
    return Bulletin(bulletin_id, campaign, kind, date, title, _progress_body(rng, campaign, month))


def _number(bulletins: list[Bulletin]) -> None:
    """Give each bulletin a document number, in date order per issuer and year; 简报 are numbered by issue."""
    counters: dict[tuple[str, int], int] = {}
    issues: dict[str, int] = {}
    for bulletin in sorted(bulletins, key=lambda b: (b.date, b.id)):
        if bulletin.kind == "简报":
            issue = issues[bulletin.campaign.id] = issues.get(bulletin.campaign.id, 0) + 1
            bulletin.number = f"第{issue}期"
            bulletin.title = bulletin.title.replace("简报：", f"简报（第{issue}期）：", 1)
            continue
        prefix = bulletin.campaign.organiser.number_prefix
        key = (prefix, bulletin.date.year)
        counters[key] = counters.get(key, 0) + 1
        bulletin.number = f"{prefix}〔{bulletin.date.year}〕{counters[key] * 3 - 1}号"


def shortcode(campaign: Campaign, award: Award | None = None) -> str:
    """The line that embeds a campaign's honour list (one award's, or all) in a bulletin."""
    chosen = f' award="{award.id}"' if award else ""
    return f'{{{{< honours campaign="{campaign.id}"{chosen} >}}}}'


def _honour_phrase(award: Award) -> str:
    count = len(award.recipients)
    if count == 0:
        return ""
    first = award.recipients[0]
    if isinstance(first, Person):
        return f"授予{first.name.text}等{count}名同志“{award.kind.name}”称号"
    return f"授予{first.name}等{count}个集体“{award.kind.name}”称号"


def _decision_body(rng: Random, campaign: Campaign) -> str:
    awards = [a for a in campaign.awards if a.recipients]
    if len(awards) > 3 and rng.random() < 0.3:
        honours = f"{'；'.join(_honour_phrase(a) for a in awards)}。\n\n{shortcode(campaign)}\n\n"
    else:
        honours = "".join(f"{cn_number(place)}、{_honour_phrase(award)}。\n\n{shortcode(campaign, award)}\n\n"
                          for place, award in enumerate(awards, start=1))
    return BULLETINS["decision"].format(year=campaign.year, scope=campaign.scope.name, theme=campaign.kind.theme,
                                        organiser=campaign.organiser.name, honours=honours)


def _notice_body(campaign: Campaign) -> str:
    phases = "\n".join(f"{place}. {name}（{start}起）：{summary}"
                       for place, (name, start, _, summary) in enumerate(campaign_phases(campaign), start=1))
    awards = "\n".join(f"- {a.kind.name}：{a.kind.description}" for a in campaign.awards)
    return BULLETINS["notice"].format(theme=campaign.kind.theme, title=campaign.title, phases=phases, awards=awards)


def _headline(rng: Random, campaign: Campaign) -> str:
    return rng.choice(BULLETINS["headlines"]).format(scope=campaign.scope.short_name or "各单位")


def _brief_body(rng: Random, campaign: Campaign) -> str:
    teams = [u for u in campaign.scope.subtree() if u.kind in ("基层队", "班组")][:3]
    named = "、".join(u.name for u in teams) or campaign.scope.name
    return BULLETINS["brief"].format(title=campaign.title, theme=campaign.kind.theme, teams=named,
                                     drills=rng.randint(10, 60), staff=rng.randint(200, 3000),
                                     ideas=rng.randint(20, 300))


def _progress_body(rng: Random, campaign: Campaign, month: int) -> str:
    before, now = rng.randint(85, 92), rng.randint(88, 96)
    values = {"title": campaign.title, "month": month, "before": before, "now": now,
              "trend": "提高" if now >= before else "下降", "change": abs(now - before),
              "units_before": rng.randint(20, 60), "units_now": rng.randint(20, 60), "ranked": ""}
    ranked = next((a for a in campaign.awards if a.kind.order == "rank" and a.recipients), None)
    if ranked is not None and rng.random() < 0.5:
        values["ranked"] = BULLETINS["progress_ranked"].format(award=ranked.kind.name,
                                                               shortcode=shortcode(campaign, ranked))
    return BULLETINS["progress"].format_map(values)


# ============================================================================================ writing


def front_matter(fields: Iterable[tuple[str, str | None]], body: str) -> str:
    """Return a Markdown record: the fields (already YAML values; None left out) and the body."""
    lines = ["---"] + [f"{key}: {value}" for key, value in fields if value is not None] + ["---"]
    return "\n".join(lines) + "\n" + body.rstrip("\n") + "\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def write_site_toml(out: Path) -> None:
    write(out / "site.toml", "\n".join((
        "# A generated benchmark site (bench/corpus.py); every key is documented in README.md.",
        f'title = "{GROUP_SHORT}光荣榜"',
        'subtitle = "先进集体 · 先进个人 · 表彰通报"',
        f'organisation = "{GROUP}党委宣传部"',
        'language = "zh-CN"',
        "home_bulletins = 8",
        "",
        "[strings]",
        'footer_generated = "本网站由党委宣传部维护，使用 honours 生成"',
        "")))


def write_unit(content: Path, unit: Unit, writer: Writer) -> None:
    folder = content / "units" / unit.folder
    fields = [("name", yaml_text(unit.name)), ("kind", unit.kind),
              ("parent", unit.parent.id if unit.parent else None),
              ("short_name", yaml_text(unit.short_name) if unit.short_name else None),
              ("weight", str(unit.weight) if unit.weight else None), ("photo", unit.photo)]
    write(folder / f"{unit.id}.md", front_matter(fields, writer.unit_description(unit)))


def write_person(content: Path, person: Person, writer: Writer) -> None:
    explicit = person.name.ethnicity or ("汉族" if person.shows_han else None)
    fields = [("name", yaml_text(person.name.text)), ("unit", person.unit.id),
              ("position", yaml_text(person.position)), ("gender", "女" if person.female else "男"),
              ("ethnicity", explicit), ("photo", person.photo),
              ("photo_focus", f"[{person.focus[0]}, {person.focus[1]}]" if person.focus else None),
              ("staff_no", f'"{person.staff_no}"'), ("phone", f'"{person.phone}"' if person.phone else None)]
    write(content / "people" / f"{person.id}.md", front_matter(fields, writer.biography(person)))


def write_schemes(content: Path) -> None:
    for scheme in SCHEMES:
        lines = [f"name: {scheme.name}", "subject: unit", "categories:"]
        for category, items in scheme.categories:
            lines += [f"  - name: {category}", "    items:"]
            lines += [f"      - {{id: {i}, name: {n}, max: {number(m)}}}" for i, n, m in items]
        lines += ["deductions: true", f"bonus_cap: {number(scheme.bonus_cap)}", "stars:"]
        lines += [f"  - {{level: {level}, min: {number(least)}}}" for level, least in scheme.stars]
        lines += ["rollup: average", f"top: {scheme.top}"]
        if scheme.group_by:
            lines.append(f"group_by: {scheme.group_by}")
        write(content / "schemes" / f"{scheme.id}.yaml", "\n".join(lines) + "\n")


def write_campaign(content: Path, campaign: Campaign, writer: Writer) -> int:
    """Write the campaign's folder; return how many of its honours have a citation."""
    folder = content / "campaigns" / campaign.id
    write(folder / "index.md", campaign_record(campaign))
    honours = honours_yaml(campaign, writer)
    write(folder / "honours.yaml", honours)
    for month in campaign.months:
        write(folder / "assessments" / f"{month.year}-{month.month:02d}.yaml", assessment_yaml(month))
        if month.commentary and month.lines:
            write(folder / "assessments" / f"{month.year}-{month.month:02d}.md", commentary(campaign, month))
    return honours.count("\n  citation: ")


def _partial(year_month: tuple[int, int]) -> str:
    return f"{year_month[0]}-{year_month[1]:02d}"


def campaign_record(campaign: Campaign) -> str:
    kind = campaign.kind
    lines = ["---", f"title: {yaml_text(campaign.title)}", f"organiser: {yaml_text(campaign.organiser.name)}",
             f"start: {_partial(campaign.start)}", f"end: {_partial(campaign.end)}"]
    if campaign.start[0] != campaign.year:
        lines.append(f"year: {campaign.year}")
    if campaign.scheme:
        lines.append(f"scheme: {campaign.scheme.id}")
    if campaign.order:
        lines.append(f"order: {campaign.order}")
    summary = f"在{campaign.scope.name}范围内开展，{kind.theme}，评选表彰先进集体和先进个人。"
    lines.append(f"summary: {yaml_text(summary)}")
    if campaign.featured:
        lines.append("featured: true")
    lines.append("phases:")
    for name, start, end, summary in campaign_phases(campaign):
        lines += [f"  - name: {name}", f"    start: {start}"] + ([f"    end: {end}"] if end else [])
        lines.append(f"    summary: {yaml_text(summary)}")
    lines.append("goals:")
    lines += [f"  - {yaml_text(goal)}" for goal in kind.goals]
    lines.append("awards:")
    for award in campaign.awards:
        lines += [f"  - id: {award.id}", f"    name: {yaml_text(award.kind.name)}",
                  f"    recipient: {award.kind.recipient}"]
        if award.kind.levels:
            lines.append(f"    levels: [{', '.join(award.kind.levels)}]")
        if award.kind.order:
            lines.append(f"    order: {award.kind.order}")
        if award.quota:
            lines.append(f"    quota: {award.quota}")
        lines.append(f"    description: {yaml_text(award.kind.description)}")
    lines.append("---")
    return "\n".join(lines) + "\n" + campaign_body(campaign)


def campaign_body(campaign: Campaign) -> str:
    kind = campaign.kind
    rows = "\n".join(f"| {a.kind.name} | {'集体' if a.kind.recipient == 'unit' else '个人'} | "
                     f"{'、'.join(a.kind.levels) or '—'} |" for a in campaign.awards)
    scores = (f"\n## 考核办法\n\n按照《{campaign.scheme.name}》每月考核、每月通报，全年平均得分作为评先依据。\n"
              if campaign.scheme else "")
    background = f"为{kind.theme}，{campaign.organiser.name}决定在{campaign.scope.name}开展{campaign.title}。"
    return (f"## 活动背景\n\n{background}\n\n"
            f"## 评选项目\n\n| 项目 | 对象 | 等级 |\n| --- | --- | --- |\n{rows}\n{scores}\n"
            "## 组织领导\n\n成立活动领导小组，办公室设在党委宣传部，负责日常组织、检查和通报。"
            "各单位主要负责人为第一责任人。\n")


def honours_yaml(campaign: Campaign, writer: Writer) -> str:
    """The campaign's honours: prestigious and ranked ones one by one with citations, the rest in lists."""
    date = campaign.awarded.isoformat()
    lines = [f"# {campaign.title} 荣誉名单", ""]
    for award in campaign.awards:
        if not award.recipients:
            continue
        lines.append(f"# —— {award.kind.name} ——")
        groups: dict[str | None, list[int]] = {}
        for index, level in enumerate(award.levels):
            groups.setdefault(level, []).append(index)
        for level, indexes in groups.items():
            singles = len(indexes) if (award.kind.prestige or award.ranks[indexes[0]]) else max(1, len(indexes) // 10)
            for index in indexes[:singles]:
                lines += _honour_entry(award, index, level, date, writer)
            rest = indexes[singles:]
            for start in range(0, len(rest), 30):
                lines += _honour_list(award, rest[start:start + 30], level, date)
        lines.append("")
    return "\n".join(lines)


def _recipient_key(recipient: Unit | Person) -> str:
    return "person" if isinstance(recipient, Person) else "unit"


def _honour_entry(award: Award, index: int, level: str | None, date: str, writer: Writer) -> list[str]:
    recipient = award.recipients[index]
    lines = [f"- award: {award.id}", f"  {_recipient_key(recipient)}: {recipient.id}"]
    if level:
        lines.append(f"  level: {level}")
    if award.ranks[index]:
        lines.append(f"  rank: {award.ranks[index]}")
    lines.append(f"  date: {date}")
    if not award.ranks[index] or writer.rng.random() < 0.6:
        average = award.averages[index] if award.averages else None
        lines.append(f"  citation: {yaml_text(writer.citation(recipient, award.kind, average))}")
    return lines


def _honour_list(award: Award, indexes: list[int], level: str | None, date: str) -> list[str]:
    key = "people" if award.kind.recipient == "person" else "units"
    lines = [f"- award: {award.id}"] + ([f"  level: {level}"] if level else []) + [f"  date: {date}"]
    ids = [award.recipients[i].id for i in indexes]
    if len(ids) <= 4:
        return lines + [f"  {key}: [{', '.join(ids)}]"]
    return lines + [f"  {key}:"] + [f"    - {i}" for i in ids]


def assessment_yaml(month: Month) -> str:
    lines = [f"date: {month.date.isoformat()}", "scores:"]
    for line in month.lines:
        lines.append(f"  - unit: {line.unit.id}")
        lines += [f"    {item}: {'~' if value is None else number(value)}" for item, value in line.items]
        if line.deductions:
            lines.append("    deductions:")
            for points, reason in line.deductions:
                lines += [f"      - points: {number(points)}", f"        reason: {yaml_text(reason)}"]
        if line.bonus:
            lines += [f"    bonus: {number(line.bonus)}", f"    bonus_reason: {yaml_text(line.bonus_reason)}"]
        if line.comment:
            lines.append(f"    comment: {yaml_text(line.comment)}")
    return "\n".join(lines) + "\n"


def commentary(campaign: Campaign, month: Month) -> str:
    """The month's 考核通报: praise for the first places, criticism for every deduction."""
    ranked = sorted(month.lines, key=lambda line: (-line.total, line.unit.id))
    top = ranked[:6]
    average = sum(line.total for line in month.lines) / len(month.lines)
    scheme = campaign.scheme.name if campaign.scheme else "考核标准"
    body = [(f"按照《{scheme}》，对{len(month.lines)}个单位{month.month}月份工作进行了考核，"
             f"平均得分{average:.1f}分。现将考核情况通报如下。"),
            "", "## 表扬", "",
            "、".join(line.unit.name for line in top) + f"{len(top)}个单位考核得分位居前列，予以通报表扬。", "",
            "| 名次 | 单位 | 得分 |", "| --- | --- | --- |"]
    body += [f"| {place} | {line.unit.name} | {number(line.total)} |" for place, line in enumerate(top, start=1)]
    deducted = [(line.unit, points, reason) for line in month.lines for points, reason in line.deductions]
    if deducted:
        body += ["", "## 通报批评", ""]
        body += [f"- {unit.name}：{reason}，扣{number(points)}分。" for unit, points, reason in deducted]
    body += ["", "特此通报。"]
    document = f"{campaign.organiser.number_prefix}〔{month.date.year}〕{month.month * 2 + 30}号"
    return front_matter([("number", yaml_text(document)), ("date", month.date.isoformat())], "\n".join(body))


def write_bulletin(content: Path, bulletin: Bulletin) -> None:
    campaign = bulletin.campaign
    scope = campaign.scope
    if scope.parent is None:
        addressees = "[机关各部室, 各二级单位]"
    else:
        addressees = f"[{scope.short_name}各科室, {scope.short_name}各基层队]"
    fields = [("title", yaml_text(bulletin.title)), ("number", yaml_text(bulletin.number)),
              ("issuer", yaml_text(campaign.organiser.name)), ("date", bulletin.date.isoformat()),
              ("kind", bulletin.kind), ("addressees", addressees),
              ("cc", "[集团公司党委, 集团公司工会]" if bulletin.kind == "表彰决定" else None),
              ("campaign", campaign.id)]
    write(content / "bulletins" / f"{bulletin.id}.md", front_matter(fields, bulletin.body))


# ============================================================================================ driver


def _prepare(out: Path) -> Path:
    """Return OUT_DIR/content, emptied; refuse an OUT_DIR that holds a site this script did not write."""
    content = out / "content"
    if content.exists() or (out / "site.toml").exists():
        if not (out / MARKER).is_file():
            raise FileExistsError(f"{out} already holds a site not made by bench/corpus.py; choose a new folder")
        shutil.rmtree(content, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    write(out / MARKER, '{"complete": false}\n')  # claimed before writing, so an interrupted run can be redone
    return content


@dataclass
class Corpus:
    """Everything planned, before a file is written."""

    units: list[Unit]
    people: list[Person]
    campaigns: list[Campaign]
    bulletins: list[Bulletin]
    photos: list[PhotoJob]


def plan(seed: int, counts: Counts, content: Path) -> Corpus:
    """Plan the whole site: each part from its own random stream, so changing one leaves the others."""
    units = build_units(counts.units)
    people = build_people(rng_for(seed, "people"), counts.people, units)
    campaigns = plan_campaigns(rng_for(seed, "campaigns"), counts.campaigns, counts.assessed_campaigns, units)
    for campaign in campaigns:
        if campaign.scheme:
            assess(rng_for(seed, f"scores:{campaign.id}"), campaign, units)
    confer_honours(rng_for(seed, "honours"), campaigns, units, people, counts.honours)
    bulletins = plan_bulletins(rng_for(seed, "bulletins"), campaigns, counts.bulletins)
    photos = plan_photos(rng_for(seed, "photos"), counts.photos, units, people, content)
    return Corpus(units, people, campaigns, bulletins, photos)


def write_records(out: Path, content: Path, corpus: Corpus, writer: Writer) -> int:
    """Write site.toml and every record; return how many honours have a citation."""
    write_site_toml(out)
    write_schemes(content)
    for unit in corpus.units:
        write_unit(content, unit, writer)
    for person in corpus.people:
        write_person(content, person, writer)
    citations = sum(write_campaign(content, campaign, writer) for campaign in corpus.campaigns)
    for bulletin in corpus.bulletins:
        write_bulletin(content, bulletin)
    return citations


def generate(out: Path, seed: int = 1, scale: float = 1.0, photos: int | None = None) -> dict[str, int | float]:
    """Write a corpus into `out` (site.toml + content/) and return what it holds, with the time taken.

    Raises FileExistsError if `out` holds a site that this script did not make.
    """
    started = time.perf_counter()
    out = Path(out)
    content = _prepare(out)
    corpus = plan(seed, Counts.at(scale, photos), content)
    citations = write_records(out, content, corpus, Writer(rng_for(seed, "texts")))
    records_done = time.perf_counter()
    photo_bytes = make_photos(corpus.photos, seed)
    campaigns = corpus.campaigns
    result: dict[str, int | float] = {
        "seed": seed, "scale": scale, "units": len(corpus.units), "people": len(corpus.people),
        "campaigns": len(campaigns), "honours": sum(c.honour_count() for c in campaigns),
        "honours_with_citation": citations, "bulletins": len(corpus.bulletins),
        "assessed_campaigns": sum(1 for c in campaigns if c.months),
        "assessment_files": sum(len(c.months) for c in campaigns),
        "commentaries": sum(1 for c in campaigns for m in c.months if m.commentary and m.lines),
        "photos": len(corpus.photos), "photo_bytes": photo_bytes,
    }
    write(out / MARKER, json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    result["seconds_records"] = round(records_done - started, 2)
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, metavar="OUT_DIR", help="the site folder to write (site.toml + content/)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1); same seed, same bytes")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 10,000 people, 20,000 honours (default)")
    parser.add_argument("--photos", type=int, default=None, help="number of photos (default 2,000 × scale)")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    try:
        result = generate(args.out, args.seed, args.scale, args.photos)
    except FileExistsError as exc:
        parser.error(str(exc))
    width = max(map(len, result))
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
