"""compare, ensemble and sensitivity from Python: the files the CLI writes, and statistics that
behave as they must."""
from __future__ import annotations

import subprocess

import numpy as np
import pytest

import narcosim


@pytest.fixture(scope="module")
def transport(short):
    return short.with_policy("legalize_transport", "central_america", start="2010-07-01",
                             substances="cocaine")


def test_compare_writes_the_files_of_the_cli(cli, short, short_file, transport, tmp_path):
    b_file = tmp_path / "b.yaml"
    transport.to_yaml(b_file)
    subprocess.run([cli, "compare", str(short_file), str(b_file), "--runs", "3", "--jobs", "2",
                    "--out", str(tmp_path / "cli"), "--quiet"], check=True)
    comparison = narcosim.compare(short, transport, runs=3, jobs=2, out=tmp_path / "py",
                                  progress=False)
    for name in ("paired_differences.csv", "headline.txt", "quantiles.csv"):
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    assert str(comparison) == (tmp_path / "cli" / "headline.txt").read_text()


def test_compare_in_memory_gives_the_same_numbers(short, transport, tmp_path):
    on_disk = narcosim.compare(short, transport, runs=3, jobs=2, out=tmp_path / "c",
                               progress=False)
    in_memory = narcosim.compare(short, transport, runs=3, jobs=1, progress=False)
    assert in_memory.paired.equals(on_disk.paired)
    headline = in_memory.headline()
    assert {"a_median", "difference_median", "difference_q05", "difference_q95",
            "relative_median", "probability_lower"} <= set(headline.columns)
    assert {"homicides", "prisoners", "drug-related homicides"} <= set(headline.index)
    assert (headline["difference_q05"] <= headline["difference_median"]).all()
    assert (headline["difference_median"] <= headline["difference_q95"]).all()
    assert headline["probability_lower"].between(0, 1).all()
    assert (headline["pairs"] == 3).all()
    paired = in_memory.paired
    assert set(paired["period"].astype(str)) == {"run", "final_year"}
    ordered = paired[["difference_q05", "difference_q25", "difference_q50", "difference_q75",
                      "difference_q95"]].dropna().to_numpy()
    assert (np.diff(ordered, axis=1) >= -1e-9 * np.abs(ordered).max()).all()


def test_a_scenario_compared_with_itself_changes_nothing(short):
    comparison = narcosim.compare(short, short, runs=2, progress=False)
    paired = comparison.paired
    assert (paired["difference_q05"].fillna(0) == 0).all()
    assert (paired["difference_q95"].fillna(0) == 0).all()
    assert (paired["probability_lower"] == 0).all()
    assert comparison.names == ("short-baseline", "short-baseline-b")


def test_compare_plot_draws_bands_with_units(short, transport):
    import matplotlib

    matplotlib.use("Agg")
    comparison = narcosim.compare(short, transport, runs=2, progress=False)
    figure = comparison.plot(["homicides", "prisoners"])
    axes = [ax for ax in figure.axes if ax.get_visible()]
    assert len(axes) == 2
    assert "homicides" in axes[0].get_title()
    assert narcosim.metrics().at["homicides", "unit"] in axes[0].get_ylabel()
    assert len(axes[0].collections) == 2  # a 5-95% band per scenario


def test_ensemble_quantiles_are_ordered(short):
    frame = narcosim.ensemble(short, runs=3, jobs=2, progress=False)
    assert frame.attrs["runs"] == 3
    assert {"scenario", "date", "country", "substance", "metric", "runs", "mean", "q05", "q25",
            "q50", "q75", "q95"} <= set(frame.columns)
    assert str(frame["date"].dtype) == "datetime64[ns]"
    q = frame[["q05", "q25", "q50", "q75", "q95"]].dropna().to_numpy()
    assert (np.diff(q, axis=1) >= -1e-9 * np.abs(q).max()).all()
    # The readable table: the scenario's final year, a row per headline metric, 3 runs each.
    summary = frame.attrs["summary"]
    assert summary.startswith("short-baseline: the Americas in 2011")
    assert any(line.split()[:1] == ["homicides"] and line.split()[-1] == "3"
               for line in summary.splitlines())


def test_ensemble_varies_the_parameters_asked_for(short):
    frame = narcosim.ensemble(short, runs=2, samples=2,
                              vary={"demand.cocaine.price_elasticity": (-1.0, -0.4)},
                              progress=False)
    assert frame.attrs["parameters"] == ["demand.cocaine.price_elasticity"]
    values = [s[0] for s in frame.attrs["samples"]]
    assert all(-1.0 <= v <= -0.4 for v in values) and values[0] != values[1]
    with pytest.raises(narcosim.ScenarioError, match="no.such"):
        narcosim.ensemble(short, runs=2, samples=2, vary=["no.such"], progress=False)
    with pytest.raises(narcosim.ScenarioError, match="jobs"):
        narcosim.ensemble(short, runs=2, jobs=0, progress=False)


def test_sensitivity_screens_against_the_seed(short):
    frame = narcosim.sensitivity(short.replace(end="2010-12-31"), trajectories=2,
                                 vary=["demand.cocaine.price_elasticity",
                                       "violence.rent_elasticity"],
                                 outputs=["homicides", "users_light+users_heavy"], jobs=2,
                                 progress=False)
    assert set(frame["output"].astype(str)) == {"homicides", "users_light+users_heavy"}
    assert set(frame["parameter"].astype(str)) == {"demand.cocaine.price_elasticity",
                                                  "violence.rent_elasticity", "seed"}
    assert (frame["mu_star"].dropna() >= 0).all()
    assert frame.attrs["runs"] == 2 * 4
    with pytest.raises(narcosim.ScenarioError, match="levels 3 is odd"):
        narcosim.sensitivity(short, trajectories=1, levels=3, progress=False)
    with pytest.raises(narcosim.ScenarioError, match="unknown metric 'murders'"):
        narcosim.sensitivity(short, trajectories=1, outputs="murders", progress=False)


def test_the_progress_bar_counts_runs_and_can_be_turned_off(short, capsys):
    narcosim.ensemble(short, runs=2, jobs=2, progress=True)
    assert "2/2" in capsys.readouterr().err
    narcosim.ensemble(short, runs=2, jobs=2, progress=False)
    assert capsys.readouterr().err == ""
