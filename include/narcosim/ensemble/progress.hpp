#pragma once
// Progress of a long job: on a terminal, one bar redrawn in place (runs done, rate, ETA); in a
// log or a pipe, a plain line every tenth of the job or every 30 seconds.
#include <chrono>
#include <cstdio>
#include <string>

namespace narcosim::ensemble {

class Progress {
 public:
  // `total` runs, of which `already` were done before (a resume); `stream` is written to.
  Progress(size_t total, size_t already, std::FILE* stream, bool enabled);
  void advance(size_t runs = 1);
  // Ends the bar with a newline and a line of totals.
  void finish();
  // The bar for `done` of `total` at `rate` runs/s (exposed for tests).
  static std::string bar(size_t done, size_t total, double rate, int width);

 private:
  using Clock = std::chrono::steady_clock;
  void draw(bool force);
  size_t total_;
  size_t already_;
  size_t done_;
  std::FILE* stream_;
  bool enabled_;
  bool terminal_;
  Clock::time_point started_;
  Clock::time_point last_draw_;
  size_t last_line_done_ = 0;
};

}  // namespace narcosim::ensemble
