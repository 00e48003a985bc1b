"""Scaffolds: `init` writes a new site that builds at once, `new` a record with every field present and explained."""
from __future__ import annotations

from ..fields import Spec, specs
from .new import CLASSES, OPTIONS, Refused, Written, example_command, new_record, option
from .site_index import KIND_NAMES, KINDS
from .starter import init_site

__all__ = ["CLASSES", "KINDS", "KIND_NAMES", "OPTIONS", "Refused", "Written", "example_command", "fields_of", "init_site", "new_record",
           "option"]


def fields_of(kind: str) -> tuple[Spec, ...]:
    """Return the fields a record of `kind` declares, as `new` writes them."""
    return specs(CLASSES[kind])
