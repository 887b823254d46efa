"""Exceptions (defined by the compiled module, so C++ and Python raise the same classes)."""
from __future__ import annotations

from collections.abc import Sequence

from ._narcosim import InvariantError, OutputError, RunCancelled, ScenarioError

__all__ = ["ScenarioError", "OutputError", "InvariantError", "RunCancelled", "scenario_error"]


def scenario_error(messages: Sequence[str]) -> ScenarioError:
    """A ScenarioError carrying ``messages`` (one problem each) as the C++ core builds them."""
    error = ScenarioError("\n".join(messages))
    error.errors = list(messages)  # type: ignore[attr-defined]
    return error
