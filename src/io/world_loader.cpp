#include "narcosim/io/world_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

#include "narcosim/io/csv.hpp"

#ifndef NARCOSIM_SOURCE_DATA_DIR
#define NARCOSIM_SOURCE_DATA_DIR "data"
#endif
#ifndef NARCOSIM_INSTALLED_DATA_DIR
#define NARCOSIM_INSTALLED_DATA_DIR ""
#endif

namespace narcosim::io {

namespace {

// Which figures exist, in which unit, for which scope, and the largest plausible value: about
// ten times the largest real one (Brazil's 2010 population is 1.9e8, the USA's drug budgets
// are below 3e10 USD a year), so a typo of a few digits or a 1e308 is an error with its line.
enum class Scope { node, node_substance, global_substance };
struct FigureSpec {
  const char* name;
  const char* unit;
  Scope scope;
  double max_value;  // plausibility bound (fractions: 1)
};

const std::vector<FigureSpec>& figure_specs() {
  static const std::vector<FigureSpec> specs = {
      {"population", "persons", Scope::node, 2e9},
      {"adult_share", "fraction", Scope::node, 1.0},
      {"interdiction_budget_usd", "usd_per_year", Scope::node, 1e12},
      {"eradication_budget_usd", "usd_per_year", Scope::node, 1e12},
      {"enforcement_budget_usd", "usd_per_year", Scope::node, 1e12},
      {"treatment_budget_usd", "usd_per_year", Scope::node, 1e12},
      {"legal_wage_usd_per_month", "usd_per_month", Scope::node, 1e5},
      {"drug_trade_workers", "persons", Scope::node, 1e8},
      {"homicide_rate_per_100k", "per_100k_per_year", Scope::node, 1000.0},
      {"prisoners", "persons", Scope::node, 1e8},
      {"prison_capacity", "persons", Scope::node, 1e8},
      {"prison_pretrial_share", "fraction", Scope::node, 1.0},
      {"prison_drug_share", "fraction", Scope::node, 1.0},
      {"users_past_year", "persons", Scope::node_substance, 2e9},
      {"heavy_user_share", "fraction", Scope::node_substance, 1.0},
      {"price_retail_usd_per_g", "usd_per_g", Scope::node_substance, 1e4},
      {"price_wholesale_usd_per_kg", "usd_per_kg", Scope::node_substance, 1e7},
      {"cultivation_ha", "hectares", Scope::node_substance, 1e8},
      {"eradication_ha_per_year", "hectares_per_year", Scope::node_substance, 1e8},
      {"crop_yield_kg_per_ha", "kg_per_ha_per_year", Scope::node_substance, 1e5},
      {"price_farmgate_usd_per_kg", "usd_per_kg_crop", Scope::node_substance, 1e6},
      {"licit_income_usd_per_ha", "usd_per_ha_per_year", Scope::node_substance, 1e7},
      {"crop_kg_per_kg_product", "kg_crop_per_kg_product", Scope::node_substance, 1e4},
      {"retail_purity", "fraction", Scope::global_substance, 1.0},
      // National seizures in the base year, which the interdiction rates are solved to book.
      {"seizures_kg", "kg_per_year", Scope::node_substance, 1e8},
      // Share of what reaches a market that crossed into its jurisdiction over a land border,
      // which the traffickers' preference for such routes is solved to give.
      {"land_entry_share", "fraction", Scope::node_substance, 1.0},
  };
  return specs;
}

const FigureSpec* find_spec(const std::string& name) {
  for (const auto& s : figure_specs()) {
    if (name == s.name) return &s;
  }
  return nullptr;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, separator)) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

class Checker {
 public:
  void fail(SourceLocation where, std::string message) {
    problems_.push_back({std::move(where), std::move(message)});
  }
  void throw_if_failed() const {
    if (!problems_.empty()) throw InputError(problems_);
  }

 private:
  std::vector<Diagnostic> problems_;
};

// A data value that must lie in [min_value, max_value]; outside, a problem at its field and
// the nearest bound (so one bad value does not cascade into others).
double number(const CsvTable& t, const CsvRow& row, size_t column, Checker& check, double min_value,
              double max_value) {
  double value = 0.0;
  if (!parse_number(row.fields[column].text, value)) {
    check.fail(t.where(row, column),
               fmt::format("expected a number for '{}', found '{}'", t.header[column],
                           excerpt(row.fields[column].text)));
    return min_value;
  }
  if (value < min_value || value > max_value) {
    check.fail(t.where(row, column), fmt::format("'{}' must lie in [{}, {}], found {}",
                                                 t.header[column], min_value, max_value, value));
    return std::clamp(value, min_value, max_value);
  }
  return value;
}

void require_source(const CsvTable& t, const CsvRow& row, size_t column, Checker& check) {
  if (row.fields[column].text.empty()) {
    check.fail(t.where(row, column), "empty source: give a citation or 'assumption: why'");
  }
}

void load_substances(World& world, const std::string& dir, Checker& check) {
  const auto t = read_csv(dir + "/substances.csv");
  const size_t id = t.column("id");
  const size_t crop = t.column("crop");
  const size_t source = t.column("source");
  for (const auto& row : t.rows) {
    if (world.substance_index(row.fields[id].text)) {
      check.fail(t.where(row, id), "duplicate substance id '" + row.fields[id].text + "'");
    }
    require_source(t, row, source, check);
    world.substances.push_back({row.fields[id].text, row.fields[crop].text});
  }
}

void load_nodes(World& world, const std::string& dir, Checker& check) {
  const auto t = read_csv(dir + "/nodes.csv");
  const size_t id = t.column("id"), kind = t.column("kind"), country = t.column("country"),
               name = t.column("name"), region = t.column("region"), lat = t.column("lat"),
               lon = t.column("lon"), source = t.column("source");
  // A coast names its country, which may come later in the file: resolved after the loop.
  std::vector<std::pair<size_t, const CsvRow*>> coasts;
  for (const auto& row : t.rows) {
    Node node;
    node.id = row.fields[id].text;
    if (node.id.empty() || node.id == "ALL" || world.node_index(node.id)) {
      check.fail(t.where(row, id),
                 "node id must be unique, non-empty and not ALL: '" + node.id + "'");
    }
    const auto& k = row.fields[kind].text;
    if (k == "country") {
      node.kind = NodeKind::country;
    } else if (k == "corridor") {
      node.kind = NodeKind::corridor;
    } else if (k == "external_market") {
      node.kind = NodeKind::external_market;
    } else if (k == "coast") {
      node.kind = NodeKind::coast;
      coasts.emplace_back(world.nodes.size(), &row);
    } else {
      check.fail(t.where(row, kind),
                 "expected kind country, corridor, external_market or coast, found '" + k + "'");
    }
    if (node.kind != NodeKind::coast && !row.fields[country].text.empty()) {
      check.fail(t.where(row, country),
                 "only a coast names a country; leave the field empty for a " + k);
    }
    node.name = row.fields[name].text;
    node.region = row.fields[region].text;
    node.lat = number(t, row, lat, check, -90.0, 90.0);
    node.lon = number(t, row, lon, check, -180.0, 180.0);
    require_source(t, row, source, check);
    world.nodes.push_back(std::move(node));
  }
  for (const auto& [index, row] : coasts) {
    const auto& owner = row->fields[country].text;
    const auto found = world.node_index(owner);
    if (!found || world.nodes[*found].kind != NodeKind::country) {
      check.fail(t.where(*row, country),
                 "a coast names the id of a country of this file, found '" + excerpt(owner) + "'");
      continue;
    }
    world.nodes[index].country = *found;
  }
}

void load_edges(World& world, const std::string& dir, Checker& check) {
  const auto t = read_csv(dir + "/edges.csv");
  const size_t from = t.column("from"), to = t.column("to"), mode = t.column("mode"),
               distance = t.column("distance_km"), cost = t.column("cost_usd_per_kg"),
               days = t.column("transit_days"), source = t.column("source");
  for (const auto& row : t.rows) {
    const auto a = world.node_index(row.fields[from].text);
    const auto b = world.node_index(row.fields[to].text);
    if (!a) check.fail(t.where(row, from), "unknown node '" + row.fields[from].text + "'");
    if (!b) check.fail(t.where(row, to), "unknown node '" + row.fields[to].text + "'");
    Edge edge;
    const auto& m = row.fields[mode].text;
    if (m == "land") {
      edge.mode = TransportMode::land;
    } else if (m == "sea") {
      edge.mode = TransportMode::sea;
    } else if (m == "air") {
      edge.mode = TransportMode::air;
    } else {
      check.fail(t.where(row, mode), "expected mode land, sea or air, found '" + m + "'");
    }
    // Bounds: half the Earth's circumference; a thousand times the dearest real leg (a few
    // thousand USD/kg by air); a year in transit.
    edge.distance_km = number(t, row, distance, check, 0.0, 20040.0);
    edge.cost_usd_per_kg = number(t, row, cost, check, 0.0, 1e6);
    edge.transit_days = number(t, row, days, check, 0.01, 365.0);
    require_source(t, row, source, check);
    if (!a || !b) continue;
    if (*a == *b) {
      check.fail(t.where(row, to), "an edge from a node to itself ('" +
                                       excerpt(row.fields[to].text) +
                                       "'): edges join two different nodes");
      continue;
    }
    const auto twin = std::find_if(world.edges.begin(), world.edges.end(), [&](const Edge& e) {
      return e.mode == edge.mode && ((e.from == *a && e.to == *b) || (e.from == *b && e.to == *a));
    });
    if (twin != world.edges.end()) {
      check.fail(t.where(row, from),
                 fmt::format("a second {} edge between {} and {} (edges are two-way; one per pair "
                             "and mode)",
                             m, excerpt(row.fields[from].text), excerpt(row.fields[to].text)));
      continue;
    }
    edge.from = *a;
    edge.to = *b;
    world.edges.push_back(edge);
    std::swap(edge.from, edge.to);
    world.edges.push_back(edge);
  }
}

void load_figures(World& world, const std::string& dir, Checker& check) {
  const auto t = read_csv(dir + "/figures.csv");
  const size_t node_col = t.column("node"), sub_col = t.column("substance"),
               fig_col = t.column("figure"), value_col = t.column("value"),
               unit_col = t.column("unit"), source_col = t.column("source");
  std::set<std::string> seen;
  for (const auto& row : t.rows) {
    const auto& node_id = row.fields[node_col].text;
    const auto& sub_id = row.fields[sub_col].text;
    const auto& name = row.fields[fig_col].text;
    const auto* spec = find_spec(name);
    if (!spec) {
      check.fail(t.where(row, fig_col), "unknown figure '" + name + "'");
      continue;
    }
    if (row.fields[unit_col].text != spec->unit) {
      check.fail(t.where(row, unit_col), fmt::format("figure '{}' must be in '{}', found '{}'",
                                                     name, spec->unit, row.fields[unit_col].text));
    }
    require_source(t, row, source_col, check);
    const double value = number(t, row, value_col, check, 0.0, spec->max_value);
    if (!seen.insert(fmt::format("{}|{}|{}", node_id, sub_id, name)).second) {
      check.fail(t.where(row, fig_col),
                 fmt::format("duplicate figure {} for {} / {}", name, node_id, sub_id));
    }
    std::optional<SubstanceIndex> substance;
    if (sub_id != "all") {
      substance = world.substance_index(sub_id);
      if (!substance) {
        check.fail(t.where(row, sub_col), "unknown substance '" + sub_id + "'");
        continue;
      }
    }
    if (spec->scope == Scope::global_substance) {
      if (node_id != "ALL" || !substance) {
        check.fail(t.where(row, node_col),
                   "figure '" + name + "' belongs to node ALL and one substance");
        continue;
      }
      world.set_global_figure(*substance, name, value);
      continue;
    }
    const auto node = world.node_index(node_id);
    if (!node) {
      check.fail(t.where(row, node_col), "unknown node '" + node_id + "'");
      continue;
    }
    if ((spec->scope == Scope::node) != !substance) {
      check.fail(t.where(row, sub_col),
                 fmt::format("figure '{}' needs substance {}", name,
                             spec->scope == Scope::node ? "'all'" : "cocaine, cannabis, ..."));
      continue;
    }
    world.set_figure(*node, substance, name, value);
  }
  // Completeness: what every node and every producing (node, substance) needs.
  const SourceLocation file{t.file, 0, 0};
  for (size_t n = 0; n < world.nodes.size(); ++n) {
    const auto& node = world.nodes[n];
    const auto index = NodeIndex(n);
    // A coast is patrolled out of its country's budget.
    std::vector<const char*> required{"interdiction_budget_usd"};
    if (node.kind == NodeKind::coast) required.clear();
    if (node.is_market()) {
      required = {"population",
                  "adult_share",
                  "interdiction_budget_usd",
                  "eradication_budget_usd",
                  "treatment_budget_usd",
                  "legal_wage_usd_per_month"};
    }
    for (const char* name : required) {
      if (!world.figure(index, std::nullopt, name)) {
        check.fail(file, fmt::format("missing figure {} for node {}", name, node.id));
      }
    }
    for (size_t s = 0; s < world.substances.size(); ++s) {
      const auto substance = SubstanceIndex(s);
      if (node.is_market() && world.figure(index, substance, "users_past_year")) {
        for (const char* name :
             {"heavy_user_share", "price_retail_usd_per_g", "price_wholesale_usd_per_kg"}) {
          if (!world.figure(index, substance, name)) {
            check.fail(file, fmt::format("missing figure {} for {} / {}", name, node.id,
                                         world.substances[s].id));
          }
        }
      }
      if (!world.produces(index, substance)) continue;
      for (const char* name :
           {"crop_yield_kg_per_ha", "price_farmgate_usd_per_kg", "licit_income_usd_per_ha",
            "crop_kg_per_kg_product", "price_wholesale_usd_per_kg"}) {
        if (!world.figure(index, substance, name) || *world.figure(index, substance, name) <= 0) {
          check.fail(file, fmt::format("producer {} / {} needs a positive {}", node.id,
                                       world.substances[s].id, name));
        }
      }
    }
  }
}

void load_organizations(World& world, const std::string& dir, Checker& check) {
  const auto t = read_csv(dir + "/dtos.csv");
  const size_t id = t.column("id"), name = t.column("name"), home = t.column("home"),
               territories = t.column("territories"), substances = t.column("substances"),
               workers = t.column("workers"), capital = t.column("capital_usd"),
               source = t.column("source");
  for (const auto& row : t.rows) {
    TraffickingOrganization org;
    org.id = row.fields[id].text;
    org.name = row.fields[name].text;
    const auto h = world.node_index(row.fields[home].text);
    if (!h) check.fail(t.where(row, home), "unknown home node '" + row.fields[home].text + "'");
    org.home = h.value_or(0);
    for (const auto& part : split(row.fields[territories].text, ';')) {
      const auto n = world.node_index(part);
      if (!n || !world.nodes[*n].is_market()) {
        check.fail(t.where(row, territories),
                   "territory '" + part + "' is not a country or market node");
        continue;
      }
      org.territories.push_back(*n);
    }
    for (const auto& part : split(row.fields[substances].text, ';')) {
      const auto s = world.substance_index(part);
      if (!s) {
        check.fail(t.where(row, substances), "unknown substance '" + part + "'");
        continue;
      }
      org.substances.push_back(*s);
    }
    // Ten times the largest organisation of dtos.csv (about 1e5 workers, 3e9 USD).
    org.workers = number(t, row, workers, check, 0.0, 1e6);
    org.capital_usd = number(t, row, capital, check, 0.0, 1e11);
    require_source(t, row, source, check);
    world.organizations.push_back(std::move(org));
  }
}

}  // namespace

World load_world(const std::string& data_dir) {
  World world;
  Checker check;
  load_substances(world, data_dir, check);
  load_nodes(world, data_dir, check);
  check.throw_if_failed();
  load_edges(world, data_dir, check);
  load_figures(world, data_dir, check);
  load_organizations(world, data_dir, check);
  check.throw_if_failed();
  return world;
}

std::string default_data_dir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("NARCOSIM_DATA_DIR"); env && *env) return env;
  const auto holds_world = [](const fs::path& dir) {
    std::error_code ignored;
    return !dir.empty() && fs::is_regular_file(dir / "nodes.csv", ignored);
  };
  // An installed narcosim moved elsewhere with its prefix: <prefix>/bin/narcosim next to
  // <prefix>/share/narcosim/data.
  std::error_code no_exe;
  const fs::path exe = fs::read_symlink("/proc/self/exe", no_exe);
  if (!no_exe) {
    const auto beside = exe.parent_path().parent_path() / "share" / "narcosim" / "data";
    if (holds_world(beside)) return beside.string();
  }
  if (holds_world(NARCOSIM_INSTALLED_DATA_DIR)) return NARCOSIM_INSTALLED_DATA_DIR;
  return NARCOSIM_SOURCE_DATA_DIR;
}

}  // namespace narcosim::io
