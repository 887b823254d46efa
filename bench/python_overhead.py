#!/usr/bin/python3
"""What the Python module costs on top of the engine (run with Debian's /usr/bin/python3).

Figures printed, each the best of N repetitions (--repeat, default 3):

(a) run: the wall time of ``narcosim.run(Scenario.shipped("baseline"), scale=0.01, seed=1,
    threads=1)`` (baseline 2010-2030, tables kept in memory), by week and by year, against the
    command running the same scenario file, seed, scale and thread count
    (``narcosim run ... --resolution R --out TMP --quiet --overwrite``); by year the command
    writes 2 MB of CSV instead of 95 MB, which is the comparison "without CSV writing":
    - CLI engine: ``wall_seconds`` of its manifest.json, the engine's time including writing
      the CSV rows as it goes;
    - CLI process: the subprocess's total wall time (start-up, world loading, final files);
    - ratio: Python's run() time / CLI engine time. Target: run within 5% of the CLI
      (ratio <= 1.05).
(b) DataFrames: the time to turn a finished Result into pandas DataFrames (``timeseries``,
    ``flows``, ``wide("homicides")``), with their sizes. ``timeseries`` and ``flows`` are cached
    properties, so each repetition reads them from a fresh Result on the same run. Target:
    under 0.2 s.

Usage: bench/python_overhead.py [--build DIR] [--repeat N]
DIR (default build/release if it has python/narcosim, else build/ci) gives the module
(DIR/python) and the command (DIR/narcosim). Only a Release build gives benchmark figures;
build/ci is RelWithDebInfo with invariant checks on.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def best_of(repeat, action):
    """(best wall time in seconds, the last value) of ``repeat`` calls of action()."""
    best, value = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        value = action()
        best = min(best, time.perf_counter() - started)
    return best, value


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = ROOT / "build/release"
    if not (default / "python/narcosim").is_dir():
        default = ROOT / "build/ci"
    parser.add_argument("--build", type=Path, default=default, help=f"default: {default}")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions (best is kept)")
    args = parser.parse_args()
    build = args.build.resolve()
    cli = build / "narcosim"
    if not (build / "python/narcosim").is_dir() or not cli.is_file():
        sys.exit(f"{build} has no python/narcosim or narcosim: build it first")
    sys.path.insert(0, str(build / "python"))
    import narcosim

    build_type = next((line.split("=", 1)[1].strip()
                       for line in (build / "CMakeCache.txt").read_text().splitlines()
                       if line.startswith("CMAKE_BUILD_TYPE:")), "?")
    print(f"narcosim {narcosim.version()}, {build} ({build_type}), {os.cpu_count()} cores, "
          f"best of {args.repeat}")

    # (a) the same run from Python and from the command, alternated; by week (Python keeps
    # 1.7 million values in memory, the command formats them as 95 MB of CSV as it goes) and by
    # year (both keep or write little: the comparison without CSV writing).
    scenario = narcosim.Scenario.shipped("baseline")
    for resolution in ("week", "year"):
        python_s, cli_engine_s, cli_process_s = [], [], []
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "run"
            command = [str(cli), "run", scenario.file, "--seed", "1", "--scale", "0.01",
                       "--threads", "1", "--resolution", resolution, "--out", str(out),
                       "--quiet", "--overwrite"]
            for _ in range(args.repeat):
                started = time.perf_counter()
                run = narcosim.run(scenario, scale=0.01, seed=1, threads=1,
                                   resolution=resolution)
                python_s.append(time.perf_counter() - started)
                started = time.perf_counter()
                subprocess.run(command, check=True)
                cli_process_s.append(time.perf_counter() - started)
                manifest = json.loads((out / "manifest.json").read_text())
                cli_engine_s.append(manifest["wall_seconds"])
        if resolution == "week":
            result = run
        ratio = min(python_s) / min(cli_engine_s)
        print(f"python run by {resolution} (scale 0.01, {scenario.start.year}-"
              f"{scenario.end.year}, 1 thread): {min(python_s):.2f} s best of {args.repeat}; "
              f"CLI engine {min(cli_engine_s):.2f} s (manifest wall_seconds), CLI process "
              f"{min(cli_process_s):.2f} s; ratio {ratio:.3f} (target <= 1.05)")

    # (b) DataFrames from the finished run.
    tables = {
        "result.timeseries": lambda: narcosim.Result(result._run, result.scenario,
                                                     result.threads).timeseries,
        "result.flows": lambda: narcosim.Result(result._run, result.scenario,
                                                result.threads).flows,
        'result.wide("homicides")': lambda: result.wide("homicides"),
    }
    for name, make in tables.items():
        seconds, frame = best_of(args.repeat, make)
        print(f"{name}: {seconds:.3f} s best of {args.repeat}, {len(frame):,} rows x "
              f"{frame.shape[1]} columns (target < 0.2 s)")


if __name__ == "__main__":
    main()
