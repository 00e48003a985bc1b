"""The default theme, shipped with honours: templates, assets, the words it shows and the `init` starter.

A site overrides it file by file: a file of the same name in the site's own templates/ or assets/
is used instead (see render/theme.py and write.asset_inventory).
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent
TEMPLATES = ROOT / "templates"
ASSETS = ROOT / "assets"
STRINGS = ROOT / "strings"
STARTER = ROOT / "starter"
