#include "narcosim/model/money.hpp"

#include <cmath>
#include <numeric>

namespace narcosim {

void MoneyLedger::reset(size_t nodes, const std::vector<size_t>& homes) {
  nodes_ = nodes;
  homes_ = homes;
  balance_cents_.assign(nodes * kSectorCount + homes.size(), 0);
  step_cents_.assign(nodes * kPurposeCount, 0);
  received_cents_.assign(nodes * kPurposeCount, 0);
  account_transfers_.assign(balance_cents_.size(), 0);
}

double MoneyLedger::transfer(Account from, Account to, double usd, Purpose purpose, size_t node) {
  if (!(usd > 0.0) || from == to) return 0.0;
  const auto cents = int64_t(std::llround(usd * 100.0));
  balance_cents_[from] -= cents;
  balance_cents_[to] += cents;
  step_cents_[node * kPurposeCount + size_t(purpose)] += cents;
  received_cents_[node_of(to) * kPurposeCount + size_t(purpose)] += cents;
  ++account_transfers_[from];
  ++account_transfers_[to];
  return double(cents) / 100.0;
}

void MoneyLedger::start_step() {
  std::fill(step_cents_.begin(), step_cents_.end(), 0);
  std::fill(received_cents_.begin(), received_cents_.end(), 0);
}

int64_t MoneyLedger::imbalance_cents() const {
  return std::accumulate(balance_cents_.begin(), balance_cents_.end(), int64_t{0});
}

}  // namespace narcosim
