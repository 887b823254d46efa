"""Fixtures of the Python module's tests. Run by scripts/test.sh as
``PYTHONPATH=build/ci/python NARCOSIM_CLI=build/ci/narcosim /usr/bin/python3 -m pytest python/tests``.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import narcosim

SOURCE_DIR = Path(__file__).resolve().parents[2]
SCENARIOS = SOURCE_DIR / "scenarios"

# A short scenario: two years of the baseline with its history, at one agent per 500 people.
SHORT_YAML = f"""name: short-baseline
extends: {SCENARIOS / 'baseline.yaml'}
end: 2011-12-31
scale: 0.002
seed: 4
"""


@pytest.fixture(scope="session")
def cli() -> str:
    """The narcosim program of the same build."""
    path = os.environ.get("NARCOSIM_CLI") or shutil.which("narcosim")
    if not path:
        pytest.fail("set NARCOSIM_CLI to the narcosim program of the build under test")
    return path


@pytest.fixture(scope="session")
def short_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scenarios") / "short.yaml"
    path.write_text(SHORT_YAML, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def short(short_file: Path) -> narcosim.Scenario:
    return narcosim.Scenario.from_yaml(short_file)


@pytest.fixture(scope="session")
def short_result(short: narcosim.Scenario) -> narcosim.Result:
    return narcosim.run(short, threads=1)
