// One run in memory: its tables as numpy arrays that share the C++ vectors' memory, its summary
// and manifest, and the run directory written from memory with the bytes the CLI writes.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <atomic>
#include <cmath>
#include <type_traits>

#include "common.hpp"
#include "narcosim/core/errors.hpp"
#include "narcosim/io/output_dir.hpp"
#include "narcosim/io/run_in_memory.hpp"

namespace narcosim::python {

using namespace pybind11::literals;

namespace {

struct RunHandle {
  std::shared_ptr<Model> model;
  std::unique_ptr<io::RunInMemory> run;
  RunResult result;
  std::vector<double> target_values;  // model value per target of model->targets
};

// A read-only numpy view of `values`, kept alive by `owner` (the RunHandle): no copy.
template <typename Numpy, typename Stored>
py::array view(const std::vector<Stored>& values, const py::handle& owner) {
  static_assert(sizeof(Numpy) == sizeof(Stored) && std::is_trivially_copyable_v<Stored>);
  py::array_t<Numpy> out({values.size()}, {sizeof(Numpy)},
                         reinterpret_cast<const Numpy*>(values.data()), owner);  // NOLINT
  py::detail::array_proxy(out.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return out;
}

// Dates are days since 1970-01-01 (std::chrono::sys_days), as numpy's datetime64[D].
static_assert(std::is_integral_v<Date::rep> && std::is_signed_v<Date::rep> &&
              sizeof(Date) == sizeof(int64_t));

Resolution resolution_of(const std::string& text) {
  const auto resolution = parse_resolution(text);
  if (!resolution) {
    throw InputError(SourceLocation{"resolution", 0, 0},
                     "resolution: expected week, month or year, found '" + excerpt(text) + "'");
  }
  return *resolution;
}

io::SeriesFormat series_of(const std::string& text) {
  if (text == "csv") return io::SeriesFormat::csv;
  if (text == "sqlite") return io::SeriesFormat::sqlite;
  throw InputError(SourceLocation{"series", 0, 0},
                   "series: expected csv or sqlite, found '" + excerpt(text) + "'");
}

std::unique_ptr<RunHandle> run(const std::shared_ptr<Model>& model, const Scenario& scenario,
                               int threads, const std::string& resolution, const std::string& file,
                               std::shared_ptr<CancelToken> cancel, const py::object& progress) {
  if (threads < 1 || threads > 1024) {
    throw InputError(
        SourceLocation{"threads", 0, 0},
        "threads: expected a whole number in [1, 1024], found " + std::to_string(threads));
  }
  io::RunInfo info;
  info.scenario_yaml_path = file;
  info.threads = threads;
  info.resolution = resolution_of(resolution);
  auto handle = std::make_unique<RunHandle>();
  handle->model = model;
  handle->run = std::make_unique<io::RunInMemory>(model->world, scenario, info);
  if (!cancel) cancel = std::make_shared<CancelToken>();
  std::atomic<int> done{0}, steps{0};
  auto options = EngineOptions::with_threads(threads);
  options.cancel = cancel;
  options.on_progress = [&](const RunProgress& p) {
    done.store(p.steps_done, std::memory_order_relaxed);
    steps.store(p.steps, std::memory_order_relaxed);
  };
  std::function<void()> poll;
  if (!progress.is_none()) poll = [&] { progress(done.load(), steps.load()); };
  run_interruptibly(
      [&] {
        Engine engine(model->world, scenario, options);
        calibration::TargetRecorder observed(*model->targets);
        ObserverFanout fanout({handle->run.get(), &observed});
        handle->result = engine.run(&fanout);
        handle->run->finish(engine, handle->result);
        handle->target_values = observed.values();
      },
      *cancel, poll);
  return handle;
}

std::vector<std::string> place_labels(const World& world) {
  std::vector<std::string> out;
  out.reserve(world.nodes.size() + 1);
  for (const auto& n : world.nodes) out.push_back(n.id);
  out.emplace_back("ALL");
  return out;
}

std::vector<std::string> substance_labels(const World& world) {
  auto out = world.substance_ids();
  out.emplace_back("all");
  return out;
}

}  // namespace

void bind_run(py::module_& m) {
  py::class_<CancelToken, std::shared_ptr<CancelToken>>(
      m, "CancelToken", "Stops a run or an ensemble from another thread: call cancel()")
      .def(py::init<>())
      .def("cancel", &CancelToken::cancel)
      .def_property_readonly("cancelled", &CancelToken::cancelled);

  py::class_<RunHandle>(m, "Run", "One run held in memory")
      .def_property_readonly("steps", [](const RunHandle& h) { return h.result.steps; })
      .def_property_readonly("wall_seconds",
                             [](const RunHandle& h) { return h.result.wall_seconds; })
      .def_property_readonly("max_relative_mass_error",
                             [](const RunHandle& h) { return h.result.max_relative_mass_error; })
      .def_property_readonly("scenario", [](const RunHandle& h) { return h.run->scenario(); })
      .def_property_readonly(
          "resolution",
          [](const RunHandle& h) { return std::string(to_string(h.run->info().resolution)); })
      .def("timeseries",
           [](const py::object& self) {
             const auto& t = self.cast<const RunHandle&>().run->tables().timeseries();
             return py::dict("date"_a = view<int64_t>(t.date, self),
                             "place"_a = view<uint16_t>(t.place, self),
                             "substance"_a = view<uint8_t>(t.substance, self),
                             "metric"_a = view<uint8_t>(t.metric, self),
                             "value"_a = view<double>(t.value, self));
           })
      .def("flows",
           [](const py::object& self) {
             const auto& f = self.cast<const RunHandle&>().run->tables().flows();
             return py::dict("date"_a = view<int64_t>(f.date, self),
                             "edge"_a = view<uint32_t>(f.edge, self),
                             "substance"_a = view<uint8_t>(f.substance, self),
                             "kg"_a = view<double>(f.kg, self));
           })
      .def("place_labels", [](const RunHandle& h) { return place_labels(*h.model->world); })
      .def("substance_labels", [](const RunHandle& h) { return substance_labels(*h.model->world); })
      .def("summary_csv", [](const RunHandle& h) { return h.run->summary_csv(); })
      .def("observed",
           [](const RunHandle& h) {
             // Every target in the run's years, with the model's value in the target's unit.
             py::list out;
             const auto& targets = h.model->targets->targets;
             for (size_t i = 0; i < targets.size(); ++i) {
               const double model = h.target_values.at(i);
               if (std::isnan(model)) continue;
               const auto& t = targets[i];
               out.append(py::dict("indicator"_a = t.indicator, "country"_a = t.country,
                                   "year"_a = t.year, "observed"_a = t.observed, "model"_a = model,
                                   "unit"_a = t.unit, "source"_a = t.source));
             }
             return out;
           })
      .def("manifest_json", [](const RunHandle& h) { return h.run->manifest_json(); })
      .def(
          "write",
          [](const RunHandle& h, const std::string& path, bool overwrite,
             const std::string& series) {
            const auto format = series_of(series);
            const py::gil_scoped_release release;
            io::OutputRequest request;
            request.path = path;
            request.kind = "run";
            request.flag = "path";
            request.overwrite = overwrite;
            io::OutputClaim claim(request);
            h.run->write(claim.work_dir(), format);
            claim.publish();
            return claim.path();
          },
          "path"_a, "overwrite"_a = false, "series"_a = "csv");

  m.def("run", &run, "world"_a, "scenario"_a, "threads"_a = 1, "resolution"_a = "week",
        "file"_a = "", "cancel"_a = nullptr, "progress"_a = py::none(),
        "Runs a scenario in memory; releases the GIL; Ctrl-C cancels it");
}

}  // namespace narcosim::python
