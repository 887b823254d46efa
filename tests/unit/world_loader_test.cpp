// The world data loads, and a broken data file is an InputError naming the file, the line and
// the column of the problem. Each test copies the real data/ into a temporary directory and
// breaks one thing in one file, so exactly one problem is expected.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "narcosim/core/errors.hpp"
#include "narcosim/io/world_loader.hpp"
#include "test_support.hpp"

namespace narcosim {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  return text;
}

class BrokenData : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& entry : fs::directory_iterator(test::data_dir())) {
      if (entry.is_regular_file())
        fs::copy_file(entry.path(), dir_.path() / entry.path().filename());
    }
  }
  [[nodiscard]] std::vector<std::string> lines(const std::string& file) const {
    return lines_of(test::read_file(dir_.path() / file));
  }
  void write(const std::string& file, const std::vector<std::string>& lines) const {
    test::write_file(dir_.path() / file, join_lines(lines));
  }
  // 1-based line of the first line starting with `prefix`.
  [[nodiscard]] int line_starting_with(const std::string& file, const std::string& prefix) const {
    const auto ls = lines(file);
    for (size_t i = 0; i < ls.size(); ++i) {
      if (ls[i].rfind(prefix, 0) == 0) return int(i) + 1;
    }
    ADD_FAILURE() << "no line starting with " << prefix << " in " << file;
    return 0;
  }
  void replace_line(const std::string& file, int line, const std::string& text) const {
    auto ls = lines(file);
    ls.at(size_t(line - 1)) = text;
    write(file, ls);
  }
  // The only diagnostic of loading the broken copy.
  [[nodiscard]] Diagnostic single_diagnostic() const {
    try {
      (void)io::load_world(dir_.str());
    } catch (const InputError& e) {
      EXPECT_EQ(e.diagnostics().size(), 1u) << e.what();
      return e.diagnostics().front();
    }
    ADD_FAILURE() << "the broken data loaded without an InputError";
    return {};
  }
  static void expect_at(const Diagnostic& d, const std::string& file, int line, int column,
                        const std::string& fragment) {
    EXPECT_EQ(fs::path(d.where.file).filename().string(), file) << d.to_string();
    EXPECT_EQ(d.where.line, line) << d.to_string();
    EXPECT_EQ(d.where.column, column) << d.to_string();
    EXPECT_NE(d.message.find(fragment), std::string::npos)
        << "expected '" << fragment << "' in: " << d.to_string();
  }

  test::TempDir dir_;
};

TEST(WorldLoader, ShippedDataLoads) {
  const World world = io::load_world(test::data_dir());
  EXPECT_FALSE(world.nodes.empty());
  EXPECT_FALSE(world.edges.empty());
  EXPECT_EQ(world.edges.size() % 2, 0u);  // both directions of each data row
  EXPECT_FALSE(world.organizations.empty());
  // The places and substances the scenarios and other tests rely on.
  for (const char* id : {"COL", "PER", "BOL", "USA", "MEX", "eastern_pacific", "western_caribbean",
                         "eastern_caribbean", "air_bridge"}) {
    EXPECT_TRUE(world.node_index(id).has_value()) << id;
  }
  ASSERT_TRUE(world.substance_index("cocaine").has_value());
  const auto cocaine = *world.substance_index("cocaine");
  for (const char* id : {"COL", "PER", "BOL"}) {
    EXPECT_TRUE(world.produces(*world.node_index(id), cocaine)) << id;
  }
  EXPECT_FALSE(world.produces(*world.node_index("USA"), cocaine));
  EXPECT_EQ(world.nodes[*world.node_index("eastern_pacific")].kind, NodeKind::corridor);
}

TEST_F(BrokenData, CopyOfTheDataLoads) {
  // The copy itself is fine: any failure below comes from the one change made.
  EXPECT_NO_THROW((void)io::load_world(dir_.str()));
}

TEST_F(BrokenData, NonNumericFigure) {
  const int line = line_starting_with("figures.csv", "BOL,all,population,");
  replace_line("figures.csv", line, "BOL,all,population,lots,persons,test source");
  // node,substance,figure: "BOL,all,population," is 19 characters, the value is in column 20.
  expect_at(single_diagnostic(), "figures.csv", line, 20, "expected a number");
}

TEST_F(BrokenData, WrongUnit) {
  const int line = line_starting_with("figures.csv", "BOL,all,population,");
  replace_line("figures.csv", line, "BOL,all,population,10182345,people,test source");
  // "BOL,all,population,10182345," is 28 characters: the unit is in column 29.
  expect_at(single_diagnostic(), "figures.csv", line, 29, "must be in 'persons'");
}

TEST_F(BrokenData, UnknownNodeInEdges) {
  auto ls = lines("edges.csv");
  ls.push_back("COL,ATLANTIS,sea,100,100,1,test source");
  write("edges.csv", ls);
  // The new row is the last line; "COL," puts the destination in column 5.
  expect_at(single_diagnostic(), "edges.csv", int(ls.size()), 5, "unknown node 'ATLANTIS'");
}

TEST_F(BrokenData, RowWithAMissingField) {
  auto ls = lines("edges.csv");
  ASSERT_GE(ls.size(), 3u);
  // The second data row (line 3) loses its last field: 6 fields for a 7-column header.
  ls[2] = "COL,ECU,land,950,150,2";
  write("edges.csv", ls);
  expect_at(single_diagnostic(), "edges.csv", 3, 1, "expected 7 fields");
}

TEST_F(BrokenData, EmptySource) {
  const int line = line_starting_with("figures.csv", "BOL,all,population,");
  replace_line("figures.csv", line, "BOL,all,population,10182345,persons,");
  // The empty source field starts after "BOL,all,population,10182345,persons," (36 characters).
  expect_at(single_diagnostic(), "figures.csv", line, 37, "empty source");
}

TEST_F(BrokenData, EmptySourceInNodes) {
  const int line = line_starting_with("nodes.csv", "USA,");
  const std::string before_source = "USA,country,,United States,north_america,38.9,-77.04,";
  replace_line("nodes.csv", line, before_source + "\"\"");
  // A quoted empty field starts at its opening quote, right after the prefix.
  expect_at(single_diagnostic(), "nodes.csv", line, int(before_source.size()) + 1, "empty source");
}

TEST_F(BrokenData, MissingFileIsAnInputError) {
  fs::remove(dir_.path() / "dtos.csv");
  try {
    (void)io::load_world(dir_.str());
    FAIL() << "loaded without dtos.csv";
  } catch (const InputError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(fs::path(e.diagnostics()[0].where.file).filename(), "dtos.csv");
  }
}

// Plausibility bounds: a population of 1e308 once loaded and gave inf in every output.
TEST_F(BrokenData, AValueFarAboveAnyRealOneIsAnError) {
  const int line = line_starting_with("figures.csv", "BOL,all,population,");
  replace_line("figures.csv", line, "BOL,all,population,1e308,persons,test source");
  expect_at(single_diagnostic(), "figures.csv", line, 20, "must lie in [0, 2");
}

TEST_F(BrokenData, ALatitudeBeyondThePoleIsAnError) {
  const int line = line_starting_with("nodes.csv", "BOL,");
  auto ls = lines("nodes.csv");
  auto text = ls.at(size_t(line - 1));
  text.replace(text.find("-16.5"), 5, "95.0");
  replace_line("nodes.csv", line, text);
  expect_at(single_diagnostic(), "nodes.csv", line, 29, "must lie in [-90, 90]");
}

TEST_F(BrokenData, ACoastMustNameACountryOfTheFile) {
  const int line = line_starting_with("nodes.csv", "PAN_pacific,");
  auto text = lines("nodes.csv").at(size_t(line - 1));
  text.replace(text.find(",PAN,"), 5, ",XYZ,");
  replace_line("nodes.csv", line, text);
  // The country field follows "PAN_pacific,coast,".
  expect_at(single_diagnostic(), "nodes.csv", line, 19, "a coast names the id of a country");
}

TEST_F(BrokenData, OnlyACoastNamesACountry) {
  const int line = line_starting_with("nodes.csv", "BOL,");
  auto text = lines("nodes.csv").at(size_t(line - 1));
  text.replace(text.find("country,,"), 9, "country,PER,");
  replace_line("nodes.csv", line, text);
  expect_at(single_diagnostic(), "nodes.csv", line, 13, "only a coast names a country");
}

TEST(WorldLoader, CoastsBelongToTheirCountry) {
  const auto world = io::load_world(test::data_dir());
  const auto pan = *world.node_index("PAN");
  const auto pacific = *world.node_index("PAN_pacific");
  const auto caribbean = *world.node_index("PAN_caribbean");
  EXPECT_EQ(world.nodes[pacific].kind, NodeKind::coast);
  EXPECT_FALSE(world.nodes[pacific].is_market());
  EXPECT_EQ(world.jurisdiction(pacific), pan);
  EXPECT_EQ(world.jurisdiction(pan), pan);
  const auto booked = world.jurisdiction_nodes(pan);
  EXPECT_EQ(booked.size(), 3U);
  EXPECT_NE(std::find(booked.begin(), booked.end(), caribbean), booked.end());
  // A country's regional group does not pick up its coasts, and a corridor has no coasts.
  const auto isthmus = *world.group("central_america");
  EXPECT_EQ(std::find(isthmus.begin(), isthmus.end(), pacific), isthmus.end());
  EXPECT_EQ(world.jurisdiction_nodes(*world.node_index("eastern_pacific")).size(), 1U);
}

TEST_F(BrokenData, AnEdgeFromANodeToItselfIsAnError) {
  auto ls = lines("edges.csv");
  ls.push_back("BOL,BOL,land,10,1,1,test source");
  write("edges.csv", ls);
  expect_at(single_diagnostic(), "edges.csv", int(ls.size()), 5, "from a node to itself");
}

TEST_F(BrokenData, ASecondEdgeBetweenTheSamePairAndModeIsAnError) {
  // Edges are two-way, so the reverse spelling is the same edge.
  auto ls = lines("edges.csv");
  ls.push_back("PAN,COL,land,900,250,4,test source");
  write("edges.csv", ls);
  expect_at(single_diagnostic(), "edges.csv", int(ls.size()), 1, "a second land edge");
  // Another mode between the same pair is another route.
  ls.back() = "PAN,COL,air,900,2000,1,test source";
  write("edges.csv", ls);
  EXPECT_NO_THROW((void)io::load_world(dir_.str()));
}

TEST_F(BrokenData, ADataFileThatIsNotARegularFileIsAnError) {
  fs::remove(dir_.path() / "dtos.csv");
  fs::create_symlink("/dev/zero", dir_.path() / "dtos.csv");
  const auto d = single_diagnostic();
  EXPECT_NE(d.message.find("not a regular file"), std::string::npos) << d.to_string();
}

}  // namespace
}  // namespace narcosim
