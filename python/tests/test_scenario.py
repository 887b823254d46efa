"""Scenarios built in code equal the YAML ones; every kind of bad input raises ScenarioError
with the place of each problem."""
from __future__ import annotations

import datetime as dt
import textwrap

import numpy as np
import pytest

import narcosim

POLICY_YAML = textwrap.dedent("""\
    name: code-or-file
    start: 2012-01-01
    end: 2014-12-31
    seed: 7
    scale: 0.003
    parameters:
      demand.cocaine.price_elasticity: -0.6
    policies:
      - id: transport
        type: legalize_transport
        countries: [GTM, HND]
        substances: [cocaine]
        start: 2013-01-01
      - type: interdiction
        countries: [MEX]
        start: 2012-06-01
        end: 2014-06-30
        multiplier: 2.5
    """)

POLICY_DICT = {
    "name": "code-or-file",
    "start": dt.date(2012, 1, 1),
    "end": "2014-12-31",
    "seed": np.int64(7),
    "scale": 0.003,
    "parameters": {"demand.cocaine.price_elasticity": -0.6},
    "policies": [
        {"id": "transport", "type": "legalize_transport", "countries": ("GTM", "HND"),
         "substances": ["cocaine"], "start": "2013-01-01"},
        {"type": "interdiction", "countries": ["MEX"], "start": dt.datetime(2012, 6, 1),
         "end": "2014-06-30", "multiplier": np.float64(2.5)},
    ],
}


@pytest.fixture
def yaml_file(tmp_path):
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY_YAML)
    return path


def test_a_dict_gives_the_scenario_its_yaml_gives(yaml_file):
    from_yaml = narcosim.Scenario.from_yaml(yaml_file)
    from_dict = narcosim.Scenario.from_dict(POLICY_DICT)
    assert from_dict == from_yaml
    assert from_dict.to_yaml() == from_yaml.to_yaml()


def test_methods_build_the_scenario_the_yaml_describes(yaml_file):
    built = (narcosim.Scenario.from_dict({"name": "code-or-file", "start": "2012-01-01",
                                          "end": "2014-12-31", "seed": 7, "scale": 0.003})
             .with_parameters(demand__cocaine__price_elasticity=-0.6)
             .with_policy("legalize_transport", ["GTM", "HND"], substances="cocaine",
                          start="2013-01-01", id="transport")
             .with_policy("interdiction", "MEX", start=dt.date(2012, 6, 1), end="2014-06-30",
                          multiplier=2.5))
    assert built == narcosim.Scenario.from_yaml(yaml_file)


def test_to_dict_round_trips_a_scenario_with_extends(short):
    again = narcosim.Scenario.from_dict(short.to_dict())
    assert again == short
    assert "extends" not in short.to_dict()
    assert len(short.policies) > 5  # the baseline's history came along


def test_defaults_are_filled_in_and_readable(yaml_file):
    s = narcosim.Scenario.from_yaml(yaml_file)
    fields = narcosim.policies()
    transport_fields = set(fields.loc[fields["type"] == "legalize_transport", "field"])
    assert transport_fields <= set(s.policies[0])
    assert s.start == dt.date(2012, 1, 1) and s.end == dt.date(2014, 12, 31)
    assert s.parameters == {"demand.cocaine.price_elasticity": -0.6}


def test_remove_policy_drops_it_by_id(yaml_file):
    s = narcosim.Scenario.from_yaml(yaml_file)
    removed = s.remove_policy("transport")
    assert [p["type"] for p in removed.policies] == ["interdiction"]
    assert len(s.policies) == 2  # scenarios never change
    with pytest.raises(narcosim.ScenarioError, match="no policy has id 'nope'.*transport"):
        s.remove_policy("nope")


def test_a_shorter_period_drops_policies_as_set_does(yaml_file):
    s = narcosim.Scenario.from_yaml(yaml_file).replace(end="2012-12-31", seed=3)
    assert [p["type"] for p in s.policies] == ["interdiction"]
    assert s.policies[0]["end"] == "2012-12-31"
    assert s.seed == 3


def test_yaml_errors_carry_file_line_and_column(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("name: bad\nstart: 2012-01-01\nend: 2013-12-31\npolicies:\n"
                    "  - type: interdiction\n    countries: [MEX, ATLANTIS]\n"
                    "    start: 2012-01-01\n    bogus: 1\n")
    with pytest.raises(narcosim.ScenarioError) as caught:
        narcosim.Scenario.from_yaml(path)
    errors = caught.value.errors
    assert isinstance(caught.value, ValueError)
    assert len(errors) == 2
    assert any(e.startswith(f"{path}:6:") and "ATLANTIS" in e for e in errors), errors
    assert any(e.startswith(f"{path}:8:5:") and "bogus" in e for e in errors), errors
    assert str(caught.value) == "\n".join(errors)


@pytest.mark.parametrize("change, path, words", [
    ({"scale": 5.0}, "scale", "out of range"),
    ({"bogus": 1}, "bogus", "unknown key"),
    ({"policies": [{"type": "curfew", "countries": ["MEX"], "start": "2012-01-01"}]},
     "policies[0].type", "unknown policy type"),
    ({"policies": [{"type": "interdiction", "countries": ["MEX", "XXX"],
                    "start": "2012-01-01"}]}, "policies[0].countries[1]", "unknown country"),
    ({"policies": [{"type": "interdiction", "countries": ["MEX"], "start": "2012-01-01",
                    "multiplier": 99}]}, "policies[0].multiplier", "99 is out of range"),
    ({"parameters": {"demand.cocaine.price_elasticity": 3}},
     "parameters.demand.cocaine.price_elasticity", "out of range"),
    ({"parameters": {"no.such.parameter": 1}}, "parameters.no.such.parameter", "unknown parameter"),
    ({"end": "2011-12-31"}, "end", "after start"),
    ({"scale": float("nan")}, "scale", "finite"),
    ({"start": object()}, "start", "expected a string, number, date"),
])
def test_code_errors_carry_the_field_path(change, path, words):
    d = {"name": "x", "start": "2012-01-01", "end": "2013-12-31"}
    d.update(change)
    with pytest.raises(narcosim.ScenarioError) as caught:
        narcosim.Scenario.from_dict(d, label="my scenario")
    errors = caught.value.errors
    assert any(e.startswith(f"my scenario: {path}: ") and words in e for e in errors), errors


def test_every_problem_is_reported_at_once():
    with pytest.raises(narcosim.ScenarioError) as caught:
        narcosim.Scenario.from_dict({"name": "x", "start": "2012-01-01", "end": "2013-12-31",
                                     "seed": -1, "bogus": 2,
                                     "parameters": {"no.such": 1}})
    assert len(caught.value.errors) == 3, caught.value.errors


def test_methods_report_bad_arguments():
    s = narcosim.Scenario.from_dict({"name": "x", "start": "2012-01-01", "end": "2013-12-31"})
    with pytest.raises(narcosim.ScenarioError, match=r"policies\[0\]\.substances.*'crack'"):
        s.with_policy("interdiction", "MEX", substances="crack")
    with pytest.raises(narcosim.ScenarioError, match="replace: unknown key 'colour'"):
        s.replace(colour="red")
    with pytest.raises(narcosim.ScenarioError, match="replace: scale: "):
        s.replace(scale=7)
    with pytest.raises(narcosim.ScenarioError, match="expected a mapping"):
        narcosim.Scenario.from_dict(["not", "a", "mapping"])  # type: ignore[arg-type]
    with pytest.raises(narcosim.ScenarioError, match="no shipped scenario 'atlantis'"):
        narcosim.Scenario.shipped("atlantis")


def test_shipped_scenarios_load():
    names = narcosim.scenarios()
    assert "baseline" in names and len(names) >= 10
    assert narcosim.Scenario.shipped("baseline").name == "baseline"


def test_catalogues_are_dataframes_with_units_and_sources():
    parameters = narcosim.parameters()
    assert parameters.index.is_unique
    assert {"unit", "default", "min", "max", "description", "source"} <= set(parameters.columns)
    assert (parameters["min"] <= parameters["default"]).all()
    assert (parameters["default"] <= parameters["max"]).all()
    policies = narcosim.policies()
    assert set(policies["type"]) >= {"legalize_transport", "decriminalize_possession",
                                      "legal_market", "amnesty", "seizure_compensation"}
    assert policies["unit"].str.len().gt(0).all()
    countries = narcosim.countries()
    assert {"MEX", "GTM", "COL", "USA"} <= set(countries.index)
    assert set(countries["kind"].astype(str)) >= {"country", "corridor"}
    metrics = narcosim.metrics()
    assert {"homicides", "seized_kg", "prisoners", "mass_balance_error_kg"} <= set(metrics.index)
