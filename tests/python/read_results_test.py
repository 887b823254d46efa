#!/usr/bin/env python3
"""results.sqlite and quantiles.csv as another program reads them.

Runs a small ensemble with the narcosim binary, then reads its database with Python's own
sqlite3 module (the same SQLite that pandas.read_sql and R's RSQLite use) and checks that the
documented tables and views are there, that every run has its seed and parameters, and that the
quantiles in quantiles.csv equal quantiles computed here from the database's values with the
stated method (linear interpolation, type 7: statistics.quantiles(method='inclusive')).

Usage: read_results_test.py NARCOSIM_BINARY DATA_DIR SOURCE_DIR
"""
import csv
import math
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def main() -> int:
    binary, data_dir, source_dir = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "ens"
        subprocess.run(
            [binary, "--data-dir", data_dir, "ensemble", f"{source_dir}/scenarios/baseline.yaml",
             "--runs", "6", "--samples", "3", "--vary", "demand.contagion_share",
             "--scale", "0.001", "--set", "end=2011-12-31", "--jobs", "2", "--quiet",
             "--out", str(out)],
            check=True)
        db = sqlite3.connect(out / "results.sqlite")
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        expected = {"meta", "sessions", "scenarios", "parameters", "samples", "runs", "series",
                    "yearly", "timeseries", "run_parameters"}
        assert expected <= tables, f"missing: {expected - tables}"
        runs = db.execute("SELECT run_id, sample_id, replicate, seed, status FROM runs").fetchall()
        assert len(runs) == 6, runs
        assert all(r[4] == "done" for r in runs), runs
        # Replicate r of every sample has seed 1 + r (common random numbers across samples).
        assert all(r[3] == 1 + r[2] for r in runs), runs
        values = dict(db.execute("SELECT run_id, value FROM run_parameters"))
        assert len(values) == 6 and len(set(values.values())) == 3, values

        # Every quantile of homicides in the Americas, recomputed from the database.
        rows = db.execute(
            "SELECT year, value FROM timeseries WHERE metric = 'homicides' AND country = 'ALL' "
            "AND substance = 'all' ORDER BY year, run_id").fetchall()
        by_year = {}
        for year, value in rows:
            by_year.setdefault(year, []).append(value)
        assert sorted(by_year) == [2010, 2011], sorted(by_year)
        with open(out / "quantiles.csv", newline="") as f:
            written = [r for r in csv.DictReader(f)
                       if r["metric"] == "homicides" and r["country"] == "ALL"
                       and r["substance"] == "all"]
        assert len(written) == 2, written
        for row in written:
            sample = by_year[int(row["date"][:4])]
            assert int(row["runs"]) == len(sample) == 6
            # quantiles(n=20) are the 5%, 10%, ..., 95% points.
            q = statistics.quantiles(sample, n=20, method="inclusive")
            ours = {"q05": q[0], "q25": q[4], "q50": q[9], "q75": q[14], "q95": q[18],
                    "mean": statistics.fmean(sample)}
            for column, value in ours.items():
                assert math.isclose(float(row[column]), value, rel_tol=1e-8), (column, row, value)
    print("read_results_test: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
