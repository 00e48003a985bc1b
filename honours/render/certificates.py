"""What a page of certificates is given: the layout of site.toml's [certificates], and each certificate's
parts with the type size each fits at. One template draws a campaign's, an award's, one honour's,
and the calibration page (certificates/)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..certificates.layout import Box, certificate_layout, fitted_size
from ..certificates.wording import Certificate, certificate_at, certificates_of
from .fonts import SiteFont
from .views import View

if TYPE_CHECKING:
    from .pages import Page
    from .reads import NotedSite


@dataclass(frozen=True, slots=True)
class PrintedPart:
    """One part of a certificate as printed: its box, its words and the size they fit at (pt)."""

    box: Box
    words: str
    size: float


def printed_parts(certificate: Certificate, boxes: tuple[Box, ...], text: Any) -> tuple[PrintedPart, ...]:
    """Return a certificate's parts placed in their boxes."""
    words = {"name": certificate.salutation, "text": certificate.text, "issuer": certificate.issuer,
             "date": certificate.date, "number": text("certificate_number").format(number=certificate.number)}
    return tuple(PrintedPart(box, words[box.part], fitted_size(box, words[box.part])) for box in boxes)


@dataclass(frozen=True, slots=True)
class PrintedCertificates(View):
    """Certificates on paper: a campaign's (one award's, with `award`), one honour's (`serial`), or none, for
    the calibration page."""

    fonts: tuple[SiteFont, ...]
    award: str | None = None
    serial: int | None = None
    calibration: bool = False

    def context(self, site: NotedSite, page: Page) -> dict[str, Any]:
        layout = certificate_layout(site.config.certificates)
        if self.calibration:
            found: list[Certificate] = []
        elif self.serial is not None:
            found = [certificate_at(site, page.record, self.serial)]
        else:
            found = certificates_of(site, page.record, self.award)
        parts = [printed_parts(certificate, layout.boxes, site.config.text) for certificate in found]
        return {"fonts": self.fonts, "layout": layout, "certificates": parts, "calibration": self.calibration,
                "settings": site.config.certificates}
