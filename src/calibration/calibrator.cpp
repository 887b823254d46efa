#include "narcosim/calibration/calibrator.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <nlopt.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "narcosim/core/errors.hpp"
#include "narcosim/io/files.hpp"
#include "narcosim/io/limits.hpp"
#include "narcosim/io/scenario_writer.hpp"
#include "narcosim/run/engine.hpp"

namespace narcosim::calibration {

namespace {

using Clock = std::chrono::steady_clock;

Date first_of_january(int year) {
  return std::chrono::year_month_day{std::chrono::year{year}, std::chrono::January,
                                     std::chrono::day{1}};
}

Date last_of_december(int year) {
  return std::chrono::year_month_day{std::chrono::year{year}, std::chrono::December,
                                     std::chrono::day{31}};
}

// FNV-1a: a stable digest for the checkpoint fingerprint (std::hash is not stable across
// library versions).
uint64_t fnv1a(const std::string& text) {
  uint64_t h = 1469598103934665603ULL;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

nlopt::algorithm algorithm_by_name(const std::string& name) {
  if (name == "bobyqa") return nlopt::LN_BOBYQA;
  if (name == "sbplx") return nlopt::LN_SBPLX;
  if (name == "neldermead") return nlopt::LN_NELDERMEAD;
  throw InputError(
      SourceLocation{"--algorithm", 0, 0},
      fmt::format("unknown algorithm '{}'; expected bobyqa, sbplx or neldermead", name));
}

nlohmann::json to_json(const Evaluation& e) {
  return {{"unit", e.unit},
          {"loss", e.fit.loss},
          {"within_1_5", e.fit.within_1_5},
          {"within_2", e.fit.within_2},
          {"count", e.fit.count},
          {"seconds", e.seconds}};
}

Evaluation evaluation_from_json(const nlohmann::json& j) {
  Evaluation e;
  e.unit = j.at("unit").get<std::vector<double>>();
  e.fit.loss = j.at("loss").get<double>();
  e.fit.within_1_5 = j.at("within_1_5").get<double>();
  e.fit.within_2 = j.at("within_2").get<double>();
  e.fit.count = j.at("count").get<size_t>();
  e.seconds = j.at("seconds").get<double>();
  return e;
}

std::vector<Evaluation> read_checkpoint(const std::string& path, const std::string& fingerprint) {
  if (!std::filesystem::exists(path)) return {};
  const auto text = io::read_regular_file(path, io::limits::kSmallFileBytes, "checkpoint");
  try {
    const auto j = nlohmann::json::parse(text);
    if (j.value("fingerprint", std::string()) != fingerprint) {
      throw InputError(SourceLocation{path, 0, 0},
                       "checkpoint was written for other settings, free parameters, targets or "
                       "baseline; drop --resume and pass --overwrite to start over");
    }
    std::vector<Evaluation> out;
    for (const auto& e : j.at("evaluations")) out.push_back(evaluation_from_json(e));
    return out;
  } catch (const nlohmann::json::exception& e) {
    throw InputError(SourceLocation{path, 0, 0},
                     fmt::format("checkpoint is not a narcosim checkpoint ({}); drop --resume "
                                 "and pass --overwrite to start over",
                                 e.what()));
  }
}

void write_checkpoint(const std::string& path, const std::string& fingerprint,
                      const std::vector<Evaluation>& evaluations) {
  nlohmann::json j;
  j["fingerprint"] = fingerprint;
  j["evaluations"] = nlohmann::json::array();
  for (const auto& e : evaluations) j["evaluations"].push_back(to_json(e));
  io::write_file_atomically(path,
                            j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

double quantile_of(std::vector<double> values, double q) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }),
               values.end());
  if (values.empty()) return std::nan("");
  std::sort(values.begin(), values.end());
  const double position = q * double(values.size() - 1);
  const auto below = size_t(std::floor(position));
  const size_t above = std::min(below + 1, values.size() - 1);
  const double frac = position - double(below);
  return values[below] + frac * (values[above] - values[below]);
}

}  // namespace

std::vector<double> Replicates::mean() const {
  if (runs.empty()) return {};
  std::vector<double> out(runs.front().size(), 0.0);
  for (const auto& run : runs) {
    for (size_t i = 0; i < out.size(); ++i) out[i] += run[i];
  }
  for (auto& v : out) v /= double(runs.size());
  return out;
}

std::vector<double> Replicates::quantile(double q) const {
  if (runs.empty()) return {};
  std::vector<double> out(runs.front().size());
  std::vector<double> column(runs.size());
  for (size_t i = 0; i < out.size(); ++i) {
    for (size_t r = 0; r < runs.size(); ++r) column[r] = runs[r][i];
    out[i] = quantile_of(column, q);
  }
  return out;
}

Calibrator::Calibrator(std::shared_ptr<const World> world, Scenario baseline, TargetSet targets,
                       std::vector<FreeParameter> free, CalibrationSettings settings)
    : world_(std::move(world)),
      baseline_(std::move(baseline)),
      targets_(std::move(targets)),
      free_(std::move(free)),
      settings_(std::move(settings)) {
  // The free parameters are set by the calibration; whatever the baseline says of them (the
  // previous fit, through parameters_from) must not leak into the search.
  std::erase_if(baseline_.parameters, [this](const auto& entry) {
    return std::any_of(free_.begin(), free_.end(),
                       [&entry](const FreeParameter& p) { return p.name == entry.first; });
  });
  baseline_.start = first_of_january(settings_.first_year);
  baseline_.scale = settings_.scale;
  if (settings_.fit_seeds.empty()) {
    throw InputError(SourceLocation{"--seeds", 0, 0}, "need at least one seed");
  }
  algorithm_by_name(settings_.algorithm);  // validates the name before any run
}

std::vector<size_t> Calibrator::calibration_targets() const {
  return targets_.in_years(settings_.first_year, settings_.fit_last_year);
}

std::vector<size_t> Calibrator::out_of_sample_targets() const {
  return targets_.in_years(settings_.fit_last_year + 1, settings_.last_year);
}

std::string Calibrator::fingerprint() const {
  std::string text =
      fmt::format("years {} {} {}; seeds {}; scale {}; evaluations {}; {};", settings_.first_year,
                  settings_.fit_last_year, settings_.last_year, fmt::join(settings_.fit_seeds, ","),
                  settings_.scale, settings_.max_evaluations, settings_.algorithm);
  for (const auto& p : free_) {
    text += fmt::format(" {} [{}, {}] {};", p.name, p.lower, p.upper, p.log_scale ? "log" : "lin");
  }
  std::string targets;
  for (const auto& t : targets_.targets) {
    targets +=
        fmt::format("{},{},{},{},{}\n", t.indicator, t.country, t.year, t.observed, t.group_weight);
  }
  return fmt::format("{} targets {:016x}; baseline {:016x}", text, fnv1a(targets),
                     fnv1a(io::scenario_to_yaml(baseline_, *world_)));
}

std::vector<double> Calibrator::run_once(const std::vector<double>& values, uint64_t seed,
                                         int last_year) const {
  Scenario scenario = baseline_;
  scenario.seed = seed;
  scenario.end = last_of_december(last_year);
  for (size_t i = 0; i < free_.size(); ++i)
    scenario.parameters.emplace_back(free_[i].name, values[i]);
  Engine engine(world_, scenario, EngineOptions::with_threads(1));
  TargetRecorder recorder(targets_);
  engine.run(&recorder);
  return recorder.values();
}

Replicates Calibrator::replicate(const std::vector<double>& values,
                                 const std::vector<uint64_t>& seeds, int last_year) const {
  if (executor_) return executor_(ReplicateRequest{values, seeds, last_year});
  Replicates out;
  for (const uint64_t seed : seeds) out.runs.push_back(run_once(values, seed, last_year));
  return out;
}

CalibrationResult Calibrator::run(const std::string& checkpoint_path, const Progress& progress) {
  const auto started = Clock::now();
  const std::string print = fingerprint();
  const auto replay =
      checkpoint_path.empty() ? std::vector<Evaluation>{} : read_checkpoint(checkpoint_path, print);
  const auto fit_targets = calibration_targets();
  if (fit_targets.empty()) {
    throw InputError(SourceLocation{"targets.csv", 0, 0},
                     fmt::format("no calibration targets in {}-{}", settings_.first_year,
                                 settings_.fit_last_year));
  }
  CalibrationResult result;
  std::exception_ptr failure;
  auto values_of = [this](const std::vector<double>& unit) {
    std::vector<double> values(free_.size());
    for (size_t i = 0; i < free_.size(); ++i) values[i] = free_[i].from_unit(unit[i]);
    return values;
  };
  auto objective = [&](const std::vector<double>& unit) -> double {
    const size_t done = result.evaluations.size();
    bool replayed = false;
    Evaluation e;
    if (done < replay.size()) {
      // The optimiser is deterministic: given the same losses it asks for the same points.
      if (replay[done].unit != unit) {
        throw InputError(SourceLocation{checkpoint_path, 0, 0},
                         fmt::format("checkpoint diverges at evaluation {}: the optimiser asked "
                                     "for another point (the model changed?); remove it to "
                                     "start over",
                                     done + 1));
      }
      e = replay[done];
      replayed = true;
      ++result.resumed_evaluations;
    } else {
      const auto t0 = Clock::now();
      e.unit = unit;
      const auto reps = replicate(values_of(unit), settings_.fit_seeds, settings_.fit_last_year);
      e.fit = score(targets_, fit_targets, reps.mean());
      e.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    }
    result.evaluations.push_back(e);
    if (!replayed && !checkpoint_path.empty()) {
      write_checkpoint(checkpoint_path, print, result.evaluations);
    }
    if (e.fit.loss < result.evaluations[result.best].fit.loss) {
      result.best = result.evaluations.size() - 1;
    }
    if (progress) {
      progress(e, result.evaluations[result.best], int(result.evaluations.size()),
               settings_.max_evaluations, replayed);
    }
    return e.fit.loss;
  };

  const size_t n = free_.size();
  nlopt::opt optimiser(algorithm_by_name(settings_.algorithm), unsigned(n));
  optimiser.set_lower_bounds(std::vector<double>(n, 0.0));
  optimiser.set_upper_bounds(std::vector<double>(n, 1.0));
  optimiser.set_maxeval(settings_.max_evaluations);
  // A quarter of each prior range: the loss carries sampling noise of about 0.01 between nearby
  // points (4 seeds at scale 0.01; 8 seeds, the default, cut it by about 1.4), so the first sweep
  // must take steps whose effect stands out of it; a first calibration with a tenth stopped where
  // it started. Steps below a hundredth of a range are below that noise too.
  optimiser.set_initial_step(std::vector<double>(n, 0.25));
  optimiser.set_xtol_abs(1e-2);
  struct Context {
    decltype(objective)* f;
    std::exception_ptr* failure;
  } context{&objective, &failure};
  optimiser.set_min_objective(
      [](const std::vector<double>& x, std::vector<double>& /*grad*/, void* data) -> double {
        auto* c = static_cast<Context*>(data);
        try {
          return (*c->f)(x);
        } catch (...) {
          *c->failure = std::current_exception();
          throw nlopt::forced_stop();
        }
      },
      &context);
  std::vector<double> x(n);
  for (size_t i = 0; i < n; ++i) x[i] = free_[i].to_unit(free_[i].start);
  double minimum = 0.0;
  try {
    optimiser.optimize(x, minimum);
  } catch (const nlopt::forced_stop&) {
    // rethrown below with the real reason
  } catch (const nlopt::roundoff_limited&) {
    // Converged as far as the noise allows: the best point so far is the result.
  }
  if (failure) std::rethrow_exception(failure);
  if (result.evaluations.empty()) throw std::runtime_error("the optimiser evaluated nothing");

  const auto& best = result.evaluations[result.best];
  result.fitted = values_of(best.unit);
  // Seeds the optimiser never saw: the bands are not tuned to the fit's own random numbers.
  std::vector<uint64_t> report_seeds(size_t(std::max(0, settings_.report_seeds)));
  for (size_t r = 0; r < report_seeds.size(); ++r) report_seeds[r] = 1001 + r;
  std::vector<double> start(n);
  for (size_t i = 0; i < n; ++i) start[i] = free_[i].start;
  result.prior = replicate(start, report_seeds, settings_.last_year);
  result.posterior = replicate(result.fitted, report_seeds, settings_.last_year);
  result.wall_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return result;
}

}  // namespace narcosim::calibration
