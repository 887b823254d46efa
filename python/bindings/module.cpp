// The compiled part of the Python module: narcosim._narcosim. The Python package `narcosim`
// (python/narcosim/) wraps it in pandas DataFrames, plots and progress bars; its names and
// signatures are listed in python/narcosim/_narcosim.pyi.
#include "common.hpp"

PYBIND11_MODULE(_narcosim, m) {
  m.doc() = "narcosim's C++ core: worlds, scenarios, runs and ensembles (use the narcosim package)";
  narcosim::python::bind_errors(m);
  narcosim::python::bind_model(m);
  narcosim::python::bind_scenario(m);
  narcosim::python::bind_run(m);
  narcosim::python::bind_ensembles(m);
}
