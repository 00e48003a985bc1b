"""How large a content file may be: checked from its size on disk, before a byte of it is read."""
from __future__ import annotations

import math
import os
from pathlib import Path

from ..errors import Problems

MEGABYTE = 1024 * 1024


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:.1f} MB"


def within_limit(path: Path, max_mb: int | None, problems: Problems) -> bool:
    """Return whether a file is no larger than `max_mb` megabytes (None: any size), recording an error if larger.

    A file that cannot be stat'ed passes: reading it then says why it cannot be read.
    """
    if max_mb is None:
        return True
    try:
        size = os.stat(path).st_size
    except OSError:
        return True
    if size <= max_mb * MEGABYTE:
        return True
    problems.error(path, None, None, f"文件太大（{_megabytes(size)}），超过上限 {max_mb} MB，没有读取",
                   "记录文件一般只有几十 KB：检查是否误粘贴了大量内容，或把它拆成几个文件；确实需要这么大时，"
                   f"在 site.toml 中写一行 max_file_mb = {math.ceil(size / MEGABYTE)} 提高上限")
    return False
