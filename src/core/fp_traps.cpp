#include "narcosim/core/fp_traps.hpp"

#include <fenv.h>

namespace narcosim {

namespace {
constexpr int kTrapped = FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW;
}

bool floating_point_traps_built() {
#ifdef NARCOSIM_FP_TRAPS
  return true;
#else
  return false;
#endif
}

int enabled_floating_point_traps() {
  return fegetexcept() & kTrapped;
}

FloatingPointTraps::FloatingPointTraps() {
#ifdef NARCOSIM_FP_TRAPS
  std::fegetenv(&saved_);
  // Flags raised before the scope (by parsing, say) must not fire when the traps go on.
  std::feclearexcept(FE_ALL_EXCEPT);
  feenableexcept(kTrapped);
#endif
}

FloatingPointTraps::~FloatingPointTraps() {
#ifdef NARCOSIM_FP_TRAPS
  std::fesetenv(&saved_);
#endif
}

}  // namespace narcosim
