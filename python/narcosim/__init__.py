"""narcosim: a simulator of the drug trade and of drug policy across the Americas.

    import narcosim
    base = narcosim.Scenario.shipped("baseline")
    policy = base.with_policy("legalize_transport", "central_america", start="2013-01-01",
                              substances="cocaine")
    result = narcosim.run(policy, seed=1, scale=0.01)
    result.wide("homicides")                      # countries as columns
    comparison = narcosim.compare(base, policy, runs=10)
    comparison.headline()                         # the table `narcosim compare` prints

Scenarios, runs, comparisons, ensembles and screenings are those of the ``narcosim`` command
(../shared/interface.md, docs/python.md); the same scenario, seed and scale give the same
numbers from either.
"""
from __future__ import annotations

from pathlib import Path

from . import _narcosim
from ._ensembles import Comparison, compare, ensemble, sensitivity
from ._errors import InvariantError, OutputError, RunCancelled, ScenarioError
from ._narcosim import CancelToken
from ._result import Result, run
from ._scenario import Scenario
from ._world import (countries, data_dir, edges, metrics, parameters, policies, scenarios_dir,
                     world)

__version__: str = _narcosim.version().split(" ")[0]


def version() -> str:
    """The build's version and git commit, as ``narcosim --version`` prints them."""
    return _narcosim.version()


def scenarios() -> list[str]:
    """Names of the shipped scenarios (for :meth:`Scenario.shipped`)."""
    return sorted(p.stem for p in Path(scenarios_dir()).glob("*.yaml"))


__all__ = [
    "CancelToken", "Comparison", "InvariantError", "OutputError", "Result", "RunCancelled",
    "Scenario", "ScenarioError", "compare", "countries", "data_dir", "edges", "ensemble",
    "metrics", "parameters", "policies", "run", "scenarios", "scenarios_dir", "sensitivity",
    "version", "world",
]
