// Cluster without MPI (CMake found no MPI): always a single rank.
#include "narcosim/ensemble/cluster.hpp"

namespace narcosim::ensemble {

bool started_by_mpi_launcher() {
  return false;
}
bool Cluster::mpi_built_in() {
  return false;
}
int Cluster::local_size() const {
  return 1;
}
Cluster::Cluster(int& /*argc*/, char**& /*argv*/) {}
// Out of line to match the MPI build, whose destructor finalises MPI.
Cluster::~Cluster() = default;  // NOLINT(performance-trivially-destructible)
void Cluster::broadcast(std::string& /*bytes*/) const {}
void Cluster::send_to_root(const std::string& /*bytes*/) const {}
std::optional<std::string> Cluster::try_receive() const {
  return std::nullopt;
}
void Cluster::abort(int /*code*/) const {}

}  // namespace narcosim::ensemble
