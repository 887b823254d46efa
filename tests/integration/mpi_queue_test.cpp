// The runner's schedules over two MPI ranks (started by tests/CMakeLists.txt under mpiexec -n 2):
// every run is stored exactly once on rank 0 with either schedule; with the dynamic queue, a
// rank held up by one slow run leaves the rest to the other rank, while the round-robin split
// gives each rank its fixed half whatever the run times.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>
#include <vector>

#include "narcosim/ensemble/cluster.hpp"
#include "narcosim/ensemble/runner.hpp"

namespace narcosim::ensemble {
namespace {

const Cluster* cluster = nullptr;

constexpr uint32_t kRuns = 12;

// Run 0 takes 1.5 s, the others 20 ms each: the eleven short runs take a seventh of the long one.
RunRecord timed_run(uint32_t id) {
  std::this_thread::sleep_for(std::chrono::milliseconds(id == 0 ? 1500 : 20));
  RunRecord r;
  r.run_id = id;
  r.values.push_back(SeriesValue{0, 0, double(cluster->rank())});  // who ran it
  return r;
}

// On rank 0: the rank that ran each run id.
std::map<uint32_t, int> run_all(Schedule schedule) {
  RunnerSettings settings;
  settings.jobs = 1;
  settings.schedule = schedule;
  std::vector<uint32_t> ids(kRuns);
  for (uint32_t i = 0; i < kRuns; ++i) ids[i] = i;
  std::map<uint32_t, int> ran_by;
  size_t stored = 0;
  execute_runs(ids, *cluster, settings, timed_run, [&](RunRecord&& r) {
    ++stored;
    ran_by[r.run_id] = int(r.values.at(0).value);
  });
  if (cluster->is_root()) {
    EXPECT_EQ(stored, size_t(kRuns)) << "a run stored twice";
  }
  return ran_by;
}

TEST(MpiQueue, TwoRanksShareTheWork) {
  ASSERT_EQ(cluster->size(), 2) << "start this test with mpiexec -n 2";
}

TEST(MpiQueue, TheDynamicQueueRoutesAroundASlowRun) {
  const auto ran_by = run_all(Schedule::dynamic);
  if (!cluster->is_root()) return;
  ASSERT_EQ(ran_by.size(), size_t(kRuns));
  const int slow_rank = ran_by.at(0);
  int runs_of_slow_rank = 0;
  for (const auto& [id, rank] : ran_by) runs_of_slow_rank += rank == slow_rank ? 1 : 0;
  // Round robin would give it 6; while it sleeps 1.5 s the other rank finishes the rest.
  EXPECT_LE(runs_of_slow_rank, 2);
}

TEST(MpiQueue, RoundRobinGivesEachRankItsFixedHalf) {
  const auto ran_by = run_all(Schedule::round_robin);
  if (!cluster->is_root()) return;
  ASSERT_EQ(ran_by.size(), size_t(kRuns));
  for (const auto& [id, rank] : ran_by) EXPECT_EQ(rank, int(id % 2)) << "run " << id;
}

}  // namespace
}  // namespace narcosim::ensemble

int main(int argc, char** argv) {
  const narcosim::ensemble::Cluster cluster(argc, argv);
  narcosim::ensemble::cluster = &cluster;
  ::testing::InitGoogleTest(&argc, argv);
  // Only rank 0 reports; every rank runs the same tests, as the runner needs.
  if (!cluster.is_root()) {
    auto& listeners = ::testing::UnitTest::GetInstance()->listeners();
    delete listeners.Release(listeners.default_result_printer());
  }
  return RUN_ALL_TESTS();
}
