#pragma once
// Calendar time: a run is a sequence of fixed steps (default one week) from a start date.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace narcosim {

using Date = std::chrono::sys_days;

// Parses YYYY-MM-DD; nullopt if malformed or not a real date (2013-02-30).
std::optional<Date> parse_iso_date(std::string_view text);
std::string format_iso_date(Date date);
int year_of(Date date);

constexpr double kDaysPerYear = 365.25;

class Calendar {
 public:
  Calendar(Date start, Date end, int step_days);
  [[nodiscard]] int step_count() const { return step_count_; }
  [[nodiscard]] int step_days() const { return step_days_; }
  [[nodiscard]] Date start() const { return start_; }
  [[nodiscard]] Date end() const { return end_; }
  [[nodiscard]] Date date_of_step(int step) const;
  // First step whose start date is on or after `date` (step_count() if after the run).
  [[nodiscard]] int step_at_or_after(Date date) const;
  // Fraction of a year covered by one step: converts annual rates to per-step ones.
  [[nodiscard]] double years_per_step() const { return step_days_ / kDaysPerYear; }

 private:
  Date start_;
  Date end_;
  int step_days_;
  int step_count_;
};

// Probability that an event with annual hazard `rate_per_year` happens within `years`.
double probability_from_rate(double rate_per_year, double years);

}  // namespace narcosim
