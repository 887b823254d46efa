// The data loaders on arbitrary files: the first byte picks one file of a copy of data/, the
// rest replaces its content; then the world (and, for the calibration files, the targets and
// the free parameters) is loaded from the copy. Bad data must be an InputError naming the
// file; nothing may crash, hang or leak.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "narcosim/calibration/free_parameters.hpp"
#include "narcosim/calibration/targets.hpp"
#include "narcosim/core/errors.hpp"
#include "narcosim/io/csv.hpp"

namespace {

const char* const kFiles[] = {
    "substances.csv",
    "nodes.csv",
    "edges.csv",
    "figures.csv",
    "dtos.csv",
    "targets.csv",
    "calibration/target_map.csv",
    "calibration/excluded_targets.csv",
    "calibration/free_parameters.csv",
};
constexpr size_t kFileCount = sizeof kFiles / sizeof kFiles[0];

// A copy of the shipped data directory, made once per process.
const std::filesystem::path& data_copy() {
  static const std::filesystem::path dir = [] {
    const auto d = narcosim::fuzz::scratch() / "data";
    std::filesystem::copy(NARCOSIM_FUZZ_DATA_DIR, d, std::filesystem::copy_options::recursive);
    return d;
  }();
  return dir;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace narcosim;
  if (size == 0) return 0;
  const size_t which = data[0] % kFileCount;
  const auto path = data_copy() / kFiles[which];
  const std::string original = read(path);
  fuzz::write(path, std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  try {
    (void)io::read_csv(path.string());
    const World world = io::load_world(data_copy().string());
    if (which >= 5) {
      const ParameterRegistry registry(world.substance_ids());
      (void)calibration::load_targets(data_copy().string(), world);
      (void)calibration::load_free_parameters(
          (data_copy() / "calibration/free_parameters.csv").string(), registry);
    }
  } catch (const InputError&) {
  }
  fuzz::write(path, original);
  return 0;
}
