// Scenarios: read from YAML files or JSON text (what the Python package makes of a dict), written
// back as YAML or JSON, validated against the world.
#include <pybind11/stl.h>

#include "common.hpp"
#include "narcosim/core/errors.hpp"
#include "narcosim/io/scenario_json.hpp"
#include "narcosim/io/scenario_parser.hpp"
#include "narcosim/io/scenario_writer.hpp"
#include "narcosim/model/validate.hpp"

namespace narcosim::python {

using namespace pybind11::literals;

void bind_scenario(py::module_& m) {
  py::class_<Scenario>(m, "Scenario", "A resolved, validated scenario (C++ narcosim::Scenario)")
      .def_static(
          "from_file",
          [](const Model& model, const std::string& path) {
            const py::gil_scoped_release release;
            return io::parse_scenario_file(path, *model.world, *model.registry);
          },
          "world"_a, "path"_a)
      .def_static(
          "from_json",
          [](const Model& model, const std::string& text, const std::string& label) {
            const py::gil_scoped_release release;
            return io::parse_scenario_json(text, label, *model.world, *model.registry);
          },
          "world"_a, "text"_a, "label"_a)
      .def(
          "to_yaml",
          [](const Scenario& s, const Model& model) {
            return io::scenario_to_yaml(s, *model.world);
          },
          "world"_a)
      .def(
          "to_json",
          [](const Scenario& s, const Model& model) {
            return io::scenario_to_json(s, *model.world);
          },
          "world"_a)
      .def(
          "with_settings",
          [](const Scenario& s, const Model& model, const std::vector<std::string>& keys,
             const std::vector<std::string>& values) {
            // As --set: a changed period drops the policies never in force in it and moves ends
            // beyond it to the run's end. Problems name the keyword instead of the flag.
            std::vector<std::string> assignments;
            for (size_t i = 0; i < keys.size(); ++i)
              assignments.push_back(keys[i] + "=" + values.at(i));
            Scenario out = s;
            try {
              io::apply_overrides(out, assignments, *model.world, *model.registry);
            } catch (const InputError& e) {
              std::vector<Diagnostic> located;
              for (const auto& d : e.diagnostics()) {
                const bool ours = d.where.file == "--set" && d.where.line >= 1 &&
                                  size_t(d.where.line) <= keys.size();
                located.push_back(
                    ours ? Diagnostic{{"replace", 0, 0},
                                      keys[size_t(d.where.line) - 1] + ": " + d.message}
                         : d);
              }
              throw InputError(std::move(located));
            }
            return out;
          },
          "world"_a, "keys"_a, "values"_a)
      .def(
          "validate",
          [](const Scenario& s, const Model& model) {
            require_valid(s, *model.world, *model.registry);
          },
          "world"_a)
      .def_readonly("name", &Scenario::name)
      .def_readonly("description", &Scenario::description)
      .def_property_readonly("start", [](const Scenario& s) { return format_iso_date(s.start); })
      .def_property_readonly("end", [](const Scenario& s) { return format_iso_date(s.end); })
      .def_readonly("step_days", &Scenario::step_days)
      .def_readonly("seed", &Scenario::seed)
      .def_readonly("scale", &Scenario::scale)
      .def_readonly("source_file", &Scenario::source_file);
}

}  // namespace narcosim::python
