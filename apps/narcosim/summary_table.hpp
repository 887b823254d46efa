#pragma once
// The table a person reads at the end of a run: headline metrics per country, final year.
#include <string>

#include "narcosim/io/output_writer.hpp"

namespace narcosim::cli {

std::string summary_table(const World& world, const io::SummaryCollector& summary);

}  // namespace narcosim::cli
