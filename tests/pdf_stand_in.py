"""A stand-in for WeasyPrint in the PDF workers, in a module of its own: each worker imports it, and little else."""
from __future__ import annotations

import os

from honours.print.pdf import PdfJob, PdfOutcome


def dies_on_the_board(job: PdfJob) -> PdfOutcome:
    """Crash the worker on a board page, as a segfault in Pango would; make a stand-in PDF of any other."""
    if job.page_path.endswith("/board.html"):
        os._exit(139)
    return PdfOutcome(job.page_path, b"%PDF-1.7 stand-in\n")


def raises_on_the_board(job: PdfJob) -> PdfOutcome:
    """Fail on a board page as WeasyPrint does on a layout it cannot handle: with an exception."""
    if job.page_path.endswith("/board.html"):
        raise AssertionError("no layout for this box")
    return PdfOutcome(job.page_path, b"%PDF-1.7 stand-in\n")


def dies_on_every_page(job: PdfJob) -> PdfOutcome:
    """Crash the worker on every page, as a broken Pango or font would."""
    os._exit(139)
