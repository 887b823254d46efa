#include "narcosim/ensemble/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>

namespace narcosim::ensemble {

namespace {

std::string duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const auto s = static_cast<long long>(std::llround(seconds));
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

}  // namespace

Progress::Progress(size_t total, size_t already, std::FILE* stream, bool enabled)
    : total_(total),
      already_(already),
      done_(already),
      stream_(stream),
      enabled_(enabled),
      terminal_(isatty(fileno(stream)) != 0),
      started_(Clock::now()),
      last_draw_(started_) {}

std::string Progress::bar(size_t done, size_t total, double rate, int width) {
  const double share = total > 0 ? double(done) / double(total) : 1.0;
  const int filled = int(std::lround(share * width));
  const double eta = rate > 0 ? double(total - done) / rate : std::nan("");
  return fmt::format("[{}{}] {}/{} runs  {:.2f} runs/s  ETA {}", std::string(size_t(filled), '#'),
                     std::string(size_t(width - filled), '.'), done, total, rate,
                     done == total ? std::string("0s") : duration(eta));
}

void Progress::advance(size_t runs) {
  done_ += runs;
  draw(false);
}

void Progress::draw(bool force) {
  if (!enabled_) return;
  const auto now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  const double rate = elapsed > 0 ? double(done_ - already_) / elapsed : 0.0;
  if (terminal_) {
    if (!force && now - last_draw_ < std::chrono::milliseconds(200) && done_ < total_) return;
    fmt::print(stream_, "\r{}", bar(done_, total_, rate, 30));
    std::fflush(stream_);
  } else {
    const size_t tenth = std::max<size_t>(1, total_ / 10);
    const bool due =
        done_ - last_line_done_ >= tenth || now - last_draw_ > std::chrono::seconds(30);
    if (!force && !due) return;
    fmt::print(stream_, "  {}/{} runs, {:.2f} runs/s, ETA {}\n", done_, total_, rate,
               duration(rate > 0 ? double(total_ - done_) / rate : std::nan("")));
    last_line_done_ = done_;
  }
  last_draw_ = now;
}

void Progress::finish() {
  if (!enabled_) return;
  if (terminal_) {
    draw(true);
    fmt::print(stream_, "\n");
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - started_).count();
  fmt::print(stream_, "  {} runs in {} ({} from before)\n", done_ - already_, duration(elapsed),
             already_);
}

}  // namespace narcosim::ensemble
