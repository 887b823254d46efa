#pragma once
// What a policy type file in src/policies/types/ includes. A file NAME.cpp there defines
//   PolicyType narcosim::policy_catalog::NAME_policy()
// returning the type's name (NAME), texts, fields and effects; the build lists every file of
// that folder (CMakeLists.txt) and policy_catalog.cpp registers them.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "narcosim/model/levers.hpp"
#include "narcosim/model/policy.hpp"

namespace narcosim::policy_catalog {

// A numeric field: unit, default, range, what it means and where the default comes from.
inline PolicyField field(const char* name, const char* unit, double value, double lo, double hi,
                         const char* description, const char* source) {
  return {name, unit, value, lo, hi, description, source, {}};
}

// A named option; its value is the index of the option.
inline PolicyField choice(const char* name, std::vector<std::string> options, double value,
                          const char* description, const char* source) {
  const double last = double(options.size() - 1);
  return {name, "option", value, 0.0, last, description, source, std::move(options)};
}

}  // namespace narcosim::policy_catalog
