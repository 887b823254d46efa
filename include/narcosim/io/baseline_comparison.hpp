#pragma once
// Compares a run with observed figures (data/baseline_checks.csv): coca hectares, potential
// production, US users and the price ladder. Prints model, data, ratio and source.
#include <string>
#include <vector>

#include "narcosim/run/engine.hpp"

namespace narcosim::io {

struct BaselineCheck {
  std::string indicator;
  std::vector<NodeIndex> nodes;  // values are averaged over these
  SubstanceIndex substance = 0;
  std::vector<Metric> metrics;  // values are summed over these
  bool annual_sum = false;      // else the annual mean
  int year = 0;
  double observed = 0.0;
  std::string unit;
  std::string source;
  double model_sum = 0.0;
  int model_count = 0;
  [[nodiscard]] bool has_model_value() const { return model_count > 0; }
  [[nodiscard]] double model_value() const;
};

class BaselineComparison final : public StepObserver {
 public:
  BaselineComparison(const std::string& checks_csv, const World& world);
  void on_step(const ModelState& state, const MetricTable& metrics) override;
  [[nodiscard]] const std::vector<BaselineCheck>& checks() const { return checks_; }
  // Table for the terminal; empty when the run covers none of the years.
  [[nodiscard]] std::string table() const;

 private:
  std::vector<BaselineCheck> checks_;
};

// Forwards each step to several observers.
class ObserverFanout final : public StepObserver {
 public:
  explicit ObserverFanout(std::vector<StepObserver*> observers)
      : observers_(std::move(observers)) {}
  void on_step(const ModelState& state, const MetricTable& metrics) override {
    for (auto* o : observers_) o->on_step(state, metrics);
  }

 private:
  std::vector<StepObserver*> observers_;
};

}  // namespace narcosim::io
