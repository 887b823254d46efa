#!/usr/bin/python3
"""Builds the fuzz seed corpus (fuzz/corpus/) from the shipped scenarios and data.

scenario/: every shipped scenario; those that extend the baseline come with it as base.yaml and
  the fitted parameters as params.yaml (parts separated by lines "%%%", fuzz/scenario_fuzz.cpp).
data/: every data file the loaders read, behind the byte that selects it (fuzz/data_fuzz.cpp).
flags/: typical --set and --vary values (fuzz/flags_fuzz.cpp).
Hand-written edge cases live beside them with names starting "edge-"; this script keeps them.
"""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
# The order of kFiles in fuzz/data_fuzz.cpp.
DATA_FILES = ["substances.csv", "nodes.csv", "edges.csv", "figures.csv", "dtos.csv",
              "targets.csv", "calibration/target_map.csv", "calibration/excluded_targets.csv",
              "calibration/free_parameters.csv"]


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())


def clear(directory):
    for old in directory.glob("*"):
        if not old.name.startswith("edge-"):
            old.unlink()


def scenarios():
    out = CORPUS / "scenario"
    clear(out)
    fitted = (ROOT / "data/calibration/fitted.yaml").read_text()
    baseline = (ROOT / "scenarios/baseline.yaml").read_text()
    baseline = re.sub(r"(?m)^parameters_from:.*$", "parameters_from: params.yaml", baseline)
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        text = path.read_text()
        if path.name == "baseline.yaml":
            write(out / "baseline", baseline + "%%%\n%%%\n" + fitted)
        elif re.search(r"(?m)^extends:", text):
            child = re.sub(r"(?m)^extends:.*$", "extends: base.yaml", text)
            write(out / path.stem, child + "%%%\n" + baseline + "%%%\n" + fitted)
        else:
            write(out / path.stem, text)


def data():
    out = CORPUS / "data"
    clear(out)
    for index, name in enumerate(DATA_FILES):
        write(out / name.replace("/", "-"), bytes([index]) + (ROOT / "data" / name).read_bytes())


def flags():
    out = CORPUS / "flags"
    clear(out)
    write(out / "set", b"\x00" + b"seed=3\nscale=0.01\nstart=2012-01-01\nend=2014-12-31\n"
          b"step_days=14\nname=other run\ndemand.cocaine.price_elasticity=-0.7\n")
    write(out / "vary", b"\x01" + b"demand.cocaine.price_elasticity\ndemand.*\n"
          b"violence.rent_elasticity=0.4:1.5\ntrafficking.seizure_max_probability=0.2:0.6:log\n")


if __name__ == "__main__":
    scenarios()
    data()
    flags()
