// Scenarios as JSON (io/scenario_json.hpp), as a Python dict or a server request brings them:
// arbitrary text, written into YAML for the scenario parser. Anything may be refused with an
// InputError; nothing may crash, hang, leak or raise another exception, and what is accepted
// is valid and round-trips through scenario_to_json.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "narcosim/core/errors.hpp"
#include "narcosim/io/scenario_json.hpp"
#include "narcosim/model/validate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace narcosim;
  const std::string text(reinterpret_cast<const char*>(data), size);
  Scenario scenario;
  try {
    scenario =
        io::parse_scenario_json(text, "request", fuzz::shipped_world(), fuzz::shipped_registry());
  } catch (const InputError&) {
    return 0;
  }
  if (!validate(scenario, fuzz::shipped_world(), fuzz::shipped_registry()).empty()) {
    __builtin_trap();
  }
  const auto written = io::scenario_to_json(scenario, fuzz::shipped_world());
  const auto again =
      io::parse_scenario_json(written, "again", fuzz::shipped_world(), fuzz::shipped_registry());
  if (io::scenario_to_json(again, fuzz::shipped_world()) != written) __builtin_trap();
  return 0;
}
