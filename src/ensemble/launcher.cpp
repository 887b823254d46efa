// What the environment says about an MPI launcher, with or without MPI built in.
#include <cstdlib>

#include "narcosim/ensemble/cluster.hpp"

namespace narcosim::ensemble {

bool started_by_mpi_launcher() {
  // Open MPI's mpirun, PMIx launchers (srun --mpi=pmix) and MPICH/Hydra set these.
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

int launcher_job_size() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "SLURM_NTASKS"}) {
    if (const char* value = std::getenv(name)) {
      const int n = std::atoi(value);
      if (n > 0) return n;
    }
  }
  return 1;
}

}  // namespace narcosim::ensemble
