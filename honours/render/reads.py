"""What a page read from the site, so that a rebuild can tell whether the page would come out the same.

A page is drawn from its own fields plus whatever its template looks up. Its template is given the
site as a `NotedSite`, made for that page with the page's `Recorder`: every lookup is noted there
as a key, and render/fingerprints.py says what a key gives now. Keys:

    ("record", table, id)      one record but its body, e.g. ("record", "units", "zuzhi-bu")
    ("body", table, id)        a record's body (its Markdown): read apart, as it shows on the record's own
                               page and hardly anywhere else, so that editing it redraws that page alone
    ("table", table)           a whole table, when a template walks all of it
    ("query", name, args)      a query such as ("query", "members", ("zuzhi-bu",)): its answer also
                               changes when a record joins or leaves, which no single record shows
    ("summary", name, args)    a value worked out from many records, told by its own digest, such as a
                               unit's trend (NotedSite.summarised)
    ("pictured", kind, id)     a record's photos, in whatever sizes and forms the page showed them (its
                               template asks for a picture or a print_picture): their markup changes with the
                               record and the photo's bytes
    ("pdf", path)              whether a printable page's PDF is made, and where
    ("share", path)            where a share page's images (长图) are, once made
    ("attachment", file)       where a file a body links is published, which changes with its bytes

A template reads a body as it reads any field (`person.biography`): the environment notes it
(render/theme.py), with the recorder of the page being rendered (`reading`).

A later build works out the digest of every key a page read (render/fingerprints.py); if none changed
(and neither did the page itself, its templates, settings or engine), the page would render to the same bytes.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Hashable

from .. import derive, results
from ..derive import AwardGroup
from ..model.records import Campaign, Honour, Person, Unit, kind_named, kind_of, tabled
from ..results import Results, Standing
from ..model.site import Site, source_of
from ..photos import Picture, PhotoPipeline, PrintPicture
from ..photos.pipeline import Asked
from .attachments import Attachments
from .digests import Digests
from .media import record_picture, record_print_picture

ATTACHMENT = "attachment"  # the kind of key a page notes for each file its bodies link
PHOTO_READS = ("picture", "print_picture")  # the kinds of key a page notes for the photos it shows, each size apart
PICTURED = "pictured"  # the one kind they are remembered by (`remembered`)
BODY = "body"
SUMMARY = "summary"  # the kind of key a page notes for a summarised value (NotedSite.summarised)
# The records whose bodies are read apart: those that leave their body out of their repr (model/records.py), and so
# out of the digest of their ("record", …) key.
_BODIED = {kind.record: kind for kind in tabled()
           if kind.body and not next(f for f in dataclasses.fields(kind.record) if f.name == kind.body).repr}
BODY_FIELDS = frozenset(kind.body for kind in _BODIED.values())  # "biography", "description", "body"

Key = tuple[Hashable, ...]


class Recorder:
    """The keys one page read from the site, in the order first read."""

    __slots__ = ("keys",)

    def __init__(self) -> None:
        self.keys: dict[Key, None] = {}

    def note(self, key: Key) -> None:
        self.keys[key] = None


def body_key(record: Any, name: str) -> Key | None:
    """Return the key of a record's body if `name` is the field that holds it, else None."""
    kind = _BODIED.get(type(record))
    return (BODY, kind.table, record.id) if kind is not None and kind.body == name else None


@dataclass(frozen=True, slots=True)
class Media:
    """What pages show besides records: the photos made of them, and the PDFs made of printable pages."""

    photos: PhotoPipeline
    pdfs: Callable[[str], str | None] = lambda path: None  # a printable page's PDF, once made
    attachments: Attachments = field(default_factory=Attachments)  # the files bodies link
    shares: Callable[[str], tuple[str, ...]] = lambda path: ()  # a share page's images, once made


class NotedTable(Mapping[str, Any]):
    """One table of the site; every lookup is noted in the page's recorder."""

    __slots__ = ("_name", "_records", "_recorder")

    def __init__(self, name: str, records: Mapping[str, Any], recorder: Recorder) -> None:
        self._name, self._records, self._recorder = name, records, recorder

    def __getitem__(self, record_id: str) -> Any:
        self._recorder.note(("record", self._name, record_id))
        return self._records[record_id]

    def __contains__(self, record_id: object) -> bool:
        self._recorder.note(("record", self._name, record_id))
        return record_id in self._records

    def get(self, record_id: str, default: Any = None) -> Any:  # Mapping.get would catch KeyError per miss
        self._recorder.note(("record", self._name, record_id))
        return self._records.get(record_id, default)

    def __iter__(self) -> Iterator[str]:
        self._recorder.note(("table", self._name))
        return iter(self._records)

    def __len__(self) -> int:
        self._recorder.note(("table", self._name))
        return len(self._records)

    def values(self):  # type: ignore[override]  # a plain view: walked once per page, not per key
        self._recorder.note(("table", self._name))
        return self._records.values()

    def items(self):  # type: ignore[override]
        self._recorder.note(("table", self._name))
        return self._records.items()


@dataclass(frozen=True, slots=True)
class Summary:
    """A summarised value's digest, and what working it out read (NotedSite.summarised)."""

    digest: bytes
    reads: tuple[Key, ...]


# What a worker process hands the build with each batch: what its pages asked of the photos, and the summaries
# they worked out (NotedSite.hand_over).
Handed = tuple[Asked, dict[Key, Summary]]


class Memo:
    """Values derived from many records (honour rolls, results, trends), each worked out once per build,
    with the keys its working out read; and fragments of pages drawn once for the pages that repeat them."""

    __slots__ = ("found", "fragments", "summaries")

    def __init__(self) -> None:
        self.found: dict[tuple[str, tuple[Hashable, ...]], tuple[Any, tuple[Key, ...]]] = {}
        self.fragments: dict[Hashable, tuple[Any, tuple[Key, ...]]] = {}
        self.summaries: dict[Key, Summary] = {}  # by key: (SUMMARY, name, args)


class NotedSite(Site):
    """The site as one page sees it: the same records and queries, each lookup noted in `recorder`.

    It shares the site's tables and indexes; only its tables and queries note what they give. With
    no recorder it notes nothing: that is how a later build asks what a key gives now. Derived values
    (honour rolls, results, trends) are worked out once per build (`memo`); a page that uses one is
    noted as having read what its working out read.
    """

    def __init__(self, site: Site, media: Media, recorder: Recorder | None = None,  # noqa: D107
                 memo: Memo | None = None) -> None:
        site = getattr(site, "_site", site)
        self.__dict__.update(site.__dict__)
        self.__dict__.update(_site=site, _media=media, _recorder=recorder, _memo=memo or Memo())
        if recorder is not None:
            for kind in tabled():
                self.__dict__[kind.table] = NotedTable(kind.table, site.__dict__[kind.table], recorder)
            self.__dict__["assessments"] = NotedTable("assessments", site.assessments, recorder)

    def for_page(self) -> NotedSite:
        """Return the site as a page about to render sees it: noting what it reads in a recorder of its own."""
        return NotedSite(self._site, self._media, Recorder(), self._memo)

    @property
    def recorder(self) -> Recorder | None:
        return self._recorder

    def _note(self, key: Key) -> None:
        if self._recorder is not None:
            self._recorder.note(key)

    def derived(self, name: str, args: tuple[Hashable, ...], work_out: Callable[..., Any]) -> Any:
        """Return `work_out(site, *args)`, worked out once per build; what it read counts as read here."""
        found = self._memo.found.get((name, args))
        if found is None:
            recorder = Recorder()
            value = work_out(NotedSite(self._site, self._media, recorder, self._memo), *args)
            found = self._memo.found[(name, args)] = (value, tuple(recorder.keys))
        if self._recorder is not None:
            for key in found[1]:
                self._recorder.note(key)
        return found[0]

    def summarised(self, name: str, args: tuple[Hashable, ...], work_out: Callable[..., Any]) -> Any:
        """Return `work_out(site, *args)`, worked out once per build; the page notes the value, not what working it
        out read: for a value drawn from many records that changes with few of them (a unit's trend: its own ranks,
        from every unit's scores). The key of it, (SUMMARY, name, args), is told by a digest of the value; a build
        works that out again only when something it read changed (render/reuse.py)."""
        key = (SUMMARY, name, args)
        self._note(key)
        found = self._memo.found.get((name, args))
        if found is None:
            recorder = Recorder()
            value = work_out(NotedSite(self._site, self._media, recorder, self._memo), *args)
            found = self._memo.found[(name, args)] = (value, ())
            self._memo.summaries[key] = Summary(Digests().of(value), remembered(recorder.keys))
        return found[0]

    def summary(self, key: Key, work_out: bool = True) -> Summary | None:
        """Return a summarised value's digest and reads, worked out if no page did in this build (unless not to)."""
        if work_out and key not in self._memo.summaries:
            getattr(self, key[1])(*key[2])
        return self._memo.summaries.get(key)

    def fragment(self, key: Hashable, draw: Callable[[], Any]) -> Any:
        """Return `draw()`, drawn once for every page that asks with the same key (until `forget_fragments`);
        what drawing it read counts as read by each of those pages, in the order it was read."""
        found, recorder = self._memo.fragments.get(key), self._recorder
        if recorder is None:
            return draw() if found is None else found[0]
        if found is None:
            page_keys, recorder.keys = recorder.keys, {}  # what the fragment reads, apart
            try:
                drawn = draw()
            finally:
                fragment_keys, recorder.keys = recorder.keys, page_keys
            found = self._memo.fragments[key] = (drawn, tuple(fragment_keys))
        recorder.keys.update(dict.fromkeys(found[1]))
        return found[0]

    def forget_fragments(self) -> None:
        """Let go of the fragments drawn so far: the pages that repeat them have been rendered."""
        self._memo.fragments.clear()

    def listed(self, kind: str) -> list[Any]:
        """Return every record of a kind in the order lists give them (newest first, or by id)."""
        return self.derived("listed", (kind,), lambda site, name: kind_named(name).sort(site.table(name).values()))

    def years(self) -> list[int]:
        return self.derived("years", (), lambda site: Site.years(site))

    def honour_roll(self, campaign_id: str, award: str | None = None) -> list[AwardGroup]:
        """Return a campaign's honours grouped by award and level, each group in its order (derive.py)."""
        return self.derived("honour_roll", (campaign_id, award),
                            lambda site, cid, aid: derive.honour_roll(site, site.campaigns[cid], aid))

    def results(self, campaign_id: str) -> list[Results]:
        """Return a campaign's results, every period's (results.py)."""
        return self.derived("results", (campaign_id,),
                            lambda site, cid: results.campaign_results(site, site.campaigns[cid]))

    def trend(self, subject: str) -> list[tuple[Campaign, list[Standing]]]:
        """Return a unit's (or person's) standings in each campaign that assessed it (results.py); summarised, as
        each unit's page shows its own: another unit renamed redraws none of them. The page notes the schemes
        the standings are scored by, which their digest leaves out."""
        found = self.summarised("trend", (subject,), lambda site, who: results.trend(site, who))
        for campaign, standings in found:
            self._note(("record", "schemes", standings[0].scheme.id))
        return found

    @property
    def honours(self) -> tuple[Honour, ...]:
        self._note(("query", "honours", ()))
        return self._site.honours

    def children(self, unit_id: str | None) -> list[Unit]:
        return self._noted(("query", "children", (unit_id,)), "units", self._site.children(unit_id))

    def merged_units(self, unit_id: str) -> list[Unit]:
        return self._noted(("query", "merged_units", (unit_id,)), "units", self._site.merged_units(unit_id))

    def members(self, unit_id: str) -> list[Person]:
        return self._noted(("query", "members", (unit_id,)), "people", self._site.members(unit_id))

    def _noted(self, key: Key, table: str, records: list[Any]) -> list[Any]:
        """Note a query that gives records, and each record it gave: the page shows what they hold."""
        if self._recorder is not None:
            self._recorder.note(key)
            for record in records:
                self._recorder.note(("record", table, record.id))
        return records

    def honours_of(self, kind: str, record_id: str) -> list[Honour]:
        self._note(("query", "honours_of", (kind, record_id)))
        return self._site.honours_of(kind, record_id)

    def honours_in(self, campaign_id: str) -> list[Honour]:
        self._note(("query", "honours_in", (campaign_id,)))
        return self._site.honours_in(campaign_id)

    def picture(self, record: Unit | Person | Campaign, lazy: bool = True) -> Picture:
        """Return a record's picture; the markup names its files by a hash of its bytes, so it is noted."""
        key = ("picture", kind_of(record).name, record.id, lazy)
        self._note(key)
        record = self._as_now(record)
        return self._photo(key, lambda: record_picture(self._media.photos, record, source_of(self, record), lazy))

    def print_picture(self, record: Unit | Person | Campaign, width: float, height: float,
                      product: str) -> PrintPicture:
        """Return a record's photo for print at width × height mm on a product (board, colour_page, honour_roll)."""
        key = ("print_picture", kind_of(record).name, record.id, width, height, product)
        self._note(key)
        record = self._as_now(record)
        return self._photo(key, lambda: record_print_picture(self._media.photos, record, source_of(self, record),
                                                              width, height, product))

    def _as_now(self, record: Any) -> Any:
        """Return the record as the site has it now: a photo is made once per build for its key, so every page
        must ask alike, whichever page asks first; a unit's card as on an honour's date (its name then) would
        otherwise give the photo's alt text and placeholder that name or today's by the order pages render in."""
        return self._site.table(kind_of(record).name).get(record.id, record)

    def photo_files(self, key: Key) -> tuple[str, ...]:
        """Return the files (site paths) of a picture key asked for in this build."""
        found = self._memo.found.get(key)  # type: ignore[call-overload]
        if found is None:
            return ()
        picture = found[0]
        return picture.paths if isinstance(picture, Picture) else (picture.path,)

    def shown_photos(self, keys: Iterable[Key]) -> tuple[str, ...]:
        """Return the files (site paths) of the photos shown by a page that read `keys`, each once."""
        return tuple(dict.fromkeys(file for key in keys if key[0] in PHOTO_READS for file in self.photo_files(key)))

    def hand_over(self) -> Handed:
        """Return what pages rendered in this worker process asked of the photos, and the summaries they worked out,
        since the last hand-over."""
        summaries, self._memo.summaries = self._memo.summaries, {}
        return self._media.photos.hand_over(), summaries

    def take_over(self, handed: Handed) -> None:
        """Take over what pages rendered in a worker process asked of the photos (they are made here), and the
        summaries they worked out (the next build compares them)."""
        asked, summaries = handed
        self._media.photos.take_over(asked)
        self._memo.summaries.update(summaries)

    def _photo(self, key: Key, request: Callable[[], Any]) -> Any:
        """Return a record's photo as asked for once per build (the same record is asked for on many pages)."""
        found = self._memo.found.get(key)  # type: ignore[call-overload]
        if found is None:
            found = self._memo.found[key] = (request(), ())  # type: ignore[index]
        return found[0]

    def body_of(self, record: Any) -> str:
        """Return a record's body as code reads it (what templates read, the environment notes)."""
        key = body_key(record, kind_of(record).body or "")
        if key is not None:
            self._note(key)
        return self._site.body_of(record)

    def pdf_of(self, path: str) -> str | None:
        """Return the PDF of a printable page once it is made: a page must show the link when it appears."""
        self._note(("pdf", path))
        return self._media.pdfs(path)

    def share_images(self, path: str) -> tuple[str, ...]:
        """Return the images (长图) of a share page once made, part by part."""
        self._note(("share", path))
        return self._media.shares(path)

    def attachment(self, file: Path) -> str:
        """Return where a file a body links is published; the address carries a hash of its bytes, so it is noted."""
        self._note((ATTACHMENT, str(file)))
        return self._media.attachments.site_path(file)

    def attachment_digest(self, file: Path) -> str | None:
        """Return the hash of a file a body links (None if it is gone), asking nothing of it to be published."""
        return self._media.attachments.digest(file)


def remembered(keys: Iterable[Key]) -> tuple[Key, ...]:
    """Return the keys a page read as the next build compares them: a record's photos by one key, whatever sizes and
    forms the page showed (each would give the same digest: of the record and its photo's bytes)."""
    return tuple(dict.fromkeys((PICTURED, key[1], key[2]) if key[0] in PHOTO_READS else key for key in keys))


def ask_attachments(site: NotedSite, keys: Iterable[Key]) -> None:
    """Ask once more in this process (`site` noting nothing) for the attachments among `keys`: those that pages
    rendered in worker processes linked are published, and reported, here."""
    for key in dict.fromkeys(key for key in keys if key[0] == ATTACHMENT):
        site.attachment(Path(key[1]))
