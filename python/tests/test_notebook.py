"""The example notebook runs from top to bottom against this build (so it cannot rot) and is
rendered to HTML for the docs when NARCOSIM_NOTEBOOK_HTML names a directory."""
from __future__ import annotations

import os
from pathlib import Path

import nbclient
import nbformat

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.ipynb"))


def test_there_is_an_example_notebook():
    assert NOTEBOOKS, "examples/*.ipynb"


def test_example_notebooks_execute(tmp_path):
    # The kernel is Debian's python3 (its kernelspec); it inherits PYTHONPATH, so it imports
    # the module under test. The debugger's frozen-modules note is silenced.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    # The kernel's own (inline) matplotlib backend puts the plots into the notebook.
    os.environ.pop("MPLBACKEND", None)
    html_dir = os.environ.get("NARCOSIM_NOTEBOOK_HTML")
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        client = nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                                         resources={"metadata": {"path": str(tmp_path)}})
        client.execute()
        errors = [o for cell in notebook.cells if cell.cell_type == "code"
                  for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        assert not errors, f"{path.name}: {errors}"
        images = [o for cell in notebook.cells if cell.cell_type == "code"
                  for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
        assert len(images) >= 2, f"{path.name}: expected at least two plots"
        if html_dir:
            from nbconvert import HTMLExporter

            body, _ = HTMLExporter().from_notebook_node(notebook)
            out = Path(html_dir)
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{path.stem}.html").write_text(body, encoding="utf-8")
