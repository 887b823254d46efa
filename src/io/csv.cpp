#include "narcosim/io/csv.hpp"

#include "narcosim/io/files.hpp"
#include "narcosim/io/limits.hpp"
#include "narcosim/io/text.hpp"

#include <fmt/format.h>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace narcosim::io {

size_t CsvTable::column(const std::string& name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  throw InputError(SourceLocation{file, 1, 1},
                   fmt::format("missing column '{}' in the header", name));
}

SourceLocation CsvTable::where(const CsvRow& row, size_t column) const {
  if (column < row.fields.size()) {
    return {file, row.fields[column].line, row.fields[column].column};
  }
  return {file, row.line, 1};
}

CsvTable read_csv(const std::string& path) {
  const std::string text = read_regular_file(path, limits::kDataFileBytes, "data file");
  require_utf8(text, path);

  CsvTable table;
  table.file = path;
  std::vector<CsvRow> rows;
  CsvRow row;
  CsvField field;
  int line = 1;
  int column = 1;
  bool in_quotes = false;
  bool field_started = false;
  row.line = 1;
  auto end_field = [&] {
    row.fields.push_back(field);
    field = CsvField{};
    field_started = false;
  };
  auto end_row = [&] {
    end_field();
    const bool blank = row.fields.size() == 1 && row.fields[0].text.empty();
    if (!blank) rows.push_back(row);
    row = CsvRow{};
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!field_started) {
      field.line = line;
      field.column = column;
      field_started = true;
    }
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.text += '"';
          ++i;
          ++column;
        } else {
          in_quotes = false;
        }
      } else {
        field.text += c;
        if (c == '\n') {
          ++line;
          column = 0;
        }
      }
    } else if (c == '"' && field.text.empty()) {
      in_quotes = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n') {
      end_row();
      ++line;
      column = 0;
      row.line = line;
    } else if (c != '\r') {
      field.text += c;
    }
    ++column;
  }
  if (in_quotes) {
    throw InputError(SourceLocation{path, field.line, field.column}, "unterminated quoted field");
  }
  if (field_started || !row.fields.empty()) end_row();
  if (rows.empty()) throw InputError(SourceLocation{path, 1, 1}, "empty file: expected a header");
  for (const auto& f : rows.front().fields) table.header.push_back(f.text);
  for (size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].fields.size() != table.header.size()) {
      throw InputError(SourceLocation{path, rows[r].line, 1},
                       fmt::format("expected {} fields as in the header, found {}",
                                   table.header.size(), rows[r].fields.size()));
    }
    table.rows.push_back(std::move(rows[r]));
  }
  return table;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

bool parse_number(const std::string& text, double& value) {
  if (text.empty()) return false;
  errno = 0;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return errno == 0 && end == text.c_str() + text.size() && std::isfinite(value);
}

}  // namespace narcosim::io
