"""Photos for the web and for print: oriented, colour-managed, stripped, cropped, resized and cached by content.

The renderer calls `PhotoPipeline.request` (and `print_copy`) while rendering, `run` before
publishing, copies `published()` into the site, then `prune`s the cache.
"""
from __future__ import annotations

from .messages import Fault, PhotoFailure
from .picture import Photo, Picture, PrintPicture, Source
from .pipeline import PhotoPipeline
from .settings import PIPELINE_VERSION, ROLES, PhotoSettings

__all__ = ["PIPELINE_VERSION", "ROLES", "Fault", "PhotoFailure", "PhotoPipeline", "PhotoSettings", "Photo", "Picture",
           "PrintPicture", "Source"]
