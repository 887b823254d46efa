#pragma once
// Bounds on what narcosim accepts as input. Each is far above any real use (the reason is
// given) and far below what would exhaust a laptop: a careless or hostile input gets a clear
// message and exit code 2 instead of filling memory or disk. docs/reliability.md lists them.
#include <cstddef>
#include <cstdint>

#include "narcosim/model/scenario_limits.hpp"

namespace narcosim::io::limits {

// What a scenario may ask of the model (checked by the core's validate()).
using narcosim::limits::kFirstPolicyYear;
using narcosim::limits::kFirstRunYear;
using narcosim::limits::kLastYear;
using narcosim::limits::kMaxSeed;
using narcosim::limits::kPolicies;
using narcosim::limits::kSteps;

// Scenario and parameters files. The shipped baseline is 13 KB for about 40 commented
// policies, so 10,000 such policies fit; yaml-cpp needs about 70 bytes of memory per byte of
// YAML (an 8 MiB file took 560 MB), so this caps a file's parse at about 300 MB.
inline constexpr size_t kScenarioFileBytes = size_t(4) << 20;
// A chain of `extends:` files. The shipped scenarios use one level.
inline constexpr int kExtendsDepth = 16;
// Nesting of YAML collections in a scenario: the format needs 4 levels.
inline constexpr int kYamlDepth = 64;

// World data files (data/*.csv). figures.csv, the largest, is about 200 KB.
inline constexpr size_t kDataFileBytes = size_t(64) << 20;
// Other files narcosim reads (a --vary-file, a --docs Markdown file, a manifest).
inline constexpr size_t kSmallFileBytes = size_t(16) << 20;

// Problems kept (and printed) from one input; the rest are counted.
inline constexpr size_t kDiagnostics = 100;

// Runs of one ensemble, comparison or screening (1,000 take about 4 minutes on 2 cores).
inline constexpr size_t kRuns = 1000000;

}  // namespace narcosim::io::limits
