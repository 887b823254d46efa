"""One run: run() and its Result, whose tables are pandas DataFrames built from numpy views of
the C++ tables (no copy of the values until a DataFrame is made)."""
from __future__ import annotations

import io
import json
import os
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import _narcosim
from ._errors import scenario_error
from ._progress import Bar
from ._scenario import PathLike, Scenario
from ._world import metric_unit, metrics


def _threads(threads: int | None) -> int:
    """Threads for a run or jobs for an ensemble: the request, or every core (as the CLI)."""
    return threads if threads is not None else max(1, os.cpu_count() or 1)


def _with_seed_and_scale(scenario: Scenario, seed: int | None, scale: float | None) -> Scenario:
    if not isinstance(scenario, Scenario):
        raise scenario_error([f"scenario: expected a narcosim.Scenario, found "
                              f"{type(scenario).__name__}"])
    if seed is None and scale is None:
        return scenario
    return scenario.replace(seed=seed, scale=scale)


def run(scenario: Scenario, *, seed: int | None = None, scale: float | None = None,
        threads: int | None = None, resolution: str = "week", progress: bool = False,
        cancel: _narcosim.CancelToken | None = None) -> "Result":
    """Runs ``scenario`` in memory and returns its :class:`Result`.

    ``seed`` and ``scale`` override the scenario's; ``threads`` (default: every core) does not
    change the results; ``resolution`` is ``week`` (every step), ``month`` or ``year``. The GIL is
    released while the model runs; Ctrl-C (KeyboardInterrupt) or ``cancel.cancel()`` from another
    thread (RunCancelled) stops it within a step."""
    scenario = _with_seed_and_scale(scenario, seed, scale)
    threads = _threads(threads)
    with Bar(progress, scenario.name, "step") as bar:
        handle = _narcosim.run(scenario._world, scenario._core, threads=threads,
                               resolution=resolution, file=scenario.file, cancel=cancel,
                               progress=bar.callback)
    return Result(handle, scenario, threads)


class Result:
    """The results of one run, in memory.

    ``timeseries`` (long format, one row per value), ``wide(metric)`` (countries as columns),
    ``flows``, ``summary`` and ``manifest`` read them; ``to_dir`` writes the files
    ``narcosim run --out`` writes, with the same bytes; ``plot`` draws a metric."""

    def __init__(self, handle: _narcosim.Run, scenario: Scenario, threads: int) -> None:
        self._run = handle
        self.scenario = scenario
        self.threads = threads

    # --- raw columns ----------------------------------------------------------------------
    def arrays(self) -> dict[str, np.ndarray]:
        """The timeseries as read-only numpy arrays sharing the C++ memory (no copy): ``date``
        (datetime64[D]), ``place``, ``substance`` and ``metric`` (codes into
        :attr:`places`, :attr:`substances` and ``narcosim.metrics().index``) and ``value``."""
        cols = dict(self._run.timeseries())
        cols["date"] = cols["date"].view("datetime64[D]")
        return cols

    @cached_property
    def places(self) -> list[str]:
        """Place labels by code: node ids (ISO3, corridor ids, markets), then ``ALL``."""
        return list(self._run.place_labels())

    @cached_property
    def substances(self) -> list[str]:
        """Substance labels by code: ``cocaine``, ``cannabis``, ``heroin``, then ``all``."""
        return list(self._run.substance_labels())

    @property
    def resolution(self) -> str:
        return self._run.resolution

    @property
    def steps(self) -> int:
        return self._run.steps

    @property
    def wall_seconds(self) -> float:
        return self._run.wall_seconds

    # --- DataFrames -----------------------------------------------------------------------
    @cached_property
    def timeseries(self) -> pd.DataFrame:
        """One row per value, as timeseries.csv: ``scenario`` (category), ``replicate``
        (int64), ``date`` (datetime64[ns], the first day of the step or period), ``country``
        (category: ISO3, corridor id or ``ALL``), ``substance`` (category, ``all`` for totals),
        ``metric`` (category) and ``value`` (float64, in the metric's unit)."""
        cols = self._run.timeseries()
        n = len(cols["value"])
        return pd.DataFrame({
            "scenario": pd.Categorical.from_codes(np.zeros(n, np.int8), [self.scenario.name]),
            "replicate": np.zeros(n, np.int64),
            "date": cols["date"].view("datetime64[D]").astype("datetime64[ns]"),
            "country": pd.Categorical.from_codes(cols["place"], self.places),
            "substance": pd.Categorical.from_codes(cols["substance"], self.substances),
            "metric": pd.Categorical.from_codes(cols["metric"], list(metrics().index)),
            "value": np.array(cols["value"]),  # a copy: the DataFrame may be changed
        }, copy=False)  # every column above is a fresh array: no second copy (half the time)

    def wide(self, metric: str, substance: str = "all",
             countries: list[str] | None = None) -> pd.DataFrame:
        """One metric of one substance (``all``: the total) with a row per date and a column
        per country (and ``ALL``), in the metric's unit (``.attrs["unit"]``)."""
        unit = metric_unit(metric)
        if substance not in self.substances:
            raise scenario_error([f"substance: unknown substance '{substance}' (expected one of "
                                  f"{', '.join(self.substances)})"])
        cols = self._run.timeseries()
        m = list(metrics().index).index(metric)
        keep = (cols["metric"] == m) & (cols["substance"] == self.substances.index(substance))
        if countries is not None:
            unknown = [c for c in countries if c not in self.places]
            if unknown:
                raise scenario_error([f"countries: unknown place '{c}'" for c in unknown])
            codes = np.array([self.places.index(c) for c in countries], np.uint16)
            keep &= np.isin(cols["place"], codes)
        frame = pd.DataFrame({
            "date": cols["date"][keep].view("datetime64[D]").astype("datetime64[ns]"),
            "country": np.array(self.places, dtype=object)[cols["place"][keep]],
            "value": cols["value"][keep],
        }).pivot(index="date", columns="country", values="value")
        if countries is not None:
            frame = frame.reindex(columns=[c for c in countries if c in frame.columns])
        frame.columns.name = "country"
        frame.attrs["metric"] = metric
        frame.attrs["unit"] = unit
        frame.attrs["substance"] = substance
        return frame

    @cached_property
    def flows(self) -> pd.DataFrame:
        """Kilograms moved along every network edge with a flow, as flows.csv: ``scenario``,
        ``replicate``, ``date``, ``from``, ``to``, ``substance`` and ``kg``."""
        cols = self._run.flows()
        edges = self.scenario._world.edges()
        node_code = {label: i for i, label in enumerate(self.places)}
        edge_from = np.array([node_code[e["from"]] for e in edges], np.int32)
        edge_to = np.array([node_code[e["to"]] for e in edges], np.int32)
        n = len(cols["kg"])
        nodes = self.places[:-1]
        return pd.DataFrame({
            "scenario": pd.Categorical.from_codes(np.zeros(n, np.int8), [self.scenario.name]),
            "replicate": np.zeros(n, np.int64),
            "date": cols["date"].view("datetime64[D]").astype("datetime64[ns]"),
            "from": pd.Categorical.from_codes(edge_from[cols["edge"]], nodes),
            "to": pd.Categorical.from_codes(edge_to[cols["edge"]], nodes),
            "substance": pd.Categorical.from_codes(cols["substance"], self.substances[:-1]),
            "kg": np.array(cols["kg"]),
        }, copy=False)

    @cached_property
    def summary(self) -> pd.DataFrame:
        """Per country, substance and metric: the total (flows) or mean (levels) over the run
        and over its final year, as summary.csv."""
        frame = pd.read_csv(io.StringIO(self._run.summary_csv()), keep_default_na=False,
                            na_values=["", "nan"])
        for column in ("scenario", "country", "substance", "metric", "aggregation"):
            frame[column] = frame[column].astype("category")
        return frame

    @cached_property
    def observed(self) -> pd.DataFrame:
        """The run against the observed 2010-2018 values of data/targets.csv that fall in its
        years, as ``narcosim run`` prints them: per ``indicator``, ``country`` and ``year``, the
        ``observed`` value, the ``model``'s in the same ``unit`` (formed from the run's
        metrics as data/calibration/target_map.csv says), their ``ratio`` and the ``source``.
        Empty for a run outside 2010-2018."""
        frame = pd.DataFrame(self._run.observed(),
                             columns=["indicator", "country", "year", "observed", "model",
                                      "unit", "source"])
        frame.insert(5, "ratio", frame["model"] / frame["observed"].where(frame["observed"] != 0))
        return frame

    @cached_property
    def manifest(self) -> dict[str, Any]:
        """What manifest.json records: version, commit, the resolved scenario with every
        parameter, seed, scale, threads, wall time per module, peak memory."""
        return json.loads(self._run.manifest_json())

    # --- files and plots ------------------------------------------------------------------
    def to_dir(self, path: PathLike, *, overwrite: bool = False, series: str = "csv") -> Path:
        """Writes timeseries.csv and flows.csv (or ``series="sqlite"``: timeseries.sqlite),
        summary.csv, scenario.yaml and manifest.json into ``path``, as ``narcosim run --out``
        does and with the same bytes but for the timings. The directory appears only when
        complete; an existing one is replaced only if it is a finished narcosim output and
        ``overwrite`` is true (OutputError otherwise)."""
        return Path(self._run.write(os.fspath(path), overwrite=overwrite, series=series))

    def plot(self, metric: str, countries: list[str] | None = None, substance: str = "all",
             ax: Any = None) -> Any:
        """A line per country of ``metric`` over time (default: the Americas' total, ``ALL``),
        with the metric's unit on the y axis. Returns the matplotlib Axes."""
        from ._plot import plot_result

        return plot_result(self, metric, countries or ["ALL"], substance, ax)

    def __repr__(self) -> str:
        return (f"<Result {self.scenario.name!r}: {self.steps} steps by {self.resolution}, "
                f"seed {self.scenario.seed}, scale {self.scenario.scale}>")
