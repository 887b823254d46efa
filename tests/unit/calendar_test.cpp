// Dates and the step calendar: strict ISO parsing and the inclusive-end step arithmetic.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

#include "narcosim/core/calendar.hpp"

namespace narcosim {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

Date ymd(int y, unsigned m, unsigned d) {
  return Date{year_month_day{year{y}, month{m}, day{d}}};
}

TEST(ParseIsoDate, AcceptsAValidDate) {
  const auto date = parse_iso_date("2013-01-01");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(*date, ymd(2013, 1, 1));
  EXPECT_EQ(format_iso_date(*date), "2013-01-01");
  EXPECT_EQ(year_of(*date), 2013);
}

TEST(ParseIsoDate, AcceptsLeapDayOnlyInLeapYears) {
  // 2012 is divisible by 4 (and not by 100): leap. 2013 is not.
  EXPECT_TRUE(parse_iso_date("2012-02-29").has_value());
  EXPECT_FALSE(parse_iso_date("2013-02-29").has_value());
}

TEST(ParseIsoDate, RejectsImpossibleDate) {
  EXPECT_FALSE(parse_iso_date("2013-02-30").has_value());
}

TEST(ParseIsoDate, RejectsUnpaddedFields) {
  EXPECT_FALSE(parse_iso_date("2013-1-1").has_value());
}

TEST(ParseIsoDate, RejectsLetters) {
  EXPECT_FALSE(parse_iso_date("abcd-ef-gh").has_value());
}

TEST(ParseIsoDate, RejectsOtherMalformedText) {
  EXPECT_FALSE(parse_iso_date("").has_value());
  EXPECT_FALSE(parse_iso_date("2013/01/01").has_value());
  EXPECT_FALSE(parse_iso_date("2013-13-01").has_value());   // month 13
  EXPECT_FALSE(parse_iso_date("2013-00-10").has_value());   // month 0
  EXPECT_FALSE(parse_iso_date("2013-01-01x").has_value());  // trailing text
}

TEST(Calendar, YearOfWeeklyStepsHas53StepsBecauseTheEndIsInclusive) {
  // 2010 is not a leap year: 2010-01-01..2010-12-31 inclusive is 365 days.
  // 52 weekly steps cover 364 days, leaving 2010-12-31 uncovered, so a 53rd step is needed:
  // ceil(365 / 7) = 53.
  const Calendar calendar(ymd(2010, 1, 1), ymd(2010, 12, 31), 7);
  EXPECT_EQ(calendar.step_count(), 53);
  EXPECT_EQ(calendar.step_days(), 7);
  EXPECT_EQ(calendar.date_of_step(0), ymd(2010, 1, 1));
  EXPECT_EQ(calendar.date_of_step(1), ymd(2010, 1, 8));
  // The last step starts on day 52*7 = 364 after the start: 2010-12-31 itself.
  EXPECT_EQ(calendar.date_of_step(52), ymd(2010, 12, 31));
}

TEST(Calendar, StepCountBoundaries) {
  // Exactly one week inclusive (7 days) is one step; one more day needs a second step.
  EXPECT_EQ(Calendar(ymd(2010, 1, 1), ymd(2010, 1, 7), 7).step_count(), 1);
  EXPECT_EQ(Calendar(ymd(2010, 1, 1), ymd(2010, 1, 8), 7).step_count(), 2);
  // A single day is one step of any length.
  EXPECT_EQ(Calendar(ymd(2010, 1, 1), ymd(2010, 1, 1), 7).step_count(), 1);
  // Daily steps: 2012 is a leap year, 366 days inclusive.
  EXPECT_EQ(Calendar(ymd(2012, 1, 1), ymd(2012, 12, 31), 1).step_count(), 366);
  // End before start: no steps.
  EXPECT_EQ(Calendar(ymd(2010, 1, 8), ymd(2010, 1, 1), 7).step_count(), 0);
}

TEST(Calendar, StepAtOrAfter) {
  const Calendar calendar(ymd(2010, 1, 1), ymd(2010, 12, 31), 7);
  // On or before the start: the first step.
  EXPECT_EQ(calendar.step_at_or_after(ymd(2009, 6, 1)), 0);
  EXPECT_EQ(calendar.step_at_or_after(ymd(2010, 1, 1)), 0);
  // Step 1 starts on 2010-01-08: any day after the start up to it maps to step 1.
  EXPECT_EQ(calendar.step_at_or_after(ymd(2010, 1, 2)), 1);
  EXPECT_EQ(calendar.step_at_or_after(ymd(2010, 1, 8)), 1);
  EXPECT_EQ(calendar.step_at_or_after(ymd(2010, 1, 9)), 2);
  // Each result is the first step whose start date is on or after the date.
  for (int offset = 0; offset < 365; offset += 5) {
    const Date date = ymd(2010, 1, 1) + std::chrono::days{offset};
    const int step = calendar.step_at_or_after(date);
    ASSERT_LT(step, calendar.step_count());
    EXPECT_GE(calendar.date_of_step(step), date) << offset;
    if (step > 0) {
      EXPECT_LT(calendar.date_of_step(step - 1), date) << offset;
    }
  }
  // After the run: step_count().
  EXPECT_EQ(calendar.step_at_or_after(ymd(2011, 6, 1)), calendar.step_count());
}

TEST(Calendar, YearsPerStep) {
  const Calendar calendar(ymd(2010, 1, 1), ymd(2010, 12, 31), 7);
  EXPECT_DOUBLE_EQ(calendar.years_per_step(), 7.0 / 365.25);
}

TEST(Calendar, ProbabilityFromRate) {
  EXPECT_DOUBLE_EQ(probability_from_rate(0.0, 1.0), 0.0);
  // A constant hazard r over t years: P = 1 - exp(-r t).
  EXPECT_NEAR(probability_from_rate(0.5, 2.0), 1.0 - std::exp(-1.0), 1e-15);
  // Small hazards: P is close to r t and below it.
  const double p = probability_from_rate(0.1, 7.0 / 365.25);
  EXPECT_LT(p, 0.1 * 7.0 / 365.25);
  EXPECT_NEAR(p, 0.1 * 7.0 / 365.25, 1e-5);
}

}  // namespace
}  // namespace narcosim
