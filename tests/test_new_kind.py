"""What a new kind of record costs: its declaration, its templates and its strings, and nothing more.

A copy of honours gets a hypothetical `team` kind (攻关小组: a team across units, with a leader and
members) by editing exactly the files NEW_KIND_FILES names; a site with teams then builds, and its
teams have pages, a list page in the menu, checked references, search entries and redirects,
without any other file of honours changing.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL_SITE, REPO, write_tree

# The files a new kind needs, relative to the package. (zh-TW.toml may give its words in Taiwan's
# wording too; a key it lacks falls back to zh-CN's.)
NEW_KIND_FILES = ("model/records.py", "theme/templates/team.html", "theme/templates/teams.html",
                  "theme/strings/zh-CN.toml")

TEAM_DECLARATION = '''

@dataclass(frozen=True, slots=True, kw_only=True)
class Team:
    """A team across units (攻关小组, QC 小组), with its leader and members."""

    id: str = internal()
    name: str = field("名称", "The team's name.", note="小组的名称", example="节能降耗攻关小组")
    leader: str = field("组长", "The id of the person who leads it.", ref="person", note="组长")
    members: tuple[str, ...] = field("成员", "The ids of its members.", default=(), ref="person", note="成员")
    aliases: tuple[str, ...] = field("旧编号/别名", "The ids it had before.", default=(), note=_ALIASES_NOTE)
    description: str = internal("")


TEAM = RecordKind(name="team", record=Team, label="小组", files=InFolder("teams"), table="teams", body="description",
                  page="team.html", index="teams.html", url="teams/{id}.html", search=True)
'''

TEMPLATES = {
    "team.html": """{% extends 'base.html' %}
{% block content %}
<h1 class="page-title">{{ team.name }}</h1>
{% set leader = site.people[team.leader] %}
<p>{{ t('team_leader') }}<a href="{{ url(leader) }}">{{ leader.name }}</a></p>
<ul>{% for id in team.members %}{% set member = site.people[id] %}<li><a href="{{ url(member) }}">{{ member.name }}</a></li>{% endfor %}</ul>
{% if team.description %}<div class="prose">{{ team.description|markdown }}</div>{% endif %}
{% endblock %}
""",
    "teams.html": """{% extends 'base.html' %}
{% block content %}
<h1 class="page-title">{{ page.title }}</h1>
<ul>{% for team in teams %}<li><a href="{{ url(team) }}">{{ team.name }}</a></li>{% endfor %}</ul>
{% endblock %}
""",
}

STRINGS = '\nnav_teams = "攻关小组"\nteams_title = "攻关小组"\nsearch_kind_team = "攻关小组"\nteam_leader = "组长："\n'

TEAM_SITE = {
    **MINIMAL_SITE,
    "content/teams/jieneng.md": "---\nname: 节能降耗攻关小组\nleader: zhang-wei\nmembers: [li-na]\naliases: [jieneng-xiaozu]\n"
                                "---\n全年节电 12 万千瓦时。\n",
}


@pytest.fixture(scope="module")
def with_teams(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of honours with the `team` kind, made by editing NEW_KIND_FILES only."""
    root = tmp_path_factory.mktemp("honours-with-teams")
    package = root / "honours"
    shutil.copytree(REPO / "honours", package, ignore=shutil.ignore_patterns("__pycache__"))
    records = package / NEW_KIND_FILES[0]
    text = records.read_text(encoding="utf-8")
    text = text.replace("\n\n# Every kind of record", TEAM_DECLARATION + "\n\n# Every kind of record", 1)
    text = text.replace("KINDS: tuple[RecordKind, ...] = (CAMPAIGN, UNIT, PERSON, BULLETIN,",
                        "KINDS: tuple[RecordKind, ...] = (CAMPAIGN, UNIT, PERSON, TEAM, BULLETIN,", 1)
    records.write_text(text, encoding="utf-8")
    for name, template in TEMPLATES.items():
        (package / "theme" / "templates" / name).write_text(template, encoding="utf-8")
    with open(package / NEW_KIND_FILES[3], "a", encoding="utf-8") as catalogue:
        catalogue.write(STRINGS)
    assert _changed(REPO / "honours", package) == set(NEW_KIND_FILES)
    return root


def _changed(original: Path, copy: Path) -> set[str]:
    """Return the files of `copy` that differ from `original` or are new, relative to it."""
    return {path.relative_to(copy).as_posix() for path in copy.rglob("*") if path.is_file()
            and "__pycache__" not in path.parts
            and (not (original / path.relative_to(copy)).is_file()
                 or (original / path.relative_to(copy)).read_bytes() != path.read_bytes())}


def build(honours: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """Build `site` with the copy of honours, as a user's command line would."""
    return subprocess.run([sys.executable, "-c", "from honours.cli import main; main()", "build", "--site", str(site)],
                          cwd=honours, capture_output=True, text=True, encoding="utf-8", timeout=300,
                          env={"PYTHONPATH": str(honours), "PATH": "/usr/bin:/bin"})


def test_a_new_kind_gets_pages_a_menu_entry_search_and_redirects(with_teams: Path, tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", TEAM_SITE)
    done = build(with_teams, site)
    assert done.returncode == 0, done.stderr
    output = site / "output"
    page = (output / "teams/jieneng.html").read_text(encoding="utf-8")
    assert "节能降耗攻关小组" in page and "全年节电" in page
    assert 'href="../people/zhang-wei.html">张伟</a>' in page and 'href="../people/li-na.html">李娜</a>' in page
    assert 'href="jieneng.html">节能降耗攻关小组</a>' in (output / "teams/index.html").read_text(encoding="utf-8")
    assert 'href="teams/index.html">攻关小组</a>' in (output / "index.html").read_text(encoding="utf-8")
    assert "节能降耗攻关小组" in (output / "search/index.js").read_text(encoding="utf-8")
    assert "teams/jieneng.html" in (output / "sitemap.xml").read_text(encoding="utf-8")
    assert 'url=jieneng.html' in (output / "teams/jieneng-xiaozu.html").read_text(encoding="utf-8")


def test_a_new_kinds_references_are_checked_at_their_line(with_teams: Path, tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {**TEAM_SITE, "content/teams/jieneng.md":
                                          "---\nname: 节能降耗攻关小组\nleader: zhang-wie\nmembers: [li-na]\n---\n"})
    done = build(with_teams, site)
    assert done.returncode == 1
    assert "content/teams/jieneng.md:3: leader: 未找到人员“zhang-wie” — 是不是 zhang-wei（张伟）？" in done.stderr
