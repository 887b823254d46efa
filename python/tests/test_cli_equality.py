"""A run from Python equals the CLI's for the same scenario, seed and scale: the files written by
Result.to_dir are the bytes `narcosim run --out` writes, but for the timings and thread count
in the manifest."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import narcosim

# What differs between two runs of the same scenario: how long it took, how much memory the
# process had, and the threads (which do not change results).
VOLATILE = {"wall_seconds", "module_seconds", "peak_memory_mib", "threads"}


def manifest_without_timings(path: Path) -> dict:
    manifest = json.loads(path.read_text())
    return {k: v for k, v in manifest.items() if k not in VOLATILE}


def run_cli(cli: str, scenario: Path, out: Path, *extra: str) -> None:
    subprocess.run([cli, "run", str(scenario), "--out", str(out), "--quiet", *extra], check=True)


@pytest.mark.parametrize("resolution", ["week", "month"])
def test_to_dir_writes_the_cli_bytes(cli, short_file, tmp_path, resolution):
    run_cli(cli, short_file, tmp_path / "cli", "--threads", "2", "--resolution", resolution)
    result = narcosim.run(narcosim.Scenario.from_yaml(short_file), threads=1,
                          resolution=resolution)
    written = result.to_dir(tmp_path / "python")
    assert written == (tmp_path / "python").resolve() or written == tmp_path / "python"
    for name in ("timeseries.csv", "flows.csv", "summary.csv", "scenario.yaml"):
        assert (tmp_path / "python" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    assert manifest_without_timings(tmp_path / "python" / "manifest.json") == \
        manifest_without_timings(tmp_path / "cli" / "manifest.json")
    assert sorted(p.name for p in (tmp_path / "python").iterdir()) == \
        sorted(p.name for p in (tmp_path / "cli").iterdir())


def test_seed_and_scale_arguments_match_the_cli_flags(cli, short_file, tmp_path):
    run_cli(cli, short_file, tmp_path / "cli", "--seed", "11", "--scale", "0.001")
    result = narcosim.run(narcosim.Scenario.from_yaml(short_file), seed=11, scale=0.001)
    result.to_dir(tmp_path / "python")
    for name in ("timeseries.csv", "summary.csv", "scenario.yaml"):
        assert (tmp_path / "python" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name


def test_sqlite_series_hold_the_same_rows_as_the_csv(short_result, tmp_path):
    import sqlite3

    import pandas as pd

    short_result.to_dir(tmp_path / "csv")
    short_result.to_dir(tmp_path / "sqlite", series="sqlite")
    with sqlite3.connect(tmp_path / "sqlite" / "timeseries.sqlite") as db:
        from_sqlite = pd.read_sql("SELECT * FROM timeseries", db)
    from_csv = pd.read_csv(tmp_path / "csv" / "timeseries.csv")
    assert len(from_sqlite) == len(from_csv)
    assert json.loads((tmp_path / "sqlite" / "manifest.json").read_text())["series_format"] == "sqlite"


def test_the_dataframe_holds_the_values_the_csv_rounds(short_result, tmp_path):
    import pandas as pd

    short_result.to_dir(tmp_path / "out")
    csv = pd.read_csv(tmp_path / "out" / "timeseries.csv", parse_dates=["date"])
    frame = short_result.timeseries
    assert len(csv) == len(frame)
    assert list(csv.columns) == list(frame.columns)
    assert (csv["date"].values == frame["date"].values).all()
    assert (csv["country"].values == frame["country"].astype(str).values).all()
    assert (csv["metric"].values == frame["metric"].astype(str).values).all()
    # The CSV has 6 significant digits.
    relative = (csv["value"] - frame["value"]).abs() / frame["value"].abs().clip(lower=1e-9)
    assert (relative[frame["value"].abs() > 1e-6] < 1e-5).all()
