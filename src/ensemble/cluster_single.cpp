// Cluster without MPI (CMake found no MPI): always a single rank.
#include "narcosim/core/errors.hpp"
#include "narcosim/ensemble/cluster.hpp"

namespace narcosim::ensemble {

int Cluster::local_size() const {
  return 1;
}
Cluster::Cluster(int& /*argc*/, char**& /*argv*/) {
  // Every rank of an mpirun job would run the whole job and write the same files.
  if (launcher_job_size() > 1) {
    throw InputError(SourceLocation{"mpirun", 0, 0},
                     "this narcosim was built without MPI and cannot share work between ranks; "
                     "rebuild with Debian's libopenmpi-dev installed (scripts/install-deps.sh), "
                     "or run it without mpirun");
  }
}
// Out of line to match the MPI build, whose destructor finalises MPI.
Cluster::~Cluster() = default;
void Cluster::broadcast(std::string& /*bytes*/) const {}
void Cluster::barrier() const {}
void Cluster::send(int /*to*/, Channel /*channel*/, std::string /*bytes*/) const {}
size_t Cluster::sends_in_flight() const {
  return 0;
}
std::optional<Message> Cluster::try_receive(Channel /*channel*/) const {
  return std::nullopt;
}
void Cluster::abort(int /*code*/) const {}

}  // namespace narcosim::ensemble
