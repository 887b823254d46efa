#pragma once
// Floating-point traps for checking builds (the debug and sanitize presets, NARCOSIM_FP_TRAPS):
// inside the model's arithmetic, an invalid operation (0/0, inf - inf, the square root of a
// negative number, an ordered comparison with NaN), a division by zero or an overflow stops the
// process with SIGFPE where it happens, instead of a NaN or an infinity surfacing steps later
// in an output. The scope is the model only: outside it, NaN legitimately marks what does not
// apply and is formatted and compared by libraries (fmt compares NaN with >=), and user text
// such as "1e999" legitimately overflows while it is parsed and refused.
#include <cfenv>

namespace narcosim {

// Whether this build traps (NARCOSIM_FP_TRAPS).
bool floating_point_traps_built();

// The traps enabled on the calling thread (a mask of FE_INVALID, FE_DIVBYZERO, FE_OVERFLOW).
int enabled_floating_point_traps();

// Turns the traps on for the calling thread for its lifetime (in builds with the traps), then
// restores the thread's floating-point environment. Engine::run holds one, and so does each
// task of the parallel agent loop, on whatever thread runs it.
class FloatingPointTraps {
 public:
  FloatingPointTraps();
  FloatingPointTraps(const FloatingPointTraps&) = delete;
  FloatingPointTraps& operator=(const FloatingPointTraps&) = delete;
  ~FloatingPointTraps();

 private:
  [[maybe_unused]] std::fenv_t saved_{};  // used in builds with the traps
};

}  // namespace narcosim
