#!/usr/bin/python3
"""Compare two narcosim output directories file by file.

Every file must be byte-identical, except manifest.json, whose fields that describe the machine
and the build (wall time, per-module time, peak memory, commit, version) are left out of the
comparison. Prints the files that differ (and the first differing line of a text file); exit
status 0 when everything matches, 1 otherwise.
Usage: tools/compare_output_dirs.py OLD_DIR NEW_DIR
"""
import json
import sys
from pathlib import Path

VOLATILE = {"wall_seconds", "module_seconds", "peak_memory_mib", "git_commit", "narcosim_version"}


def files_under(root: Path) -> set:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def stable_manifest(path: Path) -> dict:
    manifest = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in manifest.items() if k not in VOLATILE}


def first_difference(a: bytes, b: bytes) -> str:
    lines_a, lines_b = a.split(b"\n"), b.split(b"\n")
    for number, (x, y) in enumerate(zip(lines_a, lines_b), start=1):
        if x != y:
            return f"line {number}:\n    - {x[:200]!r}\n    + {y[:200]!r}"
    return f"lengths differ: {len(lines_a)} and {len(lines_b)} lines"


def compare(old: Path, new: Path) -> list:
    problems = []
    old_files, new_files = files_under(old), files_under(new)
    for name in sorted(old_files - new_files):
        problems.append(f"{name}: only in {old}")
    for name in sorted(new_files - old_files):
        problems.append(f"{name}: only in {new}")
    for name in sorted(old_files & new_files):
        a, b = old / name, new / name
        if Path(name).name == "manifest.json":
            if stable_manifest(a) != stable_manifest(b):
                problems.append(f"{name}: differs beyond timings and build fields")
            continue
        bytes_a, bytes_b = a.read_bytes(), b.read_bytes()
        if bytes_a != bytes_b:
            problems.append(f"{name}: {first_difference(bytes_a, bytes_b)}")
    return problems


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    problems = compare(Path(sys.argv[1]), Path(sys.argv[2]))
    for problem in problems:
        print(f"{sys.argv[2]}: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
