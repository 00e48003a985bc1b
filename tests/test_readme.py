"""The README's two set-up commands are the ones CI proves, and it documents every field."""
from __future__ import annotations

from conftest import REPO
from honours.config import SiteConfig
from honours.fields import specs
from honours.model.assessments import Commentary
from honours.model.records import Attachment, Award, Bulletin, Campaign, HonourEntry, Person, Phase, Post, Unit
from honours.model.scheme import Item, Scheme, StarLevel

BUILD_COMMAND = "python3 -m pip install -e . && python3 build.py build"
TEST_COMMAND = ("npm ci --prefix tests --ignore-scripts --no-audit --no-fund"
                " && python3 -m pip install -e '.[test]' && python3 -m pytest")


def test_readme_starts_with_the_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    assert BUILD_COMMAND in setup and TEST_COMMAND in setup
    ci = (REPO / ".ci/run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == TEST_COMMAND


def test_readme_documents_every_field() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for cls in (SiteConfig, Unit, Person, Post, Campaign, Phase, Award, HonourEntry, Bulletin, Attachment, Scheme, Item, StarLevel,
                Commentary):
        for spec in specs(cls):
            assert f"| `{spec.name}` | {spec.label} |" in readme, (cls.__name__, spec.name)
