"""Scenarios as Python objects: read from YAML, built from dicts, changed by methods that return
new scenarios. Every scenario is resolved and validated by the C++ parser that reads scenario
files, so a scenario built in code obeys the same rules and gets the same defaults; its problems
are reported by field path (``policies[2].countries[0]: unknown country ...``)."""
from __future__ import annotations

import datetime as _dt
import json
import math
import numbers
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Union

from . import _narcosim
from ._errors import scenario_error
from ._world import scenarios_dir, world

DateLike = Union[str, _dt.date]
PathLike = Union[str, "os.PathLike[str]"]

# Keys of a scenario that replace() may change.
_SETTABLE = ("name", "description", "start", "end", "step_days", "seed", "scale")


def _jsonable(value: Any, path: str, problems: list[str]) -> Any:
    """``value`` as JSON types (dates as ISO text, numpy scalars as numbers); problems are
    collected with their field path."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if not math.isfinite(number):
            problems.append(f"{path}: expected a finite number, found {number}")
        return number
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                problems.append(f"{path}: keys must be strings, found {key!r}")
                continue
            out[key] = _jsonable(item, f"{path}.{key}" if path else key, problems)
        return out
    if isinstance(value, (list, tuple)):
        return [_jsonable(item, f"{path}[{i}]", problems) for i, item in enumerate(value)]
    if hasattr(value, "tolist"):  # numpy arrays
        return _jsonable(value.tolist(), path, problems)
    problems.append(f"{path}: expected a string, number, date, list or mapping, found "
                    f"{type(value).__name__}")
    return None


def _setting_text(value: Any) -> str:
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _names(values: str | Iterable[str]) -> list[str]:
    return [values] if isinstance(values, str) else list(values)


class Scenario:
    """A scenario: the period, seed, scale, parameter overrides and policies of a run,
    resolved (``extends`` applied, every policy field explicit) and validated.

    Build one with :meth:`from_yaml`, :meth:`from_dict` or :meth:`shipped`; change it with
    :meth:`with_policy`, :meth:`with_parameters`, :meth:`remove_policy` and :meth:`replace`,
    which return new scenarios (a Scenario never changes). Invalid input raises
    :class:`narcosim.ScenarioError` listing every problem.
    """

    __slots__ = ("_core", "_world", "_file")

    def __init__(self, core: _narcosim.Scenario, world_: _narcosim.World, file: str = "") -> None:
        self._core = core
        self._world = world_
        self._file = file

    # --- construction -------------------------------------------------------------------
    @classmethod
    def from_yaml(cls, path: PathLike, *, data: PathLike | None = None) -> "Scenario":
        """Reads a scenario file (``extends`` and ``parameters_from`` relative to it). Problems
        are reported as ``FILE:LINE:COL: message``, as ``narcosim validate`` prints them."""
        w = world(data)
        text_path = os.fspath(path)
        return cls(_narcosim.Scenario.from_file(w, text_path), w, text_path)

    @classmethod
    def from_dict(cls, scenario: Mapping[str, Any], *, data: PathLike | None = None,
                  label: str = "scenario") -> "Scenario":
        """A scenario from a mapping with the keys of a scenario file (``name``, ``start``,
        ``end``, ``seed``, ``scale``, ``parameters``, ``policies``, ``extends``, ...). Dates may be
        ``datetime.date`` or ISO text. Problems are reported as ``LABEL: field.path: message``;
        ``extends`` and ``parameters_from`` paths are relative to the working directory."""
        if not isinstance(scenario, Mapping):
            raise scenario_error([f"{label}: expected a mapping of scenario keys, found "
                                  f"{type(scenario).__name__}"])
        problems: list[str] = []
        plain = _jsonable(scenario, "", problems)
        if problems:
            raise scenario_error([f"{label}: {p}" for p in problems])
        w = world(data)
        text = json.dumps(plain, ensure_ascii=False, allow_nan=False)
        return cls(_narcosim.Scenario.from_json(w, text, label), w)

    @classmethod
    def shipped(cls, name: str, *, data: PathLike | None = None) -> "Scenario":
        """A scenario shipped with narcosim (``baseline``, ``guatemala-legal-transport``, ...;
        :func:`narcosim.scenarios` lists them)."""
        path = scenarios_dir() / f"{name}.yaml"
        if not path.exists():
            known = ", ".join(p.stem for p in sorted(scenarios_dir().glob("*.yaml")))
            raise scenario_error([f"scenario: no shipped scenario '{name}' (shipped: {known})"])
        return cls.from_yaml(path, data=data)

    # --- reading ------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The resolved scenario as a dict (dates as ISO text); ``from_dict`` of it gives this
        scenario back."""
        return json.loads(self._core.to_json(self._world))

    def to_yaml(self, path: PathLike | None = None) -> str:
        """The resolved scenario as YAML, which ``narcosim run`` runs unchanged; written to
        ``path`` too when given."""
        text = self._core.to_yaml(self._world)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    @property
    def name(self) -> str:
        return self._core.name

    @property
    def description(self) -> str:
        return self._core.description

    @property
    def start(self) -> _dt.date:
        return _dt.date.fromisoformat(self._core.start)

    @property
    def end(self) -> _dt.date:
        return _dt.date.fromisoformat(self._core.end)

    @property
    def step_days(self) -> int:
        return self._core.step_days

    @property
    def seed(self) -> int:
        return self._core.seed

    @property
    def scale(self) -> float:
        """Agents per real person (0.01: one agent per hundred people)."""
        return self._core.scale

    @property
    def file(self) -> str:
        """The YAML file it was read from ('' for a scenario built in code)."""
        return self._file

    @property
    def parameters(self) -> dict[str, float]:
        """The parameter overrides (dotted name -> value)."""
        return dict(self.to_dict().get("parameters", {}))

    @property
    def policies(self) -> list[dict[str, Any]]:
        """The policies, every field explicit."""
        return list(self.to_dict().get("policies", []))

    # --- changing (each returns a new scenario) -----------------------------------------
    def _rebuilt(self, changed: dict[str, Any]) -> "Scenario":
        rebuilt = Scenario.from_dict(changed, data=self._world.data_dir)
        rebuilt._file = self._file
        return rebuilt

    def replace(self, **changes: Any) -> "Scenario":
        """The scenario with some of ``name``, ``description``, ``start``, ``end``,
        ``step_days``, ``seed`` and ``scale`` changed (as ``--set`` changes them: policies never
        in force in a shorter period are dropped, and ends beyond it become the run's end)."""
        unknown = sorted(set(changes) - set(_SETTABLE))
        if unknown:
            raise scenario_error([f"replace: unknown key '{k}' (expected one of "
                                  f"{', '.join(_SETTABLE)})" for k in unknown])
        changes = {k: v for k, v in changes.items() if v is not None}
        scenario = self
        if "description" in changes:
            d = self.to_dict()
            d["description"] = changes.pop("description")
            scenario = self._rebuilt(d)
        if not changes:
            return scenario
        # The other keys as `--set` changes them: a shorter period drops the policies never in
        # force in it and ends them with the run.
        keys = list(changes)
        values = [_setting_text(changes[k]) for k in keys]
        return Scenario(scenario._core.with_settings(self._world, keys, values), self._world,
                        self._file)

    def with_policy(self, type: str, countries: str | Iterable[str], *,
                    start: DateLike | None = None, end: DateLike | None = None,
                    substances: str | Iterable[str] | None = None, id: str | None = None,
                    **fields: Any) -> "Scenario":
        """The scenario with one more policy: ``type`` (see :func:`narcosim.policies`) in
        ``countries`` (ISO3 codes, corridors or groups such as ``central_america``) from
        ``start`` (default: the run's start) to ``end`` (default: the run's end), for
        ``substances`` (default: all), with the type's fields as keywords (defaults for the
        others)."""
        policy: dict[str, Any] = {}
        if id is not None:
            policy["id"] = id
        policy["type"] = type
        policy["countries"] = _names(countries)
        if substances is not None:
            policy["substances"] = _names(substances)
        policy["start"] = start if start is not None else self._core.start
        if end is not None:
            policy["end"] = end
        policy.update(fields)
        d = self.to_dict()
        d.setdefault("policies", []).append(policy)
        return self._rebuilt(d)

    def with_parameters(self, overrides: Mapping[str, float] | None = None, /,
                        **named: float) -> "Scenario":
        """The scenario with parameter overrides: a mapping of dotted names
        (``{"demand.cocaine.price_elasticity": -0.7}``) and/or keywords in which ``__`` stands
        for ``.`` (``demand__cocaine__price_elasticity=-0.7``)."""
        d = self.to_dict()
        parameters = d.setdefault("parameters", {})
        parameters.update(dict(overrides or {}))
        parameters.update({k.replace("__", "."): v for k, v in named.items()})
        return self._rebuilt(d)

    def remove_policy(self, id: str) -> "Scenario":
        """The scenario without the policy whose ``id`` is given."""
        d = self.to_dict()
        policies = d.get("policies", [])
        kept = [p for p in policies if p.get("id") != id]
        if len(kept) == len(policies):
            ids = ", ".join(p["id"] for p in policies if "id" in p) or "none"
            raise scenario_error([f"remove_policy: no policy has id '{id}' (ids: {ids})"])
        if kept:
            d["policies"] = kept
        else:
            del d["policies"]
        return self._rebuilt(d)

    # --- comparison and display ---------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Scenario) and self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        return hash(self.to_yaml())

    def __repr__(self) -> str:
        return (f"<Scenario {self.name!r} {self.start} to {self.end}, seed {self.seed}, scale "
                f"{self.scale}, {len(self.policies)} policies>")
