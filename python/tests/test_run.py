"""Runs from Python: the tables' columns and dtypes are those docs/python.md lists, the values
obey the model's invariants, and the same seed gives the same numbers at any thread count."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import narcosim


def test_timeseries_columns_and_dtypes(short_result):
    frame = short_result.timeseries
    assert list(frame.columns) == ["scenario", "replicate", "date", "country", "substance",
                                   "metric", "value"]
    assert {c: str(t) for c, t in frame.dtypes.items()} == {
        "scenario": "category", "replicate": "int64", "date": "datetime64[ns]",
        "country": "category", "substance": "category", "metric": "category",
        "value": "float64"}
    assert set(frame["substance"].cat.categories) == {"cocaine", "cannabis", "heroin", "all"}
    assert "ALL" in frame["country"].cat.categories
    # Weekly steps from the scenario's start to its end.
    dates = frame["date"].drop_duplicates()
    assert dates.iloc[0] == pd.Timestamp(short_result.scenario.start)
    assert (dates.diff().dropna() == pd.Timedelta(days=7)).all()
    assert len(dates) == short_result.steps


def test_flows_and_summary_columns(short_result):
    flows = short_result.flows
    assert list(flows.columns) == ["scenario", "replicate", "date", "from", "to", "substance",
                                   "kg"]
    assert str(flows["date"].dtype) == "datetime64[ns]" and str(flows["kg"].dtype) == "float64"
    assert (flows["kg"] > 0).all()
    assert (flows["from"].astype(str) != flows["to"].astype(str)).all()
    summary = short_result.summary
    assert list(summary.columns) == ["scenario", "replicate", "country", "substance", "metric",
                                     "aggregation", "value", "final_year_value"]
    assert set(summary["aggregation"].astype(str)) == {"total", "mean"}


def test_mass_balances_and_stocks_stay_non_negative(short_result):
    frame = short_result.timeseries
    error = frame[(frame["metric"] == "mass_balance_error_kg") & (frame["country"] == "ALL")]
    production = frame[(frame["metric"] == "production_kg") & (frame["country"] == "ALL")
                       & (frame["substance"] == "all")]["value"].sum()
    assert production > 0
    assert error["value"].abs().max() <= 1e-6 * production
    counts = frame[frame["metric"].isin(["users_light", "users_heavy", "prisoners", "stock_kg",
                                         "homicides", "seized_kg"])]
    assert (counts["value"] >= 0).all()


def test_summary_totals_are_the_sums_of_the_series(short_result):
    wide = short_result.wide("homicides")
    summary = short_result.summary
    row = summary[(summary["country"] == "ALL") & (summary["metric"] == "homicides")
                  & (summary["substance"] == "all")]
    assert row["aggregation"].astype(str).item() == "total"
    assert row["value"].item() == pytest.approx(wide["ALL"].sum(), rel=1e-7)
    final_year = wide.loc[wide.index.year == wide.index.year.max(), "ALL"].sum()
    assert row["final_year_value"].item() == pytest.approx(final_year, rel=1e-7)


def test_wide_has_a_column_per_country_and_the_unit(short_result):
    wide = short_result.wide("prisoners", countries=["MEX", "GTM", "ALL"])
    assert list(wide.columns) == ["MEX", "GTM", "ALL"]
    assert wide.attrs["unit"] == narcosim.metrics().at["prisoners", "unit"]
    assert isinstance(wide.index, pd.DatetimeIndex)
    assert (wide["ALL"] > wide["MEX"]).all()
    cocaine = short_result.wide("seized_kg", substance="cocaine")
    assert "ALL" in cocaine.columns
    with pytest.raises(narcosim.ScenarioError, match="unknown metric 'murders'"):
        short_result.wide("murders")
    with pytest.raises(narcosim.ScenarioError, match="unknown substance 'crack'"):
        short_result.wide("seized_kg", substance="crack")


def test_arrays_share_the_runs_memory_and_are_read_only(short_result):
    first = short_result.arrays()
    second = short_result.arrays()
    assert np.shares_memory(first["value"], second["value"])
    assert not first["value"].flags.writeable
    assert first["date"].dtype == np.dtype("datetime64[D]")
    with pytest.raises(ValueError):
        first["value"][0] = 1.0
    # The DataFrame owns a copy: changing it leaves the run alone.
    frame = narcosim.Result(short_result._run, short_result.scenario, 1).timeseries
    frame.loc[0, "value"] = -1.0
    assert short_result.arrays()["value"][0] != -1.0


def test_same_seed_same_numbers_at_any_thread_count(short):
    one = narcosim.run(short, threads=1).timeseries
    two = narcosim.run(short, threads=2).timeseries
    pd.testing.assert_frame_equal(one, two, check_exact=True)


def test_another_seed_gives_other_numbers(short, short_result):
    other = narcosim.run(short, seed=short.seed + 1, threads=2)
    assert not short_result.timeseries["value"].equals(other.timeseries["value"])
    assert other.scenario.seed == short.seed + 1


def test_monthly_resolution_sums_flows_of_the_weeks(short, short_result):
    monthly = narcosim.run(short, resolution="month", threads=2)
    weekly = short_result.wide("homicides")["ALL"]
    assert monthly.resolution == "month"
    assert monthly.wide("homicides")["ALL"].sum() == pytest.approx(weekly.sum(), rel=1e-9)
    with pytest.raises(narcosim.ScenarioError, match="resolution: expected week, month or year"):
        narcosim.run(short, resolution="fortnight")


def test_bad_run_arguments_raise(short):
    with pytest.raises(narcosim.ScenarioError, match="threads: expected"):
        narcosim.run(short, threads=0)
    with pytest.raises(narcosim.ScenarioError, match="scale"):
        narcosim.run(short, scale=-1.0)
    with pytest.raises(narcosim.ScenarioError, match="expected a narcosim.Scenario"):
        narcosim.run("scenarios/baseline.yaml")  # type: ignore[arg-type]


def test_manifest_describes_the_run(short_result):
    manifest = short_result.manifest
    assert manifest["seed"] == short_result.scenario.seed
    assert manifest["scale"] == short_result.scenario.scale
    assert manifest["steps"] == short_result.steps
    assert manifest["scenario"]["name"] == "short-baseline"
    assert len(manifest["scenario"]["parameters"]) == len(narcosim.parameters())


def test_plot_has_title_and_units(short_result):
    import matplotlib

    matplotlib.use("Agg")
    ax = short_result.plot("homicides", countries=["MEX", "COL"])
    assert "homicides" in ax.get_title() and "short-baseline" in ax.get_title()
    assert narcosim.metrics().at["homicides", "unit"] in ax.get_ylabel()
    assert len(ax.get_lines()) == 2


def test_observed_holds_the_targets_of_the_runs_years(short_result):
    import csv

    from conftest import SOURCE_DIR

    frame = short_result.observed
    assert list(frame.columns) == ["indicator", "country", "year", "observed", "model", "ratio",
                                   "unit", "source"]
    assert len(frame) > 20
    assert set(frame["year"]) <= {2010, 2011}
    with open(SOURCE_DIR / "data" / "targets.csv", newline="") as f:
        rows = {(r["indicator"], r["country"], int(r["year"])): float(r["value"])
                for r in csv.DictReader(f)}
    for row in frame.itertuples():
        assert row.observed == rows[(row.indicator, row.country, row.year)]
    assert (frame["model"] >= 0).all()
    # Mexico's homicides (INEGI): the model's yearly total, in persons.
    mexico = frame[(frame["indicator"] == "homicides_inegi") & (frame["year"] == 2010)]
    weekly = short_result.wide("homicides", countries=["MEX"])["MEX"]
    in_2010 = weekly[weekly.index.year == 2010]
    # A sum over the year's steps rescaled to 365.25 days (calibration/targets.hpp).
    expected = in_2010.sum() * 365.25 / (7 * len(in_2010))
    assert mexico["model"].item() == pytest.approx(expected, rel=1e-9)
