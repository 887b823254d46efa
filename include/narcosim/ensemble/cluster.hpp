#pragma once
// The processes of an ensemble: one, or the ranks of an MPI job (mpirun -n K narcosim ...).
// Rank 0 owns the output; the other ranks compute runs and send them to it. Only the main
// thread of a process calls MPI (MPI_THREAD_FUNNELED). Built without MPI, or started without
// an MPI launcher, there is a single rank and nothing here touches MPI.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace narcosim::ensemble {

// The kinds of message between ranks (each its own MPI tag): finished runs to rank 0, requests
// for work to rank 0, and run ids assigned by rank 0 (runner.cpp has the protocol).
enum class Channel : uint8_t { result, request, assignment };

struct Message {
  int from = 0;
  std::string bytes;
};

class Cluster {
 public:
  // Joins the MPI job if the process was started by an MPI launcher (mpirun, srun); a single
  // rank otherwise. Finalises MPI on destruction. Built without MPI, throws InputError when
  // started as one of several ranks.
  Cluster(int& argc, char**& argv);
  // This process alone, whatever launched it; never touches MPI (a library user such as the
  // Python module, which runs an ensemble on threads).
  Cluster() = default;
  ~Cluster();  // NOLINT(performance-trivially-destructible): finalises MPI when built with it
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  [[nodiscard]] int rank() const { return rank_; }
  [[nodiscard]] int size() const { return size_; }
  [[nodiscard]] bool is_root() const { return rank_ == 0; }
  // Ranks of this job on this machine (from the launcher's environment; 1 without MPI): the
  // default number of runs at once per rank is the cores divided by it.
  [[nodiscard]] int local_size() const;

  // Root's `bytes` become every rank's.
  void broadcast(std::string& bytes) const;
  // Returns when every rank has called it; waits without spinning a core (a rank that is done
  // must not take the core of one still running).
  void barrier() const;
  // Starts sending a message to rank `to` and returns at once: a blocking send would spin a
  // core until the receiver takes the message, stealing it from the workers.
  void send(int to, Channel channel, std::string bytes) const;
  // Messages still on their way (progresses them; call until 0 before finishing).
  [[nodiscard]] size_t sends_in_flight() const;
  // A message on `channel` from any rank, if one has arrived.
  [[nodiscard]] std::optional<Message> try_receive(Channel channel) const;
  // Ends the whole job after an error on one rank (MPI_Abort); returns on a single rank.
  void abort(int code) const;

 private:
  struct Outbox;  // sends in flight (MPI build only)
  int rank_ = 0;
  int size_ = 1;
  std::shared_ptr<Outbox> outbox_;
  [[maybe_unused]] bool joined_ = false;  // unused without MPI
};

// True if the environment says an MPI launcher started this process.
bool started_by_mpi_launcher();
// Processes in the launcher's job, from its environment (1 without a launcher).
int launcher_job_size();

}  // namespace narcosim::ensemble
