// Errors, the world and the catalogues (policy types, parameters, metrics).
#include <fmt/format.h>
#include <pybind11/stl.h>

#include "common.hpp"
#include "narcosim/core/errors.hpp"
#include "narcosim/io/files.hpp"
#include "narcosim/io/world_loader.hpp"
#include "narcosim/model/metrics.hpp"
#include "narcosim/model/policy.hpp"

namespace narcosim::python {

using namespace pybind11::literals;

void bind_errors(py::module_& m) {
  // Bad input (a scenario, an argument, data): a ValueError, as Python expects for bad values.
  static const py::exception<InputError> scenario_error(m, "ScenarioError", PyExc_ValueError);
  scenario_error.doc() =
      "Bad input: a scenario, an argument or the data. `errors` lists every problem as "
      "FILE:LINE:COL: message (YAML files) or LABEL: field.path: message (scenarios built in "
      "code); str() joins them.";
  // An output that cannot be written or may not be replaced (io/output_dir.hpp).
  static const py::exception<io::OutputError> output_error(m, "OutputError", PyExc_OSError);
  // A broken invariant: a bug in the model (exit code 1 on the command line).
  static const py::exception<InvariantError> invariant_error(m, "InvariantError",
                                                             PyExc_RuntimeError);
  // A run stopped by its CancelToken.
  static const py::exception<RunCancelled> cancelled(m, "RunCancelled", PyExc_RuntimeError);
  // pybind11 takes a plain function pointer of this exact signature.
  py::register_exception_translator(
      [](std::exception_ptr p) {  // NOLINT(performance-unnecessary-value-param)
        try {
          if (p) std::rethrow_exception(p);
        } catch (const io::OutputError& e) {  // before InputError, which it derives from
          PyErr_SetString(output_error.ptr(), e.what());
        } catch (const InputError& e) {
          py::list errors;
          std::string joined;
          for (const auto& d : e.diagnostics()) {
            errors.append(d.to_string());
            joined += (joined.empty() ? "" : "\n") + d.to_string();
          }
          const py::object instance = py::handle(scenario_error.ptr())(joined);
          instance.attr("errors") = errors;
          PyErr_SetObject(scenario_error.ptr(), instance.ptr());
        } catch (const InvariantError& e) {
          PyErr_SetString(invariant_error.ptr(), e.what());
        } catch (const RunCancelled& e) {
          PyErr_SetString(cancelled.ptr(), e.what());
        }
      });
}

namespace {

py::list nodes(const World& world) {
  py::list out;
  for (const auto& n : world.nodes) {
    out.append(py::dict("id"_a = n.id, "name"_a = n.name, "kind"_a = std::string(to_string(n.kind)),
                        "region"_a = n.region, "lat"_a = n.lat, "lon"_a = n.lon));
  }
  return out;
}

py::list edges(const World& world) {
  py::list out;
  for (const auto& e : world.edges) {
    out.append(py::dict("from"_a = world.nodes[e.from].id, "to"_a = world.nodes[e.to].id,
                        "mode"_a = std::string(to_string(e.mode)), "distance_km"_a = e.distance_km,
                        "cost_usd_per_kg"_a = e.cost_usd_per_kg,
                        "transit_days"_a = e.transit_days));
  }
  return out;
}

py::list policy_fields() {
  py::list out;
  for (const auto& t : policy_types()) {
    for (const auto& f : t.fields) {
      py::object choices = py::none();
      if (f.is_choice()) choices = py::cast(f.choices);
      out.append(py::dict("type"_a = t.name, "summary"_a = t.summary, "mechanism"_a = t.mechanism,
                          "per_substance"_a = t.substance_specific,
                          "corridors_allowed"_a = t.corridors_allowed, "field"_a = f.name,
                          "unit"_a = f.unit,
                          "default"_a = f.is_choice() ? py::cast(f.choices[size_t(f.default_value)])
                                                      : py::cast(f.default_value),
                          "min"_a = f.min_value, "max"_a = f.max_value, "choices"_a = choices,
                          "description"_a = f.description, "source"_a = f.source));
    }
  }
  return out;
}

py::list parameters(const ParameterRegistry& registry) {
  py::list out;
  for (const auto& p : registry.specs()) {
    out.append(py::dict("name"_a = p.name, "unit"_a = p.unit, "default"_a = p.default_value,
                        "min"_a = p.min_value, "max"_a = p.max_value,
                        "description"_a = p.description, "source"_a = p.source));
  }
  return out;
}

py::list metrics() {
  py::list out;
  for (const auto& mi : metric_infos()) {
    out.append(py::dict("name"_a = std::string(mi.name), "unit"_a = std::string(mi.unit),
                        "aggregation"_a = mi.aggregation == Aggregation::sum ? "total" : "mean",
                        "per_substance"_a = mi.per_substance));
  }
  return out;
}

}  // namespace

void bind_model(py::module_& m) {
  py::class_<Model, std::shared_ptr<Model>>(m, "World",
                                            "The world data of a data directory (data/)")
      .def(py::init([](const std::string& data_dir) {
             auto model = std::make_shared<Model>();
             model->data_dir = data_dir;
             {
               const py::gil_scoped_release release;
               auto world = std::make_shared<const World>(io::load_world(data_dir));
               model->registry = std::make_shared<const ParameterRegistry>(world->substance_ids());
               model->targets = std::make_shared<const calibration::TargetSet>(
                   calibration::load_targets_if_present(data_dir, *world));
               model->world = std::move(world);
             }
             return model;
           }),
           "data_dir"_a)
      .def_readonly("data_dir", &Model::data_dir)
      .def("nodes", [](const Model& w) { return nodes(*w.world); })
      .def("edges", [](const Model& w) { return edges(*w.world); })
      .def("substances", [](const Model& w) { return w.world->substance_ids(); })
      .def("groups",
           [](const Model& w) {
             py::dict out;
             for (const auto& name : w.world->group_names()) {
               py::list ids;
               const auto members = w.world->group(name);
               for (const auto n : *members) ids.append(w.world->nodes[n].id);
               out[py::str(name)] = ids;
             }
             return out;
           })
      .def("parameters", [](const Model& w) { return parameters(*w.registry); });
  m.def("default_data_dir", &io::default_data_dir,
        "The data directory narcosim uses when none is given (NARCOSIM_DATA_DIR, the installed "
        "data, or the source tree's data/)");
  m.def("policy_fields", &policy_fields, "Every field of every policy type, one dict each");
  m.def("metrics", &metrics, "Every metric: name, unit, aggregation, per_substance");
  m.def("version", [] { return fmt::format("{} ({})", NARCOSIM_VERSION, NARCOSIM_GIT_COMMIT); });
}

}  // namespace narcosim::python
