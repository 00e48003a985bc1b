"""The engine stays easy to change: small modules, short functions, few parameters (see ../shared/STYLE.md).

A function that grows past these limits is a sign a stage does too much, or that values which travel
together want a name of their own (as BuildOptions, Photo or Printing are).
"""
from __future__ import annotations

import ast

from conftest import REPO

MODULE_LINES = 400
FUNCTION_LINES = 50
PARAMETERS = 6  # not counting self, cls, *args and **kwargs


def _functions() -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    found = []
    for path in sorted((REPO / "honours").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [(f"{path.relative_to(REPO)}:{node.lineno} {node.name}", node) for node in ast.walk(tree)
                  if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    return found


def test_modules_are_small() -> None:
    long = [f"{path.relative_to(REPO)}: {lines}" for path in sorted((REPO / "honours").rglob("*.py"))
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES]
    assert long == []


def test_functions_are_short() -> None:
    long = [f"{where}: {node.end_lineno - node.lineno + 1} lines" for where, node in _functions()
            if node.end_lineno - node.lineno + 1 > FUNCTION_LINES]
    assert long == []


def test_functions_take_few_parameters() -> None:
    def count(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
        arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
        return len([a for a in arguments if a.arg not in ("self", "cls")])

    many = [f"{where}: {count(node)}" for where, node in _functions() if count(node) > PARAMETERS]
    assert many == []
