// Parameters of markets and prices (markets.cpp). See docs/ODD.md "Markets and prices". A source
// is a citation or "assumption: why".
#include "narcosim/core/parameters.hpp"

namespace narcosim {

void declare_markets_parameters(std::vector<ParameterDeclaration>& t) {
  t.push_back({"markets.target_cover_weeks",
               "weeks",
               8.0,
               1.0,
               52.0,
               "Inventory a consumer market holds, in weeks of demand",
               "assumption",
               {}});
  t.push_back({"markets.source_target_cover_weeks",
               "weeks",
               8.0,
               1.0,
               52.0,
               "Stock held at the source, in weeks of purchases",
               "assumption",
               {}});
  t.push_back({"markets.scarcity_elasticity",
               "1",
               0.5,
               0.05,
               3.0,
               "Price response to stock cover: price = ladder price x (target/cover)^this",
               "assumption",
               {}});
  t.push_back({"markets.max_scarcity_factor",
               "1",
               4.0,
               1.5,
               20.0,
               "Bound on the scarcity factor (and 1/bound below)",
               "assumption",
               {}});
  t.push_back({"markets.markup_additivity",
               "fraction",
               0.5,
               0.0,
               1.0,
               "Share of each stage's markup (risk premium, retail markup) that is a fixed dollar "
               "amount per kg, the baseline's; the rest is a percentage of the price paid at the "
               "previous stage. 1: a change in upstream cost passes to later stages dollar for "
               "dollar; 0: in proportion",
               "assumption: between the additive 'risks and prices' model (Reuter & Kleiman "
               "1986) and the multiplicative markup model (Caulkins 1990); Caulkins & Reuter "
               "(1998) review the evidence for both",
               {}});
  t.push_back({"markets.price_adjust_weeks",
               "weeks",
               4.0,
               1.0,
               52.0,
               "Time constant of price adjustment",
               "assumption",
               {}});
  t.push_back({"markets.seizure_memory_weeks",
               "weeks",
               26.0,
               1.0,
               208.0,
               "Smoothing of realised seizure shares that enter the price ladder",
               "assumption",
               {}});
  t.push_back({"markets.demand_memory_weeks",
               "weeks",
               8.0,
               1.0,
               52.0,
               "Smoothing of demand expectations behind orders",
               "assumption",
               {}});
}

}  // namespace narcosim
