#pragma once
// Shared by the binding files of the Python module narcosim._narcosim: the world a module call
// works on, and how long work runs off the Python thread.
#include <pybind11/pybind11.h>

#include <functional>
#include <memory>
#include <string>

#include "narcosim/calibration/targets.hpp"
#include "narcosim/core/parameters.hpp"
#include "narcosim/model/world.hpp"
#include "narcosim/run/engine.hpp"

namespace narcosim::python {

namespace py = pybind11;

// The world data of one data directory and the parameter registry over its substances, loaded
// once and shared by every scenario and run of a Python session that uses that directory.
struct Model {
  std::string data_dir;
  std::shared_ptr<const World> world;
  std::shared_ptr<const ParameterRegistry> registry;
  // The observed 2010-2018 values (targets.csv) a run is compared with, as `narcosim run`
  // prints them; empty for a data directory without targets.
  std::shared_ptr<const calibration::TargetSet> targets;
};

// Runs `work` on a worker thread with the GIL released. The calling (Python) thread wakes every
// 50 ms, with the GIL held, to look for a signal (Ctrl-C: `cancel` is cancelled, the work stops
// within a step, and KeyboardInterrupt is raised once it has) and to call `poll` (progress bars),
// which may be empty. An exception of `work` is rethrown on the calling thread.
void run_interruptibly(const std::function<void()>& work, CancelToken& cancel,
                       const std::function<void()>& poll);

void bind_errors(py::module_& m);
void bind_model(py::module_& m);
void bind_scenario(py::module_& m);
void bind_run(py::module_& m);
void bind_ensembles(py::module_& m);

}  // namespace narcosim::python
