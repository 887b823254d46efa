// The command-line value parsers on arbitrary text: each line of the input is one flag value.
// The first byte picks the parser: --set key=value (applied to a short scenario) or --vary
// NAME[=LOWER:UPPER[:log]]. Bad values must be InputErrors at --set:N:COL or --vary:N:COL.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "narcosim/core/errors.hpp"
#include "narcosim/ensemble/run_plan.hpp"
#include "narcosim/io/scenario_parser.hpp"
#include "narcosim/model/validate.hpp"

namespace {

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  size_t begin = 0;
  while (begin < text.size()) {
    const size_t end = std::min(text.find('\n', begin), text.size());
    lines.emplace_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace narcosim;
  if (size == 0) return 0;
  static const Scenario base =
      io::parse_scenario_text("name: fuzz\nstart: 2010-01-01\nend: 2011-12-31\n", "fuzz.yaml",
                              fuzz::shipped_world(), fuzz::shipped_registry());
  const auto lines = lines_of(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  try {
    if (data[0] % 2 == 0) {
      Scenario scenario = base;
      io::apply_overrides(scenario, lines, fuzz::shipped_world(), fuzz::shipped_registry());
      // Overrides the parser accepts leave a scenario the core accepts.
      if (!validate(scenario, fuzz::shipped_world(), fuzz::shipped_registry()).empty()) {
        __builtin_trap();
      }
    } else {
      (void)ensemble::parse_varied(lines, fuzz::shipped_registry());
    }
  } catch (const InputError&) {
  }
  return 0;
}
