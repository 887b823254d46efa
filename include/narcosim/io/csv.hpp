#pragma once
// A small RFC 4180 CSV reader that remembers where each field came from, so data errors can
// name the file, line and column.
#include <string>
#include <string_view>
#include <vector>

#include "narcosim/core/errors.hpp"

namespace narcosim::io {

struct CsvField {
  std::string text;
  int line = 0;
  int column = 0;
};

struct CsvRow {
  std::vector<CsvField> fields;
  int line = 0;
};

struct CsvTable {
  std::string file;
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
  // Index of a header column; throws InputError naming the file if missing.
  [[nodiscard]] size_t column(const std::string& name) const;
  [[nodiscard]] SourceLocation where(const CsvRow& row, size_t column) const;
};

// Throws InputError on unreadable files, unterminated quotes or ragged rows.
CsvTable read_csv(const std::string& path);

// A field as RFC 4180 writes it: in double quotes (inner quotes doubled) when it holds a comma,
// a double quote or a line break; unchanged otherwise.
std::string csv_field(std::string_view text);

// Parses a finite number; nullopt-like failure reported through the return flag.
bool parse_number(const std::string& text, double& value);

}  // namespace narcosim::io
