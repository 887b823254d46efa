#include "narcosim/model/world.hpp"

#include <fmt/format.h>
#include <algorithm>

namespace narcosim {

std::string_view to_string(NodeKind kind) {
  switch (kind) {
    case NodeKind::country:
      return "country";
    case NodeKind::corridor:
      return "corridor";
    case NodeKind::external_market:
      return "external_market";
    case NodeKind::coast:
      return "coast";
  }
  return "?";
}

std::string_view to_string(TransportMode mode) {
  switch (mode) {
    case TransportMode::land:
      return "land";
    case TransportMode::sea:
      return "sea";
    case TransportMode::air:
      return "air";
  }
  return "?";
}

std::optional<NodeIndex> World::node_index(std::string_view id) const {
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].id == id) return NodeIndex(i);
  }
  return std::nullopt;
}

std::vector<NodeIndex> World::jurisdiction_nodes(NodeIndex node) const {
  std::vector<NodeIndex> members{node};
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].kind == NodeKind::coast && nodes[i].country == node)
      members.push_back(NodeIndex(i));
  }
  return members;
}

std::optional<SubstanceIndex> World::substance_index(std::string_view id) const {
  for (size_t i = 0; i < substances.size(); ++i) {
    if (substances[i].id == id) return SubstanceIndex(i);
  }
  return std::nullopt;
}

std::vector<std::string> World::substance_ids() const {
  std::vector<std::string> ids;
  for (const auto& s : substances) ids.push_back(s.id);
  return ids;
}

std::optional<std::vector<NodeIndex>> World::group(std::string_view name) const {
  std::vector<NodeIndex> members;
  for (size_t i = 0; i < nodes.size(); ++i) {
    const auto& node = nodes[i];
    const bool match =
        (name == "corridors" && node.kind == NodeKind::corridor) ||
        ((name == "countries" || name == "americas") && node.kind == NodeKind::country) ||
        (node.kind == NodeKind::country && node.region == name);
    if (match) members.push_back(NodeIndex(i));
  }
  if (members.empty()) return std::nullopt;
  return members;
}

std::vector<std::string> World::group_names() const {
  std::vector<std::string> names{"americas", "countries", "corridors"};
  for (const auto& node : nodes) {
    if (node.kind == NodeKind::country &&
        std::find(names.begin(), names.end(), node.region) == names.end()) {
      names.push_back(node.region);
    }
  }
  return names;
}

std::string World::figure_key(int node, int substance, std::string_view name) {
  return fmt::format("{}|{}|{}", node, substance, name);
}

void World::set_figure(NodeIndex node, std::optional<SubstanceIndex> substance,
                       const std::string& name, double value) {
  figures_[figure_key(node, substance ? int(*substance) : -1, name)] = value;
}

std::optional<double> World::figure(NodeIndex node, std::optional<SubstanceIndex> substance,
                                    std::string_view name) const {
  const auto it = figures_.find(figure_key(node, substance ? int(*substance) : -1, name));
  if (it == figures_.end()) return std::nullopt;
  return it->second;
}

void World::set_global_figure(SubstanceIndex substance, const std::string& name, double value) {
  figures_[figure_key(-1, substance, name)] = value;
}

std::optional<double> World::global_figure(SubstanceIndex substance, std::string_view name) const {
  const auto it = figures_.find(figure_key(-1, substance, name));
  if (it == figures_.end()) return std::nullopt;
  return it->second;
}

double World::figure_or(NodeIndex node, std::optional<SubstanceIndex> substance,
                        std::string_view name, double fallback) const {
  return figure(node, substance, name).value_or(fallback);
}

bool World::produces(NodeIndex node, SubstanceIndex substance) const {
  return figure_or(node, substance, "cultivation_ha", 0.0) > 0.0;
}

}  // namespace narcosim
