"""Scaffolds: `init` writes a new site that builds at once, `new` a record with every field present and explained."""
from __future__ import annotations

from ..fields import Spec, specs
from ..model.records import kind_named
from .new import Refused, Written, example_command, new_record, option
from .notes import note
from .site_index import KIND_NAMES, KINDS
from .starter import init_site

__all__ = ["KINDS", "KIND_NAMES", "Refused", "Written", "example_command", "fields_of", "init_site", "new_record",
           "option", "option_help", "options_of"]


def fields_of(kind: str) -> tuple[Spec, ...]:
    """Return the fields a record of `kind` declares, as `new` writes them."""
    return specs(kind_named(kind).record)


def options_of(kind: str) -> tuple[str, ...]:
    """Return the fields `new KIND` takes as command-line options."""
    scaffold = kind_named(kind).new
    return scaffold.options if scaffold else ()


def option_help(kind: str, spec: Spec) -> str:
    """Return the help of `new KIND`'s option for a field: the note its file writes above it."""
    return note(kind_named(kind).record, spec)
