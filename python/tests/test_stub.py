"""The type stub lists what the compiled module exports, and every public function and class
of the package has a docstring."""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

import narcosim
from narcosim import _narcosim

STUB = Path(__file__).resolve().parents[1] / "narcosim" / "_narcosim.pyi"


def stub_names() -> set[str]:
    tree = ast.parse(STUB.read_text())
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
    return names


def test_the_stub_lists_every_export_of_the_compiled_module():
    exported = {n for n in dir(_narcosim) if not n.startswith("_")}
    assert stub_names() == exported


def test_public_names_have_docstrings():
    for name in narcosim.__all__:
        item = getattr(narcosim, name)
        if inspect.isfunction(item) or inspect.isclass(item):
            assert inspect.getdoc(item), name
    for cls in (narcosim.Scenario, narcosim.Result, narcosim.Comparison):
        for member, value in vars(cls).items():
            if member.startswith("_") or not callable(value):
                continue
            assert inspect.getdoc(value), f"{cls.__name__}.{member}"
