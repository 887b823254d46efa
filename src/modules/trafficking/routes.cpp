#include "routes.hpp"

#include <algorithm>
#include <limits>
#include <queue>
#include <set>

namespace narcosim {

namespace {

// The edges leaving each node, in the order of world.edges (so that searches relax edges in the
// same order as a scan of all edges would, and find the same path among equal-cost ones).
using Adjacency = std::vector<std::vector<uint32_t>>;

Adjacency outgoing_edges(const World& world) {
  Adjacency out(world.nodes.size());
  for (uint32_t e = 0; e < world.edges.size(); ++e) out[world.edges[e].from].push_back(e);
  return out;
}

// Dijkstra over edges, skipping banned nodes and edges. Returns the edge list of the path.
std::vector<uint32_t> cheapest_path(const World& world, const Adjacency& out, NodeIndex from,
                                    NodeIndex to, const std::vector<char>& banned_node,
                                    const std::vector<char>& banned_edge) {
  const size_t n = world.nodes.size();
  std::vector<double> cost(n, std::numeric_limits<double>::infinity());
  std::vector<int64_t> via_edge(n, -1);
  using Item = std::pair<double, NodeIndex>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  cost[from] = 0.0;
  queue.emplace(0.0, from);
  while (!queue.empty()) {
    const auto [c, u] = queue.top();
    queue.pop();
    if (c > cost[u]) continue;
    if (u == to) break;
    // An external market is a destination only: nothing moves on from it.
    if (u != from && world.nodes[u].kind == NodeKind::external_market) continue;
    for (const uint32_t e : out[u]) {
      const auto& edge = world.edges[e];
      if (banned_edge[e] || banned_node[edge.to]) continue;
      const double next = c + edge.cost_usd_per_kg;
      if (next < cost[edge.to]) {
        cost[edge.to] = next;
        via_edge[edge.to] = e;
        queue.emplace(next, edge.to);
      }
    }
  }
  if (via_edge[to] < 0) return {};
  std::vector<uint32_t> path;
  for (NodeIndex v = to; v != from; v = world.edges[size_t(via_edge[v])].from) {
    path.push_back(uint32_t(via_edge[v]));
  }
  std::reverse(path.begin(), path.end());
  return path;
}

double path_cost(const World& world, const std::vector<uint32_t>& path) {
  double total = 0.0;
  for (const auto e : path) total += world.edges[e].cost_usd_per_kg;
  return total;
}

// The legs by which a load leaves the jurisdiction `home` of `source`, each with the leg that
// brings it from the source to the coast it leaves from, if any.
std::vector<std::vector<uint32_t>> ways_out(const World& world, NodeIndex source,
                                            const std::vector<NodeIndex>& home) {
  auto at_home = [&](NodeIndex v) { return std::find(home.begin(), home.end(), v) != home.end(); };
  std::vector<std::vector<uint32_t>> exits;
  for (uint32_t e = 0; e < world.edges.size(); ++e) {
    const auto& first = world.edges[e];
    if (first.from != source) continue;
    if (!at_home(first.to)) {
      exits.push_back({e});
      continue;
    }
    for (uint32_t f = 0; f < world.edges.size(); ++f) {
      const auto& second = world.edges[f];
      if (second.from == first.to && !at_home(second.to)) exits.push_back({e, f});
    }
  }
  return exits;
}

// Cheapest simple paths from `from` to `to` by Yen's algorithm (at most `k`, at most
// `max_nodes` nodes each), never passing through an external market on the way, nor through a
// node of `avoid`.
std::vector<std::vector<uint32_t>> yen_paths(const World& world, const Adjacency& out,
                                             NodeIndex from, NodeIndex to, size_t k,
                                             size_t max_nodes,
                                             const std::vector<NodeIndex>& avoid) {
  std::vector<std::vector<uint32_t>> found;
  if (from == to) return found;
  std::vector<char> no_nodes(world.nodes.size(), 0);
  for (const auto v : avoid) no_nodes[v] = 1;
  std::vector<char> no_edges(world.edges.size(), 0);
  auto first = cheapest_path(world, out, from, to, no_nodes, no_edges);
  if (first.empty()) return found;
  found.push_back(first);
  std::set<std::pair<double, std::vector<uint32_t>>> candidates;
  while (found.size() < k) {
    const auto& last = found.back();
    for (size_t spur = 0; spur < last.size(); ++spur) {
      const NodeIndex spur_node = world.edges[last[spur]].from;
      const std::vector<uint32_t> root(last.begin(), last.begin() + long(spur));
      std::vector<char> banned_node = no_nodes;
      std::vector<char> banned_edge(world.edges.size(), 0);
      for (const auto& p : found) {
        if (p.size() > spur && std::equal(root.begin(), root.end(), p.begin())) {
          banned_edge[p[spur]] = 1;
        }
      }
      for (const auto e : root) banned_node[world.edges[e].from] = 1;
      auto tail = cheapest_path(world, out, spur_node, to, banned_node, banned_edge);
      if (tail.empty()) continue;
      std::vector<uint32_t> candidate = root;
      candidate.insert(candidate.end(), tail.begin(), tail.end());
      candidates.emplace(path_cost(world, candidate), candidate);
    }
    bool added = false;
    while (!candidates.empty()) {
      auto best = candidates.begin()->second;
      candidates.erase(candidates.begin());
      if (std::find(found.begin(), found.end(), best) == found.end()) {
        found.push_back(best);
        added = true;
        break;
      }
    }
    if (!added) break;
  }
  std::erase_if(found, [&](const auto& p) { return p.size() + 1 > max_nodes; });
  return found;
}

}  // namespace

namespace {

// The paths from `source` to every market (indexed by node; empty for non-markets): every way
// out of the source's jurisdiction (overland, each sea corridor from each of its coasts, the air
// bridge) gets its own k cheapest continuations, so route choice can move between corridors;
// ranking all paths by transport cost alone would keep only permutations of the cheapest one.
std::vector<std::vector<std::vector<uint32_t>>> paths_from(const World& world, const Adjacency& out,
                                                           NodeIndex source, size_t k,
                                                           size_t max_nodes) {
  const auto home = world.jurisdiction_nodes(source);
  const auto exits = ways_out(world, source, home);
  std::vector<std::vector<std::vector<uint32_t>>> by_destination(world.nodes.size());
  for (size_t n = 0; n < world.nodes.size(); ++n) {
    const auto destination = NodeIndex(n);
    if (!world.nodes[n].is_market()) continue;
    auto& paths = by_destination[n];
    if (destination == source) {
      paths.emplace_back();  // domestic market: no travel
      continue;
    }
    for (const auto& exit : exits) {
      const auto& leg = world.edges[exit.back()];
      if (leg.to == destination) {
        paths.push_back(exit);
        continue;
      }
      if (world.nodes[leg.to].kind == NodeKind::external_market) continue;
      if (exit.size() + 1 >= max_nodes) continue;
      for (auto& tail :
           yen_paths(world, out, leg.to, destination, k, max_nodes - exit.size(), home)) {
        tail.insert(tail.begin(), exit.begin(), exit.end());
        paths.push_back(std::move(tail));
      }
    }
  }
  return by_destination;
}

}  // namespace

void build_routes(ModelState& state, size_t k, size_t max_nodes) {
  const auto& world = *state.world;
  state.routes.clear();
  for (auto& list : state.routes_to_market) list.clear();
  const Adjacency out = outgoing_edges(world);
  // Paths depend on the source's node only: sources of several substances in one country share
  // them.
  std::vector<std::vector<std::vector<std::vector<uint32_t>>>> paths_of(world.nodes.size());
  for (const auto& source : state.sources) {
    auto& by_destination = paths_of[source.node];
    if (by_destination.empty()) by_destination = paths_from(world, out, source.node, k, max_nodes);
    for (size_t n = 0; n < world.nodes.size(); ++n) {
      const auto destination = NodeIndex(n);
      for (const auto& path : by_destination[n]) {
        Route route;
        route.substance = source.substance;
        route.source = source.node;
        route.destination = destination;
        route.edges = path;
        route.nodes.push_back(source.node);
        for (const auto e : path) route.nodes.push_back(world.edges[e].to);
        route.transport_cost_usd_per_kg = path_cost(world, path);
        state.routes_to_market[state.cell(destination, source.substance)].push_back(
            uint32_t(state.routes.size()));
        state.routes.push_back(std::move(route));
      }
    }
  }
}

}  // namespace narcosim
