#pragma once
// Paired comparison of two runs of the same period with the same seed (common random
// numbers): differences per country, substance and metric, over the run and in the final year.
#include <string>
#include <vector>

#include "narcosim/io/output_writer.hpp"

namespace narcosim::io {

// A headline of the comparison tables: one metric or the sum of several, for all substances.
struct Headline {
  const char* label;
  std::vector<Metric> metrics;  // summed
  bool in_country_table;        // also a column of the "countries that move most" table
};

// Homicides, prisoners, users, deaths, flows, money: what a reader of a comparison looks at.
const std::vector<Headline>& headlines();

// CSV text: country,substance,metric,aggregation,a,b,difference,relative_difference,
// final_year_a,final_year_b,final_year_difference.
std::string differences_csv(const World& world, const SummaryCollector& a,
                            const SummaryCollector& b);

// The table a person reads: headline metrics for the Americas and the countries where they
// move most, over the run and in the final year.
std::string headline_table(const World& world, const std::string& name_a, const SummaryCollector& a,
                           const std::string& name_b, const SummaryCollector& b);

}  // namespace narcosim::io
