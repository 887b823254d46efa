#pragma once
// Candidate routes: for every source of a substance and every market, the k cheapest simple
// paths through the network (Yen's algorithm on transport cost). Traffickers choose among them.
#include <vector>

#include "narcosim/model/state.hpp"

namespace narcosim {

// Fills state.routes and state.routes_to_market: `k` cheapest routes per way out of each
// source's jurisdiction (a leg from the source or from one of its coasts to a place outside) to
// each market (trafficking.routes_per_pair), of at most `max_nodes` nodes
// (trafficking.max_route_nodes).
void build_routes(ModelState& state, size_t k, size_t max_nodes);

}  // namespace narcosim
