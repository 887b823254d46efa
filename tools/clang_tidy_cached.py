#!/usr/bin/python3
"""clang-tidy over the project's translation units, skipping those already found clean.

A translation unit is clean for a key made of: the clang-tidy version, .clang-tidy, its compile
command (with the source and build directories and the commit's string replaced by
placeholders, so clones at other paths and commits share the cache) and the content of every
file it includes (from ninja's dependency log, written by the build this runs after). A unit
with a cached clean key is not checked again; any other unit is, and only a clean result is
cached, so a warning is reported on every run until it is fixed. Deleting the cache directory
only costs time.

Usage: tools/clang_tidy_cached.py BUILD_DIR REGEX [-j N]
  REGEX selects units by their path relative to the source root (e.g. '^(src|apps)/').
Cache: $NARCOSIM_TIDY_CACHE, else ~/.cache/narcosim-clang-tidy.
Exit 0 when every unit is clean, 1 otherwise (the warnings are printed), 2 on bad usage.
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent


def ninja_deps(build):
    """Object path (relative to the build directory) -> the files it was compiled from."""
    out = subprocess.run(["ninja", "-C", str(build), "-t", "deps"], check=True,
                         capture_output=True, text=True).stdout
    deps, current = {}, None
    for line in out.splitlines():
        if not line.strip():
            current = None
        elif not line.startswith(" "):
            target = line.split(":", 1)[0]
            current = deps.setdefault(target, []) if "(VALID)" in line else None
        elif current is not None:
            current.append(line.strip())
    return deps


class Hasher:
    def __init__(self, build):
        self.build = build
        self.files = {}

    def placeholder(self, text):
        return text.replace(str(self.build), "@BUILD@").replace(str(SOURCE), "@SOURCE@")

    def command(self, text):
        # The commit is a string literal (every commit would otherwise recheck its units).
        return re.sub(r"-DNARCOSIM_GIT_COMMIT=\S*", "-DNARCOSIM_GIT_COMMIT=@COMMIT@",
                      self.placeholder(text))

    def file(self, path):
        if path not in self.files:
            full = path if os.path.isabs(path) else os.path.join(self.build, path)
            try:
                with open(full, "rb") as f:
                    self.files[path] = hashlib.sha256(f.read()).hexdigest()
            except OSError:
                self.files[path] = "missing"
        return self.files[path]


def output_of(entry):
    if "output" in entry:
        return entry["output"]
    match = re.search(r"\s-o\s+(\S+)", entry.get("command", ""))
    return match.group(1) if match else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("regex")
    parser.add_argument("-j", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    build = Path(args.build).resolve()
    database = build / "compile_commands.json"
    if not database.is_file():
        print(f"{database}: not found (configure and build first)", file=sys.stderr)
        return 2
    cache = Path(os.environ.get("NARCOSIM_TIDY_CACHE",
                                Path.home() / ".cache" / "narcosim-clang-tidy"))
    cache.mkdir(parents=True, exist_ok=True)
    version = subprocess.run(["clang-tidy", "--version"], check=True, capture_output=True,
                             text=True).stdout
    config = (SOURCE / ".clang-tidy").read_bytes()
    selector = re.compile(args.regex)
    deps = ninja_deps(build)
    hasher = Hasher(build)

    units = []  # (source file, key or None)
    for entry in json.loads(database.read_text()):
        path = Path(entry["file"])
        if not path.is_absolute():
            path = Path(entry["directory"]) / path
        try:
            relative = path.resolve().relative_to(SOURCE).as_posix()
        except ValueError:
            continue
        if not selector.search(relative) or relative.startswith("build/"):
            continue
        included = deps.get(output_of(entry) or "")
        key = None
        if included:
            h = hashlib.sha256()
            h.update(version.encode())
            h.update(config)
            h.update(hasher.command(entry.get("command", " ".join(entry.get("arguments", []))))
                     .encode())
            for dep in included:
                h.update(hasher.placeholder(dep).encode())
                h.update(hasher.file(dep).encode())
            key = h.hexdigest()
        units.append((str(path), key))

    todo = [(f, k) for f, k in units if k is None or not (cache / k).exists()]

    def check(unit):
        file, key = unit
        run = subprocess.run(["clang-tidy", "-p", str(build), "--quiet", file],
                             capture_output=True, text=True)
        text = run.stdout + run.stderr
        clean = run.returncode == 0 and "warning:" not in text and "error:" not in text
        if clean and key is not None:
            (cache / key).touch()
        return file, clean, text

    failures = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
        for file, clean, text in pool.map(check, todo):
            if not clean:
                failures += 1
                print(text, end="" if text.endswith("\n") else "\n")
    print(f"clang-tidy: {len(units)} units, {len(units) - len(todo)} clean in the cache, "
          f"{len(todo)} checked, {failures} with warnings")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
