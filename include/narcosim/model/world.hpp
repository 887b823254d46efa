#pragma once
// The world: countries, corridors and external markets as network nodes, the edges drugs move
// along, the substances, trafficking organisations and the observed baseline figures. Loaded
// from data/ (see io/world_loader.hpp) and read-only during a run.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace narcosim {

using NodeIndex = uint16_t;
using SubstanceIndex = uint8_t;

// A coast is a country's landfall and territorial waters: seizures made there are the
// country's, as national statistics book them, and the country's policies apply there.
enum class NodeKind : uint8_t { country, corridor, external_market, coast };
enum class TransportMode : uint8_t { land, sea, air };

std::string_view to_string(NodeKind kind);
std::string_view to_string(TransportMode mode);

struct Node {
  std::string id;  // ISO3 for countries, a snake_case id for corridors and coasts
  NodeKind kind = NodeKind::country;
  // Coasts only: the country whose statistics and policies cover it (World::jurisdiction).
  NodeIndex country = 0;
  std::string name;
  std::string region;
  double lat = 0.0;
  double lon = 0.0;
  // Countries and external markets have buyers; corridors and coasts are only passed through.
  [[nodiscard]] bool is_market() const {
    return kind == NodeKind::country || kind == NodeKind::external_market;
  }
};

// Directed; the loader adds both directions of each undirected data row.
struct Edge {
  NodeIndex from = 0;
  NodeIndex to = 0;
  TransportMode mode = TransportMode::land;
  double distance_km = 0.0;
  double cost_usd_per_kg = 0.0;
  double transit_days = 0.0;
};

struct Substance {
  std::string id;    // cocaine, cannabis, heroin
  std::string crop;  // coca leaf, cannabis herb, opium gum
};

struct TraffickingOrganization {
  std::string id;
  std::string name;
  NodeIndex home = 0;
  std::vector<NodeIndex> territories;
  std::vector<SubstanceIndex> substances;
  double workers = 0.0;      // persons
  double capital_usd = 0.0;  // working capital
};

class World {
 public:
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  std::vector<Substance> substances;
  std::vector<TraffickingOrganization> organizations;

  [[nodiscard]] std::optional<NodeIndex> node_index(std::string_view id) const;
  // The node whose national statistics and policies cover `node`: the country of a coast, the
  // node itself otherwise.
  [[nodiscard]] NodeIndex jurisdiction(NodeIndex node) const {
    return nodes[node].kind == NodeKind::coast ? nodes[node].country : node;
  }
  // The nodes whose seizures `node`'s statistics book: the node itself and, for a country, its
  // coasts.
  [[nodiscard]] std::vector<NodeIndex> jurisdiction_nodes(NodeIndex node) const;
  [[nodiscard]] std::optional<SubstanceIndex> substance_index(std::string_view id) const;
  [[nodiscard]] std::vector<std::string> substance_ids() const;
  // Named groups of nodes: regions ("central_america", "andean", ...), "corridors",
  // "countries" and "americas" (every country).
  [[nodiscard]] std::optional<std::vector<NodeIndex>> group(std::string_view name) const;
  [[nodiscard]] std::vector<std::string> group_names() const;

  // Observed baseline figures; `substance` is nullopt for whole-country figures.
  void set_figure(NodeIndex node, std::optional<SubstanceIndex> substance, const std::string& name,
                  double value);
  [[nodiscard]] std::optional<double> figure(NodeIndex node,
                                             std::optional<SubstanceIndex> substance,
                                             std::string_view name) const;
  // Figure for substance-level constants stored on node ALL.
  void set_global_figure(SubstanceIndex substance, const std::string& name, double value);
  [[nodiscard]] std::optional<double> global_figure(SubstanceIndex substance,
                                                    std::string_view name) const;
  [[nodiscard]] double figure_or(NodeIndex node, std::optional<SubstanceIndex> substance,
                                 std::string_view name, double fallback) const;
  // Producing (node, substance) pairs: those with a cultivation_ha figure.
  [[nodiscard]] bool produces(NodeIndex node, SubstanceIndex substance) const;

 private:
  static std::string figure_key(int node, int substance, std::string_view name);
  std::unordered_map<std::string, double> figures_;
};

}  // namespace narcosim
