// The scenario parser on arbitrary files: the input is a scenario (main.yaml), optionally
// followed by a base scenario (base.yaml) and a parameters file (params.yaml) after lines
// "%%%", so `extends: base.yaml` and `parameters_from: params.yaml` reach real files, and a
// base may extend itself or main.yaml. Anything may be refused with an InputError; nothing may
// crash, hang, leak or raise another exception.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "narcosim/core/errors.hpp"
#include "narcosim/io/scenario_parser.hpp"
#include "narcosim/io/scenario_writer.hpp"
#include "narcosim/model/validate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace narcosim;
  const auto parts = fuzz::split_parts(std::string_view(reinterpret_cast<const char*>(data), size));
  const auto& dir = fuzz::scratch();
  const char* names[] = {"main.yaml", "base.yaml", "params.yaml"};
  for (size_t i = 0; i < 3; ++i) {
    std::error_code ignored;
    std::filesystem::remove(dir / names[i], ignored);
    if (i < parts.size()) fuzz::write(dir / names[i], parts[i]);
  }
  Scenario scenario;
  try {
    scenario = io::parse_scenario_file((dir / "main.yaml").string(), fuzz::shipped_world(),
                                       fuzz::shipped_registry());
  } catch (const InputError&) {
    return 0;
  }
  // What the parser accepts, the core's validation accepts too (the Engine would refuse it).
  if (!validate(scenario, fuzz::shipped_world(), fuzz::shipped_registry()).empty()) {
    __builtin_trap();
  }
  // A valid scenario round-trips: what a run writes as scenario.yaml parses again, to the same
  // text. A failure here is a finding, not a refusal.
  const auto written = io::scenario_to_yaml(scenario, fuzz::shipped_world());
  const auto again = io::parse_scenario_text(written, "scenario.yaml", fuzz::shipped_world(),
                                             fuzz::shipped_registry());
  if (io::scenario_to_yaml(again, fuzz::shipped_world()) != written) __builtin_trap();
  return 0;
}
