"""Problems found in a site's files, collected so that all of them are reported at once."""
from __future__ import annotations

import enum
import errno
import re
from dataclasses import dataclass, field
from pathlib import Path

from .invisible import HIDDEN_CHARACTERS

# What must not reach a console as it is: control characters (an ESC can clear the screen or recolour it),
# line breaks (a report is one line per problem), lone surrogates (no console can encode them), and the
# zero-width and direction characters that would hide in, or turn round, the value a message quotes.
_UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{HIDDEN_CHARACTERS}]")


def printable(text: str) -> str:
    """Return text with what must not reach a console as it is shown escaped (\\x1b, \\ud800, \\u200b)."""
    # Messages quote what the user typed; shown escaped, it prints safely and can be found.
    return _UNPRINTABLE.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), text)


class Severity(enum.Enum):
    ERROR = "错误"
    WARNING = "警告"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: Path | None
    line: int | None
    field: str | None
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def location(self, root: Path | None = None) -> str:
        """Return `file:line` with the file relative to the site folder when possible."""
        if self.path is None:
            return "site"
        shown = self.path
        if root is not None:
            try:
                shown = self.path.relative_to(root)
            except ValueError:
                pass
        text = shown.as_posix()
        return f"{text}:{self.line}" if self.line else text

    def format(self, root: Path | None = None) -> str:
        """Return the one-line report: `file:line: field: what is wrong — how to fix it`."""
        parts = [self.location(root)]
        if self.field:
            parts.append(self.field)
        text = ": ".join(parts) + ": " + self.message
        if self.hint:
            text += " — " + self.hint
        return printable(text)


@dataclass(slots=True)
class Problems:
    """The problems of one build, in the order they were found."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: Path | None, line: int | None, field_name: str | None,
              message: str, hint: str = "") -> None:
        """Record an error."""
        self.items.append(Problem(path, line, field_name, message, hint, Severity.ERROR))

    def warning(self, path: Path | None, line: int | None, field_name: str | None,
                message: str, hint: str = "") -> None:
        """Record a warning."""
        self.items.append(Problem(path, line, field_name, message, hint, Severity.WARNING))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def fatal(self, strict: bool = False) -> bool:
        """Return whether the build must stop: any error, or any warning when strict."""
        return bool(self.errors) or (strict and bool(self.warnings))

    def counted(self, strict: bool = False) -> str:
        """Return the count a report ends with, as its lines are labelled: under --strict a warning is an error."""
        strict_errors = len(self.warnings) if strict else 0
        note = f"（其中 {strict_errors} 个是警告，因 --strict 按错误处理）" if strict_errors else ""
        return f"共 {len(self.errors) + strict_errors} 个错误{note}，{len(self.warnings) - strict_errors} 个警告。"

    def sorted(self) -> list[Problem]:
        """Return the problems ordered by file and line, so a report reads top to bottom."""
        return sorted(self.items, key=lambda p: (str(p.path or ""), p.line or 0))


class BuildFailed(Exception):
    """Raised when a build stops because of problems; carries them for the reporter."""

    def __init__(self, problems: Problems):
        super().__init__(f"{len(problems.errors)} error(s)")
        self.problems = problems


# What went wrong with a file, as the system says it, in the user's words.
_REASONS = {errno.ENOSPC: "磁盘已满", getattr(errno, "EDQUOT", -1): "超出磁盘配额", errno.EROFS: "磁盘只读",
            errno.EACCES: "没有写入权限，或文件正被其他程序打开", errno.EPERM: "没有写入权限，或文件正被其他程序打开",
            errno.ENAMETOOLONG: "文件名或路径太长"}


def reason(exc: OSError) -> str:
    """Return why a file could not be written or read, in Chinese where the error is a common one."""
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))

