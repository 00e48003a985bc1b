"""How a kind of record is declared: where its files live, what it is called, its pages, photo and search.

Each kind is declared once (model/records.py, `KINDS`), as Lektor declares a model: loading, linking,
URLs, pages, photos, redirects, search, the year archive and `new` all loop over the declarations,
so a new kind costs its declaration, its templates and its strings.
"""
from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problems
from ..load.files import LINKED_FOLDER, LINKED_FOLDER_HINT, record_files

CAMPAIGNS = "campaigns"  # campaigns are folders: <id>/index.md, with the files of its honours and scores
CAMPAIGN_INDEX = ("index.md", "index.yaml", "index.yml")


class Shape(enum.Enum):
    """What one file of a kind holds."""

    RECORD = "record"  # one record: YAML front matter and a Markdown body, or plain YAML
    LIST = "list"  # a YAML list of entries (a campaign's honours.yaml)
    SCORES = "scores"  # a table of scores: YAML, CSV or XLSX


def campaign_folders(content: Path) -> list[Path]:
    """Return the campaign folders, in a stable order."""
    # A linked folder is not entered, as load/files.record_files tells: what it holds lives outside the site.
    return sorted(p for p in (content / CAMPAIGNS).glob("*") if p.is_dir() and not p.is_symlink())


@dataclass(frozen=True, slots=True)
class InFolder:
    """Records each in a file of a folder of content/ (or below it): the id is the file name."""

    folder: str
    suffix: str = ".md"  # as the notes name the files

    @property
    def place(self) -> str:
        return f"content/{self.folder}/ 下的文件名去掉 {self.suffix}"

    def files(self, content: Path, problems: Problems) -> Iterator[tuple[str, Path]]:
        for path in record_files(content / self.folder, problems=problems):
            yield path.stem, path


@dataclass(frozen=True, slots=True)
class CampaignIndex:
    """Campaigns: each a folder of content/campaigns/ with its index.md; the id is the folder's name."""

    folder: str = CAMPAIGNS

    @property
    def place(self) -> str:
        return f"content/{self.folder}/ 下的文件夹名"

    def files(self, content: Path, problems: Problems) -> Iterator[tuple[str, Path]]:
        for linked in sorted(p for p in (content / CAMPAIGNS).glob("*") if p.is_symlink() and p.is_dir()):
            problems.warning(linked, None, None, LINKED_FOLDER, LINKED_FOLDER_HINT)
        for folder in campaign_folders(content):
            index = next((folder / name for name in CAMPAIGN_INDEX if (folder / name).is_file()), None)
            if index is None:
                problems.error(folder, None, None, "活动文件夹中缺少 index.md", "每个活动文件夹需要一个 index.md 描述活动本身")
            else:
                yield folder.name, index


@dataclass(frozen=True, slots=True)
class InCampaign:
    """Files inside each campaign's folder: one named file (the id is the campaign's), or those of a
    sub-folder with these suffixes (the id is `<campaign>/<file name>`)."""

    name: str
    suffixes: tuple[str, ...] = ()  # set for a sub-folder of files
    folder: str = CAMPAIGNS

    @property
    def place(self) -> str:
        return f"content/{CAMPAIGNS}/<活动>/{self.name}"

    def files(self, content: Path, problems: Problems) -> Iterator[tuple[str, Path]]:
        for folder in campaign_folders(content):
            if not any((folder / name).is_file() for name in CAMPAIGN_INDEX):
                continue  # reported as the campaign's
            if not self.suffixes:
                if (folder / self.name).is_file():
                    yield folder.name, folder / self.name
                continue
            for path in record_files(folder / self.name, self.suffixes, problems):
                yield f"{folder.name}/{path.stem}", path


Layout = InFolder | CampaignIndex | InCampaign


@dataclass(frozen=True, slots=True)
class Printable:
    """A record's printable form: its template, and the string key of its title (given `title` and the record's
    name under its kind's name, e.g. `unit`)."""

    template: str
    title: str


@dataclass(frozen=True, slots=True)
class Scaffold:
    """How `new` writes a record of the kind: its options, how an id is made, an example, the body's hint."""

    options: tuple[str, ...]  # the fields it takes as command-line options (--name 张伟)
    id_from: str  # how ids.suggest_id makes an id from the title: "person", "unit" or "title"
    example_id: str
    example: str  # a typical command's options: --name 张伟 --unit xuanchuan-bu (hints.command adds the rest)
    body_hint: str  # what the new file's body says to write there


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordKind:
    """One kind of record, declared once."""

    name: str  # how references (`ref="unit"`) and messages name it
    record: type  # its record class, whose fields are declared with fields.field
    label: str  # its Chinese name, e.g. 单位
    files: Layout  # where its files live under content/
    shape: Shape = Shape.RECORD
    table: str | None = None  # the Site's table of its records, and the folder of its pages, e.g. "units"
    body: str | None = None  # the field its Markdown body fills
    title: str = "name"  # the field that names a record in lists and messages
    page: str | None = None  # the template of a record's page
    index: str | None = None  # the template of the page listing them all, `<table>/index.html`
    url: str | None = None  # where a record's page is, e.g. "units/{id}.html"
    order: Callable[[Any], Any] | None = None  # how lists order them (by id when None)
    newest_first: bool = False
    photos: tuple[tuple[str, str], ...] = ()  # (field, role) of the pictures it shows: the first one set
    focus: str | None = None  # the field saying where in its photo the face is
    printable: Printable | None = None  # its printable form, under print/ at its page's path
    search: bool = False  # whether search finds its pages
    year: Callable[[Any], int] | None = None  # the campaign year a record belongs to, when it has its own
    new: Scaffold | None = None  # how `new` writes one, if it may

    @property
    def nav(self) -> str:
        """Return the key of its navigation entry and index page."""
        return self.table or self.name

    def sort(self, records: Any) -> list[Any]:
        """Return records in the order lists give them."""
        key = self.order or (lambda record: record.id)
        return sorted(records, key=key, reverse=self.newest_first)

    def page_of(self, record_id: str) -> str:
        """Return the site path of a record's page."""
        assert self.url is not None, f"{self.name} records have no page"
        return self.url.format(id=record_id)
