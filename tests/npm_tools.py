"""The checkers the tests take from npm (tests/package.json): axe-core and the Nu Html Checker.

`npm ci --prefix tests --ignore-scripts` puts them in tests/node_modules (the scripts it skips would only
download a Java runtime; Debian's is used). Without them a test skips on a developer's machine, but
fails in CI (CI=true), where a check that did not run must not pass for one that did.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

MODULES = Path(__file__).resolve().parent / "node_modules"
AXE = MODULES / "axe-core" / "axe.min.js"
VNU_JAR = MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
IN_CI = os.environ.get("CI", "").lower() == "true"
INSTALL = "npm ci --prefix tests --ignore-scripts --no-audit --no-fund"


def missing(what: str) -> None:
    """Skip for want of a tool; in CI, fail instead."""
    if IN_CI:
        pytest.fail(f"{what} — CI installs it: see .ci/run")
    pytest.skip(f"{what} ({INSTALL})")


def vnu_jar() -> Path:
    """Return the current Nu Html Checker's jar; skip (fail in CI) without it or Java."""
    if not VNU_JAR.is_file():
        missing("the Nu Html Checker (npm's vnu-jar) is not installed")
    if shutil.which("java") is None:
        missing("Java is not installed (the Nu Html Checker needs it)")
    return VNU_JAR


def axe_script() -> Path:
    """Return axe-core's script, to inject into a page; skip (fail in CI) without it."""
    if not AXE.is_file():
        missing("axe-core is not installed")
    return AXE
