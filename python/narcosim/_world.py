"""The world data a session uses, and the catalogues as DataFrames."""
from __future__ import annotations

import functools
import os
from pathlib import Path

import pandas as pd

from . import _narcosim

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The world data directory: ``$NARCOSIM_DATA_DIR``, else the copy installed with this
    package, else the one narcosim was built with (the installed prefix's or the checkout's
    ``data/``)."""
    env = os.environ.get("NARCOSIM_DATA_DIR")
    if env:
        return Path(env)
    packaged = _PACKAGE_DIR / "data"
    if (packaged / "nodes.csv").exists():
        return packaged
    return Path(_narcosim.default_data_dir())


def scenarios_dir() -> Path:
    """Where the shipped scenarios are: ``scenarios/`` next to the data directory."""
    return data_dir().parent / "scenarios"


@functools.lru_cache(maxsize=8)
def _load(path: str) -> _narcosim.World:
    return _narcosim.World(path)


def world(data: str | os.PathLike[str] | None = None) -> _narcosim.World:
    """The world of ``data`` (default :func:`data_dir`), loaded once per directory."""
    return _load(str(Path(data) if data is not None else data_dir()))


def countries(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Every place of the network: countries (ISO3), corridors and external markets, with
    name, kind, region and coordinates (degrees)."""
    frame = pd.DataFrame(world(data).nodes())
    frame["kind"] = frame["kind"].astype("category")
    return frame.set_index("id")


def edges(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The directed edges drugs move along: from, to, mode, distance (km), cost (USD/kg),
    transit time (days)."""
    frame = pd.DataFrame(world(data).edges())
    frame["mode"] = frame["mode"].astype("category")
    return frame


def policies() -> pd.DataFrame:
    """Every policy type and its fields: one row per (type, field) with unit, default, range,
    choices, description and source (as ``narcosim policies`` prints them)."""
    return pd.DataFrame(_narcosim.policy_fields())


def parameters(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Every parameter a scenario may override: unit, default, range, description and source,
    indexed by its dotted name (as ``narcosim parameters`` and docs/parameters.md)."""
    return pd.DataFrame(world(data).parameters()).set_index("name")


@functools.lru_cache(maxsize=1)
def metrics() -> pd.DataFrame:
    """Every metric a run reports: unit, aggregation over time (total or mean), per substance."""
    return pd.DataFrame(_narcosim.metrics()).set_index("name")


def metric_unit(metric: str) -> str:
    """The unit of a metric (``homicides`` -> ``persons``); ScenarioError if unknown."""
    table = metrics()
    if metric not in table.index:
        from ._errors import scenario_error

        raise scenario_error([f"metric: unknown metric '{metric}' (narcosim.metrics() lists them)"])
    return str(table.at[metric, "unit"])
