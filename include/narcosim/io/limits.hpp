#pragma once
// Bounds on what narcosim accepts as input. Each is far above any real use (the reason is
// given) and far below what would exhaust a laptop: a careless or hostile input gets a clear
// message and exit code 2 instead of filling memory or disk. docs/reliability.md lists them.
#include <cstddef>
#include <cstdint>

namespace narcosim::io::limits {

// Scenario and parameters files. The shipped baseline is 13 KB for about 40 commented
// policies, so 10,000 such policies fit; yaml-cpp needs about 70 bytes of memory per byte of
// YAML (an 8 MiB file took 560 MB), so this caps a file's parse at about 300 MB.
inline constexpr size_t kScenarioFileBytes = size_t(4) << 20;
// A chain of `extends:` files. The shipped scenarios use one level.
inline constexpr int kExtendsDepth = 16;
// Policies of a resolved scenario (a base and its children). The baseline has about 40.
inline constexpr size_t kPolicies = 10000;
// Nesting of YAML collections in a scenario: the format needs 4 levels.
inline constexpr int kYamlDepth = 64;

// World data files (data/*.csv). figures.csv, the largest, is about 200 KB.
inline constexpr size_t kDataFileBytes = size_t(64) << 20;
// Other files narcosim reads (a --vary-file, a --docs Markdown file, a manifest).
inline constexpr size_t kSmallFileBytes = size_t(16) << 20;

// Problems kept (and printed) from one input; the rest are counted.
inline constexpr size_t kDiagnostics = 100;

// The run's period: the model starts from the world of c.2010 (data/) and its policy history
// from 1990; projections beyond 2100 are not meaningful.
inline constexpr int kFirstRunYear = 1990;
inline constexpr int kLastYear = 2100;
// Policy dates may lie before the run (history in force from its first step).
inline constexpr int kFirstPolicyYear = 1900;
// Steps of one run: 2010-2030 in daily steps is 7,305; 10,000 steps write about 4 GB of
// timeseries.csv.
inline constexpr long kSteps = 10000;

// Seeds: one range everywhere (scenario files, --seed, --set seed=, ensembles' last seed).
inline constexpr uint64_t kMaxSeed = 4294967295ULL;

// Runs of one ensemble, comparison or screening (1,000 take about 4 minutes on 2 cores).
inline constexpr size_t kRuns = 1000000;

}  // namespace narcosim::io::limits
