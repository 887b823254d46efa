// Many runs: paired comparisons, ensembles and Morris screenings, on threads in this process,
// kept in memory or written to a directory as the CLI writes it. Aggregates cross to Python as
// the CSV text the CLI writes (the same numbers, read by pandas), headline rows as dicts.
#include <pybind11/stl.h>

#include <atomic>

#include "common.hpp"
#include "narcosim/calibration/free_parameters.hpp"
#include "narcosim/core/errors.hpp"
#include "narcosim/ensemble/ensemble.hpp"
#include "narcosim/ensemble/paired.hpp"
#include "narcosim/ensemble/plans.hpp"
#include "narcosim/ensemble/quantiles.hpp"
#include "narcosim/ensemble/sensitivity_report.hpp"

namespace narcosim::python {

using namespace pybind11::literals;

namespace {

// Where an ensemble writes (nothing when `out` is empty) and how it reports and stops.
struct Work {
  std::string out;
  bool overwrite = false;
  bool resume = false;
  int jobs = 1;
  std::shared_ptr<CancelToken> cancel;
  py::object progress;
};

void require_jobs(int jobs) {
  if (jobs < 1 || jobs > 1024) {
    throw InputError(SourceLocation{"jobs", 0, 0},
                     "jobs: expected a whole number in [1, 1024], found " + std::to_string(jobs));
  }
}

// Runs `body` (which calls run_ensemble with `settings`) off the Python thread, with progress
// and Ctrl-C.
void run_work(Work& work, const std::string& kind, ensemble::EnsembleSettings& settings,
              const std::function<void()>& body) {
  require_jobs(work.jobs);
  if (!work.cancel) work.cancel = std::make_shared<CancelToken>();
  settings.out_dir = work.out;
  settings.kind = kind;
  settings.overwrite = work.overwrite;
  settings.resume = work.resume;
  settings.runner.jobs = work.jobs;
  settings.runner.cancel = work.cancel;
  settings.command_line = "python: narcosim." + kind;
  std::atomic<size_t> done{0}, total{0};
  settings.on_progress = [&](const ensemble::EnsembleProgress& p) {
    total.store(p.total, std::memory_order_relaxed);
    done.store(p.done, std::memory_order_relaxed);
  };
  std::function<void()> poll;
  if (!work.progress.is_none()) poll = [&] { work.progress(done.load(), total.load()); };
  run_interruptibly(body, *work.cancel, poll);
}

py::list headline_rows(const std::vector<ensemble::HeadlineRow>& rows) {
  py::list out;
  for (const auto& r : rows) {
    out.append(
        py::dict("label"_a = r.label, "metrics"_a = r.metrics, "pairs"_a = r.pairs,
                 "a_median"_a = r.a_median, "b_median"_a = r.b_median,
                 "difference_median"_a = r.difference_median, "difference_q05"_a = r.difference_q05,
                 "difference_q95"_a = r.difference_q95, "relative_median"_a = r.relative_median,
                 "probability_lower"_a = r.probability_lower));
  }
  return out;
}

py::dict compare(const std::shared_ptr<Model>& model, Scenario a, Scenario b, int runs, Work work) {
  const auto plan = ensemble::paired_plan(std::move(a), std::move(b), runs, "");
  ensemble::EnsembleSettings settings;
  ensemble::PairedComparison comparison;
  run_work(work, "paired-comparison", settings, [&] {
    const ensemble::Cluster cluster;
    comparison = ensemble::run_paired_comparison(model->world, plan, cluster, settings);
  });
  const World& world = *model->world;
  return py::dict(
      "a"_a = plan.scenarios.at(0).name, "b"_a = plan.scenarios.at(1).name, "runs"_a = runs,
      "seed"_a = plan.base_seed, "scale"_a = plan.scenarios.at(0).scale,
      "paired_csv"_a = ensemble::paired_differences_csv(comparison.pairs, world),
      "headline_text"_a = comparison.headline,
      "headline"_a = headline_rows(ensemble::paired_headline_rows(comparison.pairs, world)),
      "quantiles_csv"_a = ensemble::quantiles_csv(comparison.outcome.distributions, plan, world),
      "wall_seconds"_a = comparison.outcome.wall_seconds);
}

py::dict run_ensemble(const std::shared_ptr<Model>& model, Scenario scenario, int runs, int samples,
                      const std::string& design, int levels, const std::vector<std::string>& vary,
                      Work work) {
  ensemble::EnsembleDesign d;
  d.design = design;
  d.runs = runs;
  d.samples = samples;
  d.levels = levels;
  if (!vary.empty()) {
    d.varied = ensemble::parse_varied(vary, *model->registry);
  } else if (samples > 1 || design == "grid") {
    // As the CLI: the calibration's free parameters with their prior ranges.
    d.varied = calibration::load_free_parameters(
        model->data_dir + "/calibration/free_parameters.csv", *model->registry);
  }
  const auto plan = ensemble::ensemble_plan(std::move(scenario), d, "");
  ensemble::EnsembleSettings settings;
  ensemble::EnsembleOutcome outcome;
  run_work(work, "ensemble", settings, [&] {
    const ensemble::Cluster cluster;
    outcome = ensemble::run_ensemble(model->world, plan, cluster, settings);
  });
  py::list parameters;
  for (const auto& p : plan.varied) parameters.append(p.name);
  py::list samples_out;
  for (const auto& sample : plan.samples) samples_out.append(py::cast(sample));
  return py::dict(
      "quantiles_csv"_a = ensemble::quantiles_csv(outcome.distributions, plan, *model->world),
      "summary"_a = outcome.summary, "runs"_a = plan.runs.size(), "parameters"_a = parameters,
      "samples"_a = samples_out, "wall_seconds"_a = outcome.wall_seconds);
}

py::dict sensitivity(const std::shared_ptr<Model>& model, Scenario scenario, int trajectories,
                     int levels, int replicates, const std::vector<std::string>& vary,
                     const std::string& outputs, int year, Work work) {
  const auto screened = ensemble::parse_screened_outputs(outputs, "outputs");
  auto varied =
      ensemble::parse_varied(vary.empty() ? std::vector<std::string>{"*"} : vary, *model->registry);
  const int screened_year = ensemble::screened_year(scenario, year, "year");
  const auto screening = ensemble::screening_plan(std::move(scenario), std::move(varied),
                                                  trajectories, levels, replicates, "");
  ensemble::EnsembleSettings settings;  // keeps the Americas only, as the CLI by default
  ensemble::ScreeningReport report;
  run_work(work, "sensitivity", settings, [&] {
    const ensemble::Cluster cluster;
    report = ensemble::run_screening(
        model->world, screening.plan,
        ensemble::ScreeningRequest{screening.design, screened, screened_year, 15}, cluster,
        settings);
  });
  return py::dict("csv"_a = ensemble::sensitivity_csv(report),
                  "summary"_a = ensemble::sensitivity_summary(report, 10),
                  "markdown"_a = ensemble::sensitivity_markdown(report, 15), "runs"_a = report.runs,
                  "year"_a = report.year);
}

Work work_of(const std::string& out, bool overwrite, bool resume, int jobs,
             std::shared_ptr<CancelToken> cancel, py::object progress) {
  return Work{out, overwrite, resume, jobs, std::move(cancel), std::move(progress)};
}

}  // namespace

void bind_ensembles(py::module_& m) {
  m.def(
      "compare",
      [](const std::shared_ptr<Model>& model, Scenario a, Scenario b, int runs, int jobs,
         const std::string& out, bool overwrite, bool resume, std::shared_ptr<CancelToken> cancel,
         py::object progress) {
        return compare(
            model, std::move(a), std::move(b), runs,
            work_of(out, overwrite, resume, jobs, std::move(cancel), std::move(progress)));
      },
      "world"_a, "a"_a, "b"_a, "runs"_a, "jobs"_a = 1, "out"_a = "", "overwrite"_a = false,
      "resume"_a = false, "cancel"_a = nullptr, "progress"_a = py::none());
  m.def(
      "ensemble",
      [](const std::shared_ptr<Model>& model, Scenario scenario, int runs, int samples,
         const std::string& design, int levels, const std::vector<std::string>& vary, int jobs,
         const std::string& out, bool overwrite, bool resume, std::shared_ptr<CancelToken> cancel,
         py::object progress) {
        return run_ensemble(
            model, std::move(scenario), runs, samples, design, levels, vary,
            work_of(out, overwrite, resume, jobs, std::move(cancel), std::move(progress)));
      },
      "world"_a, "scenario"_a, "runs"_a, "samples"_a = 1, "design"_a = "lhs", "levels"_a = 0,
      "vary"_a = std::vector<std::string>{}, "jobs"_a = 1, "out"_a = "", "overwrite"_a = false,
      "resume"_a = false, "cancel"_a = nullptr, "progress"_a = py::none());
  m.def(
      "sensitivity",
      [](const std::shared_ptr<Model>& model, Scenario scenario, int trajectories, int levels,
         int replicates, const std::vector<std::string>& vary, const std::string& outputs, int year,
         int jobs, const std::string& out, bool overwrite, bool resume,
         std::shared_ptr<CancelToken> cancel, py::object progress) {
        return sensitivity(
            model, std::move(scenario), trajectories, levels, replicates, vary, outputs, year,
            work_of(out, overwrite, resume, jobs, std::move(cancel), std::move(progress)));
      },
      "world"_a, "scenario"_a, "trajectories"_a, "levels"_a = 4, "replicates"_a = 1,
      "vary"_a = std::vector<std::string>{}, "outputs"_a = ensemble::kDefaultScreenedOutputs,
      "year"_a = 0, "jobs"_a = 1, "out"_a = "", "overwrite"_a = false, "resume"_a = false,
      "cancel"_a = nullptr, "progress"_a = py::none());
}

}  // namespace narcosim::python
