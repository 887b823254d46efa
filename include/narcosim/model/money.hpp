#pragma once
// Double-entry money accounts. Every payment in the model is a transfer from one account to
// another, booked in whole cents so that the sum over all accounts is exactly zero at every
// step (model brief s4: "every dollar paid is received by someone"). Accounts are sectors of
// each node (government, households, growers, drug trade, legal industry) and one per
// trafficking organisation. Per-step totals by purpose and node feed the money metrics.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace narcosim {

enum class Sector : uint8_t {
  government = 0,
  households = 1,
  growers = 2,
  drug_trade = 3,  // retail dealers and local wholesale buyers of the node
  legal_industry = 4,
  count_
};
constexpr size_t kSectorCount = size_t(Sector::count_);

// Why money moved. The first group are public programs (government outflows).
enum class Purpose : uint8_t {
  interdiction = 0,
  eradication,
  enforcement,
  treatment,
  prisons,
  programs,  // social programs, alternative development, dissuasion panels
  compensation,
  tax,             // excise on legal sales (household -> government)
  legal_sale,      // household -> legal industry; licensed crop purchases
  illicit_retail,  // user -> drug trade
  wholesale,       // drug trade -> organisation
  crop_purchase,   // organisation -> growers
  plaza_fee,       // organisation -> organisation
  payout,          // organisation -> its owners' households
  bribe,           // organisation -> households of the country whose officials it pays
  count_
};
constexpr size_t kPurposeCount = size_t(Purpose::count_);

using Account = uint32_t;

class MoneyLedger {
 public:
  // `homes`: the node of each organisation, for reporting what organisations receive.
  void reset(size_t nodes, const std::vector<size_t>& homes);
  [[nodiscard]] Account sector(size_t node, Sector s) const {
    return Account(node * kSectorCount + size_t(s));
  }
  [[nodiscard]] Account organization(size_t o) const { return Account(nodes_ * kSectorCount + o); }
  // Books `usd` (rounded to whole cents) from `from` to `to`. Returns the amount booked in USD.
  // `node` is the country the flow is reported under (payer's for spending, payee's for tax).
  double transfer(Account from, Account to, double usd, Purpose purpose, size_t node);
  // Per-step totals in USD by node and purpose; cleared by start_step.
  void start_step();
  [[nodiscard]] double flow(size_t node, Purpose purpose) const {
    return double(step_cents_[node * kPurposeCount + size_t(purpose)]) / 100.0;
  }
  // Per-step totals in USD received by accounts of `node` (sectors, and organisations based
  // there), by purpose.
  [[nodiscard]] double received(size_t node, Purpose purpose) const {
    return double(received_cents_[node * kPurposeCount + size_t(purpose)]) / 100.0;
  }
  [[nodiscard]] size_t node_of(Account a) const {
    return a < nodes_ * kSectorCount ? a / kSectorCount : homes_[a - nodes_ * kSectorCount];
  }
  [[nodiscard]] double balance(Account a) const { return double(balance_cents_[a]) / 100.0; }
  // Sum of all balances in cents: zero unless a transfer was booked on one side only.
  [[nodiscard]] int64_t imbalance_cents() const;
  [[nodiscard]] uint64_t transfers(Account a) const { return account_transfers_[a]; }
  bool operator==(const MoneyLedger&) const = default;

 private:
  size_t nodes_ = 0;
  std::vector<int64_t> balance_cents_;
  std::vector<size_t> homes_;
  std::vector<int64_t> step_cents_;          // [node * kPurposeCount + purpose], reported node
  std::vector<int64_t> received_cents_;      // [node * kPurposeCount + purpose], payee's node
  std::vector<uint64_t> account_transfers_;  // booked transfers touching each account
};

}  // namespace narcosim
