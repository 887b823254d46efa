// Cluster over MPI (compiled when CMake finds MPI).
#include <mpi.h>

#include <chrono>
#include <cstdlib>
#include <list>
#include <thread>
#include <utility>

#include "narcosim/ensemble/cluster.hpp"

namespace narcosim::ensemble {

namespace {
int tag_of(Channel channel) {
  return 17 + int(channel);
}
}  // namespace

struct Cluster::Outbox {
  // A list: erasing a finished send must not move the buffers of the others.
  std::list<std::pair<MPI_Request, std::string>> sends;
};

int Cluster::local_size() const {
  if (size_ == 1) return 1;
  for (const char* name :
       {"OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS", "SLURM_NTASKS_PER_NODE"}) {
    if (const char* value = std::getenv(name)) {
      const int n = std::atoi(value);
      if (n > 0) return n;
    }
  }
  return 1;
}

Cluster::Cluster(int& argc, char**& argv) {
  if (!started_by_mpi_launcher()) return;
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  joined_ = true;
  outbox_ = std::make_shared<Outbox>();
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Cluster::~Cluster() {
  if (joined_) MPI_Finalize();
}

void Cluster::broadcast(std::string& bytes) const {
  if (size_ == 1) return;
  unsigned long long length = bytes.size();
  MPI_Bcast(&length, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
  bytes.resize(length);
  MPI_Bcast(bytes.data(), int(length), MPI_BYTE, 0, MPI_COMM_WORLD);
}

void Cluster::barrier() const {
  if (size_ == 1) return;
  MPI_Request request = MPI_REQUEST_NULL;
  MPI_Ibarrier(MPI_COMM_WORLD, &request);
  for (int done = 0; !done;) {
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    if (!done) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void Cluster::send(int to, Channel channel, std::string bytes) const {
  auto& [request, buffer] = outbox_->sends.emplace_back(MPI_REQUEST_NULL, std::move(bytes));
  MPI_Isend(buffer.data(), int(buffer.size()), MPI_BYTE, to, tag_of(channel), MPI_COMM_WORLD,
            &request);
}

size_t Cluster::sends_in_flight() const {
  if (!outbox_) return 0;
  auto& sends = outbox_->sends;
  for (auto it = sends.begin(); it != sends.end();) {
    int done = 0;
    MPI_Test(&it->first, &done, MPI_STATUS_IGNORE);
    it = done ? sends.erase(it) : std::next(it);
  }
  return sends.size();
}

std::optional<Message> Cluster::try_receive(Channel channel) const {
  if (size_ == 1) return std::nullopt;
  int arrived = 0;
  MPI_Status status;
  MPI_Iprobe(MPI_ANY_SOURCE, tag_of(channel), MPI_COMM_WORLD, &arrived, &status);
  if (!arrived) return std::nullopt;
  int length = 0;
  MPI_Get_count(&status, MPI_BYTE, &length);
  Message message{status.MPI_SOURCE, std::string(size_t(length), '\0')};
  MPI_Recv(message.bytes.data(), length, MPI_BYTE, status.MPI_SOURCE, tag_of(channel),
           MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return message;
}

void Cluster::abort(int code) const {
  if (joined_ && size_ > 1) MPI_Abort(MPI_COMM_WORLD, code);
}

}  // namespace narcosim::ensemble
