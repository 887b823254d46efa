"""Many runs: compare() (paired differences of two scenarios over N seeds), ensemble() and
sensitivity(). Runs are spread over ``jobs`` threads of this process; results stay in memory
unless ``out`` names a directory, which is then written as the CLI writes it (and ``resume``
completes an interrupted one)."""
from __future__ import annotations

import io
import os
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from . import _narcosim
from ._errors import scenario_error
from ._progress import Bar
from ._result import _threads as _jobs
from ._result import _with_seed_and_scale
from ._scenario import PathLike, Scenario


def _out(out: PathLike | None) -> str:
    return "" if out is None else os.fspath(out)


def _read_csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=["", "nan"])


def _categories(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    for column in columns:
        if column in frame.columns:
            frame[column] = frame[column].astype("category")
    return frame


def _vary_specs(vary: Iterable[str] | Mapping[str, Any] | None) -> list[str]:
    """--vary specs from a list of specs (``NAME``, ``NAME*``, ``NAME=LO:HI[:log]``) or a mapping
    of names to None (the declared range) or (lower, upper)."""
    if vary is None:
        return []
    if isinstance(vary, Mapping):
        specs = []
        for name, bounds in vary.items():
            if bounds is None:
                specs.append(name)
            else:
                lower, upper = bounds
                specs.append(f"{name}={float(lower)!r}:{float(upper)!r}")
        return specs
    if isinstance(vary, str):
        return [vary]
    return list(vary)


class Comparison:
    """Two scenarios run in pairs with common random numbers (pair r: both with seed + r).

    ``paired`` holds, per country, substance and metric, the quantiles of B - A over the pairs
    and how often B is lower; ``headline()`` is the table ``narcosim compare --runs`` prints;
    ``quantiles`` the yearly 5-95% bands of each scenario; ``plot()`` draws them."""

    def __init__(self, raw: dict[str, Any], a: Scenario, b: Scenario) -> None:
        self._raw = raw
        self.a = a
        self.b = b
        self.runs: int = raw["runs"]
        self.seed: int = raw["seed"]
        self.scale: float = raw["scale"]

    @property
    def names(self) -> tuple[str, str]:
        """The scenario names as the results use them (B is renamed ``<name>-b`` if equal)."""
        return self._raw["a"], self._raw["b"]

    @property
    def paired(self) -> pd.DataFrame:
        """paired_differences.csv: ``period`` (``run`` or ``final_year``), ``country``,
        ``substance``, ``metric``, ``pairs``, ``a_median``, ``b_median``, ``difference_mean``,
        ``difference_q05`` ... ``difference_q95``, ``relative_difference_median``,
        ``probability_lower``, ``probability_higher``."""
        return _categories(_read_csv(self._raw["paired_csv"]),
                           ("period", "country", "substance", "metric"))

    @property
    def quantiles(self) -> pd.DataFrame:
        """quantiles.csv of both scenarios: per scenario, metric, country, substance and year
        (``date``, its first day), the mean and the 5, 25, 50, 75 and 95% quantiles over runs."""
        frame = _read_csv(self._raw["quantiles_csv"])
        frame["date"] = pd.to_datetime(frame["date"])
        return _categories(frame, ("scenario", "country", "substance", "metric"))

    def headline(self) -> pd.DataFrame:
        """The headline table for the Americas over the run: per headline (homicides,
        prisoners, users, overdose deaths, sales, public money), A's median, the median change
        B - A with its 90% interval, the median relative change and P(B lower)."""
        frame = pd.DataFrame(self._raw["headline"])
        # The printed table indents parts of a headline ("  drug-related homicides").
        frame["label"] = frame["label"].str.strip()
        return frame.set_index("label")

    def __str__(self) -> str:
        return self._raw["headline_text"]

    def __repr__(self) -> str:
        a, b = self.names
        return f"<Comparison {a!r} vs {b!r}: {self.runs} pairs, scale {self.scale}>"

    def plot(self, metrics: list[str] | None = None, country: str = "ALL",
             substance: str = "all", axes: Any = None) -> Any:
        """Per metric, A and B by year: the median with its 5-95% band over the runs. Default
        metrics: homicides, prisoners, users and overdose deaths. Returns the matplotlib
        Figure. The bands are each scenario's spread over seeds; the paired difference B - A
        (``headline()``, ``paired``) is far narrower, because each pair shares its random
        numbers, so overlapping bands do not mean that the policy changes nothing."""
        from ._plot import plot_comparison

        return plot_comparison(self, metrics or ["homicides", "prisoners", "users_heavy",
                                                 "overdose_deaths"], country, substance, axes)


def compare(a: Scenario, b: Scenario, *, runs: int = 10, jobs: int | None = None,
            seed: int | None = None, scale: float | None = None, out: PathLike | None = None,
            overwrite: bool = False, resume: bool = False, progress: bool = True,
            cancel: _narcosim.CancelToken | None = None) -> Comparison:
    """Runs A and B ``runs`` times each in pairs with common random numbers (seeds from
    ``seed``, default A's, at A's scale unless ``scale`` is given) and returns the
    :class:`Comparison`. As ``narcosim compare A B --runs N``; with ``out`` the same files."""
    a = _with_seed_and_scale(a, seed, scale)
    b = _with_seed_and_scale(b, seed, scale)
    with Bar(progress, f"{a.name} vs {b.name}", "run") as bar:
        raw = _narcosim.compare(a._world, a._core, b._core, runs=runs, jobs=_jobs(jobs),
                                out=_out(out), overwrite=overwrite, resume=resume,
                                cancel=cancel, progress=bar.callback)
    return Comparison(raw, a, b)


def ensemble(scenario: Scenario, *, runs: int, samples: int = 1, design: str = "lhs",
             levels: int = 0, vary: Iterable[str] | Mapping[str, Any] | None = None,
             jobs: int | None = None, seed: int | None = None, scale: float | None = None,
             out: PathLike | None = None, overwrite: bool = False, resume: bool = False,
             progress: bool = True,
             cancel: _narcosim.CancelToken | None = None) -> pd.DataFrame:
    """Replicates (``runs`` seeds) and parameter samples (a Latin hypercube of ``samples``
    points, or a ``grid`` of ``levels`` per parameter, over ``vary``: a list of ``NAME``,
    ``NAME*`` or ``NAME=LO:HI`` specs, or a mapping name -> (lower, upper); by default the
    calibration's free parameters). Returns quantiles.csv as a DataFrame (per scenario, metric,
    country, substance and year: mean and 5-95% quantiles over runs), with the readable summary
    in ``.attrs["summary"]``. As ``narcosim ensemble``; with ``out`` the same files."""
    scenario = _with_seed_and_scale(scenario, seed, scale)
    with Bar(progress, scenario.name, "run") as bar:
        raw = _narcosim.ensemble(scenario._world, scenario._core, runs=runs, samples=samples,
                                 design=design, levels=levels, vary=_vary_specs(vary),
                                 jobs=_jobs(jobs), out=_out(out), overwrite=overwrite,
                                 resume=resume, cancel=cancel, progress=bar.callback)
    frame = _read_csv(raw["quantiles_csv"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame = _categories(frame, ("scenario", "country", "substance", "metric"))
    frame.attrs["summary"] = raw["summary"]
    frame.attrs["runs"] = raw["runs"]
    frame.attrs["parameters"] = raw["parameters"]
    frame.attrs["samples"] = raw["samples"]
    return frame


def sensitivity(scenario: Scenario, *, trajectories: int, levels: int = 4, replicates: int = 1,
                vary: Iterable[str] | Mapping[str, Any] | None = None,
                outputs: str | Iterable[str] | None = None, year: int | None = None,
                jobs: int | None = None, seed: int | None = None, scale: float | None = None,
                out: PathLike | None = None, overwrite: bool = False, resume: bool = False,
                progress: bool = True,
                cancel: _narcosim.CancelToken | None = None) -> pd.DataFrame:
    """Morris screening (elementary effects) of ``vary`` (default: every parameter with a
    declared range) on ``outputs`` of the Americas in ``year`` (default: the run's last):
    metrics, or sums written ``a+b``. Returns sensitivity.csv as a DataFrame (per output and
    factor: mu, mu*, sigma, scaled mu*, rank, whether it clears the seed-noise floor); the
    printed table is in ``.attrs["summary"]``. As ``narcosim sensitivity``."""
    scenario = _with_seed_and_scale(scenario, seed, scale)
    if year is not None and not isinstance(year, int):
        raise scenario_error([f"year: expected a whole number, found {year!r}"])
    # Without `outputs`, the compiled module's default (the CLI's headline outputs).
    arguments: dict[str, Any] = {}
    if outputs is not None:
        arguments["outputs"] = outputs if isinstance(outputs, str) else ",".join(outputs)
    with Bar(progress, f"screening {scenario.name}", "run") as bar:
        raw = _narcosim.sensitivity(scenario._world, scenario._core, trajectories=trajectories,
                                    levels=levels, replicates=replicates,
                                    vary=_vary_specs(vary), year=year or 0, jobs=_jobs(jobs),
                                    out=_out(out), overwrite=overwrite, resume=resume,
                                    cancel=cancel, progress=bar.callback, **arguments)
    frame = _categories(_read_csv(raw["csv"]), ("output", "parameter"))
    frame.attrs["summary"] = raw["summary"]
    frame.attrs["year"] = raw["year"]
    frame.attrs["runs"] = raw["runs"]
    return frame
