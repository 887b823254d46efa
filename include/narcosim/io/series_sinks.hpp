#pragma once
// Writers of a run's periods (run/periods.hpp): timeseries.csv and flows.csv as
// ../shared/interface.md defines them, or one SQLite file, timeseries.sqlite, that holds the same
// rows in about a fifth of the space and can be queried without reading it all.
#include <cstdio>
#include <memory>
#include <string>

#include "narcosim/run/periods.hpp"

namespace SQLite {
class Database;
}

namespace narcosim::io {

// What a run writes its series into.
enum class SeriesFormat : uint8_t { csv, sqlite };

class SeriesWriter : public PeriodSink {
 public:
  // Flushes and closes the files; throws OutputError if that fails.
  virtual void finish() = 0;
  // The files written, relative to the output directory.
  [[nodiscard]] virtual std::vector<std::string> files() const = 0;
};

std::unique_ptr<SeriesWriter> make_series_writer(SeriesFormat format, const std::string& out_dir,
                                                 const World& world,
                                                 const std::string& scenario_name, int replicate,
                                                 Resolution resolution);

}  // namespace narcosim::io
