#include "narcosim/core/calendar.hpp"

#include <fmt/format.h>
#include <cmath>

namespace narcosim {

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](size_t from, size_t count) -> std::optional<int> {
    int value = 0;
    for (size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  auto y = digits(0, 4);
  auto m = digits(5, 2);
  auto d = digits(8, 2);
  if (!y || !m || !d) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{unsigned(*m)},
                                  std::chrono::day{unsigned(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{ymd};
}

std::string format_iso_date(Date date) {
  std::chrono::year_month_day ymd{date};
  return fmt::format("{:04d}-{:02d}-{:02d}", int(ymd.year()), unsigned(ymd.month()),
                     unsigned(ymd.day()));
}

int year_of(Date date) {
  return int(std::chrono::year_month_day{date}.year());
}

Calendar::Calendar(Date start, Date end, int step_days)
    : start_(start), end_(end), step_days_(step_days) {
  const auto days = (end - start).count() + 1;  // the end date is inclusive
  step_count_ = days <= 0 ? 0 : int((days + step_days - 1) / step_days);
}

Date Calendar::date_of_step(int step) const {
  return start_ + std::chrono::days{int64_t(step) * step_days_};
}

int Calendar::step_at_or_after(Date date) const {
  if (date <= start_) return 0;
  const auto days = (date - start_).count();
  const int step = int((days + step_days_ - 1) / step_days_);
  return step > step_count_ ? step_count_ : step;
}

double probability_from_rate(double rate_per_year, double years) {
  return 1.0 - std::exp(-rate_per_year * years);
}

}  // namespace narcosim
