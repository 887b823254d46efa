"""Plots with matplotlib: titles that say what and where, units on the axes, intervals as
bands."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._world import metric_unit, metrics

if TYPE_CHECKING:
    from ._ensembles import Comparison
    from ._result import Result


def _label(metric: str) -> str:
    return metric.replace("_", " ")


def _where(country: str, substance: str) -> str:
    place = "the Americas and Europe" if country == "ALL" else country
    return place if substance == "all" else f"{place}, {substance}"


def plot_result(result: "Result", metric: str, countries: list[str], substance: str,
                ax: Any) -> Any:
    import matplotlib.pyplot as plt

    frame = result.wide(metric, substance, countries)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5))
    for country in frame.columns:
        ax.plot(frame.index, frame[country], label=country, linewidth=1.2)
    where = countries[0] if len(countries) == 1 else "by country"
    ax.set_title(f"{_label(metric)}, {_where(where, substance)}: {result.scenario.name}")
    ax.set_ylabel(f"{_label(metric)} ({metric_unit(metric)} per {result.resolution})"
                  if _is_flow(metric) else f"{_label(metric)} ({metric_unit(metric)})")
    ax.set_xlabel("date")
    if len(frame.columns) > 1:
        ax.legend(frameon=False, ncol=2)
    ax.grid(alpha=0.3)
    return ax


def _is_flow(metric: str) -> bool:
    return bool(metrics().at[metric, "aggregation"] == "total")


def plot_comparison(comparison: "Comparison", metrics: list[str], country: str, substance: str,
                    axes: Any) -> Any:
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.ticker import MaxNLocator

    quantiles = comparison.quantiles
    chosen = quantiles[(quantiles["country"] == country) & (quantiles["substance"] == substance)]
    if axes is None:
        columns = min(2, len(metrics))
        rows = (len(metrics) + columns - 1) // columns
        figure, grid = plt.subplots(rows, columns, figsize=(6 * columns, 3.6 * rows),
                                    squeeze=False)
        axes = list(grid.flat)
    else:
        axes = list(np.atleast_1d(axes).flat)
        figure = axes[0].figure
    a_name, b_name = comparison.names
    for ax, metric in zip(axes, metrics):
        unit = metric_unit(metric)
        for name, colour, label in ((a_name, "tab:blue", f"A: {a_name}"),
                                    (b_name, "tab:orange", f"B: {b_name}")):
            rows = chosen[(chosen["scenario"] == name) & (chosen["metric"] == metric)]
            years = rows["date"].dt.year
            ax.fill_between(years, rows["q05"], rows["q95"], color=colour, alpha=0.2,
                            linewidth=0)
            ax.plot(years, rows["q50"], color=colour, label=label, marker=".")
        per = " per year" if _is_flow(metric) else " (mean over the year)"
        ax.set_title(f"{_label(metric)}, {_where(country, substance)}")
        ax.set_ylabel(f"{unit}{per}")
        ax.set_xlabel("year")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(alpha=0.3)
    for ax in axes[len(metrics):]:
        ax.set_visible(False)
    axes[0].legend(frameon=False, fontsize="small")
    figure.suptitle(f"{b_name} against {a_name}: median and 5-95% band over "
                    f"{comparison.runs} pairs of runs (scale {comparison.scale})")
    figure.tight_layout()
    return figure
