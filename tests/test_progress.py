"""The progress bar: drawn on a terminal, never into a pipe, a CI log or with --quiet."""
from __future__ import annotations

import io

import pytest

from honours.progress import counted, progress_bar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_the_bar_fill(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    screen = Terminal()
    bar = progress_bar(4, "照片", screen)
    assert bar is not None
    for _ in range(4):
        bar.advance()
    bar.close()
    assert screen.getvalue().split("\r")[-1] == "照片 4/4 [" + "#" * 30 + "]\n"


@pytest.mark.parametrize(("variable", "value"), [("CI", "true"), ("TERM", "dumb")])
def test_ci_logs_and_dumb_terminals_get_no_bar(monkeypatch: pytest.MonkeyPatch, variable: str, value: str) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv(variable, value)
    assert progress_bar(4, "照片", Terminal()) is None


def test_ci_false_is_not_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "false")
    monkeypatch.setenv("TERM", "xterm")
    assert progress_bar(4, "照片", Terminal()) is not None


def test_a_pipe_gets_no_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert progress_bar(4, "照片", io.StringIO()) is None


def test_quiet_work_draws_nothing(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert list(counted(range(3), 3, "导入", show=False)) == [0, 1, 2]
    assert capsys.readouterr().err == ""
