#include <fmt/format.h>

#include <map>
#include <stdexcept>
#include <string>

#include "narcosim/model/module.hpp"

namespace narcosim {

#define NARCOSIM_MODULE(name) const ModuleSpec& name##_module();
#include "module_list.inc"
#undef NARCOSIM_MODULE

std::string_view to_string(StatePart part) {
  static constexpr std::string_view kNames[] = {
      "farmers",       "sources", "user_groups", "markets",      "routes",    "batches",
      "organizations", "workers", "levers",      "flows",        "ledger",    "justice",
      "violence",      "labour",  "money",       "reinvestment", "corruption"};
  static_assert(std::size(kNames) == kStatePartCount);
  return kNames[size_t(part)];
}

const std::vector<const ModuleSpec*>& module_catalog() {
  static const std::vector<const ModuleSpec*> catalog = [] {
    std::vector<const ModuleSpec*> specs = {
#define NARCOSIM_MODULE(name) &name##_module(),
#include "module_list.inc"
#undef NARCOSIM_MODULE
    };
    check_declarations(specs);
    return specs;
  }();
  return catalog;
}

void check_declarations(const std::vector<const ModuleSpec*>& specs) {
  (void)module_order(specs, Phase::initialize);
  (void)module_order(specs, Phase::step);
  std::map<uint32_t, std::string_view> stream_owner;
  std::map<Metric, std::string_view> metric_owner;
  for (const auto metric : core_metrics()) metric_owner.emplace(metric, "the core");
  for (const auto* spec : specs) {
    for (const auto& declared : spec->streams) {
      const auto number = uint32_t(declared.stream);
      if (number == uint32_t(Stream::initial_population) || number == 0 || number > kMaxStream) {
        throw std::logic_error(
            fmt::format("module {} declares random stream {} ({}): a module's stream is 2 to {}",
                        spec->name, declared.name, number, kMaxStream));
      }
      const auto [owner, fresh] = stream_owner.emplace(number, spec->name);
      if (!fresh) {
        throw std::logic_error(fmt::format("random stream {} is declared by {} and by {}", number,
                                           owner->second, spec->name));
      }
    }
    if (!spec->metrics.empty() && spec->report == nullptr) {
      throw std::logic_error(
          fmt::format("module {} declares metrics but no report function", spec->name));
    }
    for (const auto metric : spec->metrics) {
      const auto [owner, fresh] = metric_owner.emplace(metric, spec->name);
      if (!fresh) {
        throw std::logic_error(fmt::format("metric {} is reported by {} and by {}",
                                           info(metric).name, owner->second, spec->name));
      }
    }
  }
}

const ModuleSpec* find_module(std::string_view name) {
  for (const auto* spec : module_catalog()) {
    if (spec->name == name) return spec;
  }
  return nullptr;
}

std::vector<const ModuleSpec*> module_order(const std::vector<const ModuleSpec*>& specs,
                                            Phase phase) {
  const auto index_of = [&](std::string_view name) {
    for (size_t i = 0; i < specs.size(); ++i) {
      if (specs[i]->name == name) return i;
    }
    throw std::logic_error(
        fmt::format("a module declares it comes after '{}', which is not "
                    "registered (src/modules/module_list.inc)",
                    name));
  };
  // Kahn's algorithm, taking the first module in `specs` order whose predecessors are placed.
  std::vector<std::vector<size_t>> before(specs.size());
  for (size_t i = 0; i < specs.size(); ++i) {
    const auto& after = phase == Phase::step ? specs[i]->step_after : specs[i]->initialize_after;
    for (const auto name : after) before[i].push_back(index_of(name));
  }
  std::vector<bool> placed(specs.size(), false);
  std::vector<const ModuleSpec*> order;
  while (order.size() < specs.size()) {
    bool progressed = false;
    for (size_t i = 0; i < specs.size() && !progressed; ++i) {
      if (placed[i]) continue;
      bool ready = true;
      for (const size_t b : before[i]) ready = ready && placed[b];
      if (!ready) continue;
      placed[i] = true;
      order.push_back(specs[i]);
      progressed = true;
    }
    if (!progressed) {
      std::string stuck;
      for (size_t i = 0; i < specs.size(); ++i) {
        if (!placed[i]) stuck += (stuck.empty() ? "" : ", ") + std::string(specs[i]->name);
      }
      throw std::logic_error(
          fmt::format("the modules {} wait for each other to {} (a cycle in "
                      "their declarations)",
                      stuck, phase == Phase::step ? "step" : "initialise"));
    }
  }
  return order;
}

}  // namespace narcosim
