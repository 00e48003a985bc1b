"""Archive-grade PDFs: PDF/A-2b from WeasyPrint, described in XMP, and checked once made.

The description uses Dublin Core and the PDF namespace only (title, creator, date, identifier,
relation, producer): PDF/A accepts those without the extension schemas a namespace of our own
would need, so any archive's reader shows them. The document information dictionary says the same,
as PDF/A asks. The dates are the record's, never the clock's, so archiving twice gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import importlib.metadata
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

PDF_VARIANT = "pdf/a-2b"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_NAMESPACES = {"rdf": _RDF, "dc": "http://purl.org/dc/elements/1.1/", "pdf": "http://ns.adobe.com/pdf/1.3/",
               "xmp": "http://ns.adobe.com/xap/1.0/", "pdfaid": "http://www.aiim.org/pdfa/ns/id/"}


def producer() -> str:
    """Return honours' name and version, as archive PDFs and manifests name their maker."""
    try:
        return f"honours {importlib.metadata.version('honours')}"
    except importlib.metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "honours"


@dataclass(frozen=True, slots=True)
class PdfDescription:
    """What an archive PDF says about itself: the document's title, issuer, date, 文号 and campaign."""

    title: str
    issuer: str
    date: dt.date | None = None
    number: str | None = None  # 文号
    campaign: str | None = None  # the campaign's title

    def xmp(self) -> bytes:
        """Return the XMP packet: PDF/A-2b's identification, then the description."""
        ns = _NAMESPACES
        rdf = Element(f"{{{_RDF}}}RDF")
        about = SubElement(rdf, f"{{{_RDF}}}Description", {f"{{{_RDF}}}about": ""})
        about.set(f"{{{ns['pdfaid']}}}part", "2")
        about.set(f"{{{ns['pdfaid']}}}conformance", "B")
        about.set(f"{{{ns['pdf']}}}Producer", producer())
        if self.date is not None:
            about.set(f"{{{ns['xmp']}}}CreateDate", self.date.isoformat())
        _list(about, "dc:title", "Alt", [self.title], {"xml:lang": "x-default"})
        _list(about, "dc:creator", "Seq", [self.issuer])
        if self.date is not None:
            _list(about, "dc:date", "Seq", [self.date.isoformat()])
        if self.number:
            SubElement(about, f"{{{ns['dc']}}}identifier").text = self.number
        if self.campaign:
            _list(about, "dc:relation", "Bag", [self.campaign])
        body = tostring(rdf, encoding="utf-8", xml_declaration=False)
        return (b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
                b'<x:xmpmeta xmlns:x="adobe:ns:meta/">' + body + b'</x:xmpmeta>\n<?xpacket end="r"?>')


def _list(parent: Element, name: str, kind: str, items: list[str], attributes: dict[str, str] | None = None) -> None:
    prefix, local = name.split(":")
    holder = SubElement(SubElement(parent, f"{{{_NAMESPACES[prefix]}}}{local}"), f"{{{_RDF}}}{kind}")
    for item in items:
        SubElement(holder, f"{{{_RDF}}}li", attributes or {}).text = item


def finisher(description: PdfDescription) -> Callable[[Any, Any], None]:
    """Return WeasyPrint's finisher that puts the description in the PDF's XMP and information dictionary."""
    def finish(document: Any, pdf: Any) -> None:
        import pydyf  # WeasyPrint's own PDF writer: there whenever this runs

        pdf.info.clear()  # what WeasyPrint took from the page's <title> and <meta>: said again below
        pdf.info["Title"] = pydyf.String(description.title)
        pdf.info["Author"] = pydyf.String(description.issuer)
        pdf.info["Producer"] = pydyf.String(producer())
        if description.date is not None:
            pdf.info["CreationDate"] = pydyf.String(f"D:{description.date:%Y%m%d}")
        reference = pdf.catalog["Metadata"]  # "12 0 R", as bytes
        metadata = pdf.objects[int((reference.decode() if isinstance(reference, bytes) else reference).split()[0])]
        metadata.stream = [description.xmp()]
    return finish


def nonconformities(pdf: bytes) -> list[str]:
    """Return, in Chinese, what keeps a PDF from PDF/A-2b: fonts not embedded, device CMYK, encryption."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    if reader.is_encrypted:
        return ["PDF 被加密了，PDF/A 不允许加密"]
    found: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        resources = page.get("/Resources") or {}
        for font in _objects(resources.get("/Font")):
            if not _embedded(font):
                found.append(f"第 {number} 页的字体“{_name(font)}”没有嵌入 PDF")
        for image in _objects(resources.get("/XObject")):
            if image.get("/Subtype") == "/Image" and _device_cmyk(image.get("/ColorSpace")):
                found.append(f"第 {number} 页有一张 CMYK 图片，PDF/A-2b（sRGB）不接受未经色彩管理的 CMYK")
    return list(dict.fromkeys(found))


def _objects(dictionary: Any) -> list[Any]:
    return [value.get_object() for value in (dictionary.get_object() if dictionary else {}).values()]


def _embedded(font: Any) -> bool:
    """Return whether a font's program is in the PDF (a Type 3 font is drawn by the PDF itself)."""
    if font.get("/Subtype") == "/Type3":
        return True
    for descendant in font.get("/DescendantFonts") or []:
        font = descendant.get_object()
    descriptor = font.get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor else {}
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _name(font: Any) -> str:
    return str(font.get("/BaseFont", "?")).lstrip("/").split("+")[-1]


def _device_cmyk(space: Any) -> bool:
    space = space.get_object() if space is not None else None
    return space == "/DeviceCMYK" or (isinstance(space, list) and "/DeviceCMYK" in [str(s) for s in space])


def describe(site: Any, page: Any) -> PdfDescription:
    """Return how an archive PDF of a printable page describes itself, from the record the page shows."""
    from ..model.records import Bulletin, Campaign

    record, organisation = page.record, site.config.organisation or site.config.title
    if isinstance(record, Bulletin):
        campaign = site.campaigns.get(record.campaign) if record.campaign else None
        return PdfDescription(record.title, record.issuer, record.date, record.number,
                              campaign.title if campaign else None)
    if isinstance(record, Campaign):
        return PdfDescription(page.title, record.organiser, record.end.last_day(), None, record.title)
    return PdfDescription(page.title, organisation)
