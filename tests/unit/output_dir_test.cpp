// Output directories never destroy what narcosim did not create (io/output_dir.hpp): what a
// claim refuses, what it replaces and how, the lock, and the leftovers of dead processes.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "narcosim/core/errors.hpp"
#include "narcosim/io/files.hpp"
#include "narcosim/io/output_dir.hpp"
#include "test_support.hpp"

namespace narcosim {
namespace {

namespace fs = std::filesystem;
using io::OutputClaim;
using io::OutputError;
using io::OutputRequest;

OutputRequest request(const fs::path& path, bool overwrite = false, bool user_chosen = true) {
  OutputRequest r;
  r.path = path.string();
  r.kind = "run";
  r.overwrite = overwrite;
  r.user_chosen = user_chosen;
  return r;
}

OutputRequest resumable(const fs::path& path, bool resume, bool overwrite = false) {
  OutputRequest r = request(path, overwrite);
  r.kind = "ensemble";
  r.resumable = true;
  r.resume = resume;
  return r;
}

// A finished output at `path` holding one file with `content`, made as a command makes one.
void finished_output(const fs::path& path, const std::string& content, bool overwrite = false) {
  OutputClaim claim(request(path, overwrite, true));
  test::write_file(fs::path(claim.work_dir()) / "summary.csv", content);
  claim.publish();
}

// The message of the OutputError that `make` throws ("" if none).
template <typename Make>
std::string refusal(Make make) {
  try {
    make();
  } catch (const OutputError& e) {
    return e.what();
  }
  return "";
}

// A pid that no process has: a child that has exited and been reaped.
long dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  return child;
}

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(FileNameFor, NeverAPathNeverEmpty) {
  EXPECT_EQ(io::file_name_for("baseline"), "baseline");
  EXPECT_EQ(io::file_name_for("../../victim"), "victim");
  EXPECT_EQ(io::file_name_for("/etc/passwd"), "etc-passwd");
  EXPECT_EQ(io::file_name_for("Legal transport (Guatemala)"), "Legal-transport-Guatemala");
  for (const char* name : {"", ".", "..", "/", "...", " ", "\n"}) {
    EXPECT_EQ(io::file_name_for(name), "scenario") << "'" << name << "'";
  }
  const auto long_name = io::file_name_for(std::string(500, 'x'));
  EXPECT_EQ(long_name.size(), 100u);
  for (const auto& name : {io::file_name_for("a/b\\c:d\0e"), io::file_name_for("..a/..")}) {
    EXPECT_EQ(name.find('/'), std::string::npos);
    EXPECT_NE(name.front(), '.');
  }
}

TEST(OutputClaim, RefusesADirectoryOfTheUsersAndLeavesItAlone) {
  test::TempDir dir;
  const auto d = dir.path() / "d";
  fs::create_directories(d / "sub");
  test::write_file(d / "keep", "x");
  const auto message = refusal([&] { OutputClaim claim(request(d, true)); });
  EXPECT_NE(message.find("has no narcosim manifest.json"), std::string::npos) << message;
  EXPECT_EQ(test::read_file(d / "keep"), "x");
  EXPECT_TRUE(fs::is_directory(d / "sub"));
  EXPECT_EQ(entries(dir.path()), std::vector<std::string>{"d"});  // no lock or staging left
}

TEST(OutputClaim, RefusesAFileALinkAndTheCurrentDirectory) {
  test::TempDir dir;
  test::write_file(dir.path() / "notes.txt", "mine");
  fs::create_directory_symlink(dir.path(), dir.path() / "link");
  EXPECT_NE(refusal([&] {
              OutputClaim c(request(dir.path() / "notes.txt", true));
            }).find("is not a directory"),
            std::string::npos);
  EXPECT_NE(
      refusal([&] { OutputClaim c(request(dir.path() / "link", true)); }).find("symbolic link"),
      std::string::npos);
  EXPECT_NE(refusal([&] { OutputClaim c(request(dir.path() / ".", true)); }), "");
  EXPECT_NE(refusal([&] { OutputClaim c(request("/", true)); }), "");
  EXPECT_EQ(test::read_file(dir.path() / "notes.txt"), "mine");
}

TEST(OutputClaim, AFinishedOutputIsReplacedOnlyWithOverwriteOrAtTheDefaultPlace) {
  test::TempDir dir;
  const auto out = dir.path() / "out";
  finished_output(out, "old");
  const auto message = refusal([&] { OutputClaim c(request(out, false, true)); });
  EXPECT_NE(message.find("pass --overwrite"), std::string::npos) << message;
  EXPECT_EQ(test::read_file(out / "summary.csv"), "old");
  finished_output(out, "new", true);
  EXPECT_EQ(test::read_file(out / "summary.csv"), "new");
  {
    OutputClaim claim(request(out, false, false));  // the default place under runs/
    test::write_file(fs::path(claim.work_dir()) / "summary.csv", "default");
    claim.publish();
  }
  EXPECT_EQ(test::read_file(out / "summary.csv"), "default");
  EXPECT_EQ(entries(dir.path()), std::vector<std::string>{"out"});
}

TEST(OutputClaim, AFileAddedToAFinishedOutputMakesItTheUsers) {
  test::TempDir dir;
  const auto out = dir.path() / "out";
  finished_output(out, "old");
  test::write_file(out / "my-notes.md", "analysis");
  const auto message = refusal([&] { OutputClaim c(request(out, true, false)); });
  EXPECT_NE(message.find("my-notes.md"), std::string::npos) << message;
  EXPECT_EQ(test::read_file(out / "my-notes.md"), "analysis");
}

TEST(OutputClaim, AFileAddedWhileRunningStopsTheReplacementAndKeepsBoth) {
  test::TempDir dir;
  const auto out = dir.path() / "out";
  finished_output(out, "old");
  OutputClaim claim(request(out, true));
  test::write_file(fs::path(claim.work_dir()) / "summary.csv", "new");
  test::write_file(out / "added-meanwhile.txt", "mine");
  EXPECT_THROW(claim.publish(), OutputError);
  EXPECT_EQ(test::read_file(out / "added-meanwhile.txt"), "mine");
  EXPECT_EQ(test::read_file(fs::path(claim.work_dir()) / "summary.csv"), "new");
}

TEST(OutputClaim, ASecondWriterIsRefusedAtOnceWithTheFirstOnesPid) {
  test::TempDir dir;
  const auto out = dir.path() / "out";
  {
    OutputClaim first(request(out));
    const auto message = refusal([&] { OutputClaim second(request(out, true)); });
    EXPECT_NE(message.find(fmt::format("another narcosim (pid {})", ::getpid())), std::string::npos)
        << message;
  }
  OutputClaim after(request(out));  // released with the first claim
  EXPECT_TRUE(fs::is_directory(after.work_dir()));
}

TEST(OutputClaim, AnUnpublishedWorkDirectoryGoesAwayAndNothingLooksComplete) {
  test::TempDir dir;
  const auto out = dir.path() / "out";
  {
    OutputClaim claim(request(out));
    test::write_file(fs::path(claim.work_dir()) / "summary.csv", "half");
  }
  EXPECT_TRUE(entries(dir.path()).empty());
}

TEST(OutputClaim, LeftoversOfDeadProcessesAreCleanedAndAMovedAsideOutputRestored) {
  test::TempDir dir;
  const auto out = dir.path() / "out";
  finished_output(out, "old");
  const long dead = dead_pid();
  // A staging directory of a killed run, and the output moved aside by a replacement that was
  // killed before it put the new one in place.
  fs::create_directories(dir.path() / fmt::format(".out.partial-{}-0", dead));
  fs::rename(out, dir.path() / fmt::format(".out.old-{}", dead));
  // A live process's staging directory is not touched.
  fs::create_directories(dir.path() / fmt::format(".out.partial-{}-7", ::getppid()));
  OutputClaim claim(request(out, true));
  EXPECT_EQ(claim.cleaned().size(), 2u);
  EXPECT_EQ(test::read_file(out / "summary.csv"), "old");
  EXPECT_FALSE(fs::exists(dir.path() / fmt::format(".out.partial-{}-0", dead)));
  EXPECT_TRUE(fs::exists(dir.path() / fmt::format(".out.partial-{}-7", ::getppid())));
}

TEST(OutputClaim, PublishRemovesStrayTemporaryFiles) {
  test::TempDir dir;
  const auto out = dir.path() / "out";
  {
    OutputClaim claim(request(out));
    test::write_file(fs::path(claim.work_dir()) / "quantiles.csv", "q");
    test::write_file(fs::path(claim.work_dir()) / "quantiles.csv.tmp-12345", "half");
    claim.publish();
  }
  EXPECT_EQ(entries(out), (std::vector<std::string>{"manifest.json", "quantiles.csv"}));
  EXPECT_EQ(io::why_not_replaceable(out.string()), "");
}

TEST(OutputClaim, AnInterruptedResumableOutputIsKeptAndNeedsResumeOrOverwrite) {
  test::TempDir dir;
  const auto out = dir.path() / "ens";
  {
    OutputClaim claim(resumable(out, false));
    test::write_file(fs::path(claim.work_dir()) / "results.sqlite", "runs so far");
  }  // not published: as after a kill or an error
  EXPECT_EQ(test::read_file(dir.path() / "ens.partial/results.sqlite"), "runs so far");
  const auto message = refusal([&] { OutputClaim c(resumable(out, false)); });
  EXPECT_NE(message.find("--resume completes it"), std::string::npos) << message;
  {
    OutputClaim resumed(resumable(out, true));
    EXPECT_TRUE(resumed.had_partial());
    EXPECT_EQ(test::read_file(fs::path(resumed.work_dir()) / "results.sqlite"), "runs so far");
  }
  {
    OutputClaim restarted(resumable(out, false, true));
    EXPECT_FALSE(fs::exists(fs::path(restarted.work_dir()) / "results.sqlite"));
  }
  EXPECT_NE(refusal([&] {
              OutputClaim c(resumable(dir.path() / "never", true));
            }).find("--resume: no interrupted ensemble"),
            std::string::npos);
  // A directory named like a work directory that narcosim did not make is not touched.
  fs::create_directories(dir.path() / "mine.partial");
  test::write_file(dir.path() / "mine.partial/data", "x");
  EXPECT_NE(refusal([&] { OutputClaim c(resumable(dir.path() / "mine", false, true)); }), "");
  EXPECT_EQ(test::read_file(dir.path() / "mine.partial/data"), "x");
}

TEST(ReadRegularFile, RefusesDevicesDirectoriesFifosAndOversizedFiles) {
  test::TempDir dir;
  const auto fifo = dir.path() / "pipe.yaml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto expect_refused = [](const std::string& path, size_t limit, const std::string& why) {
    try {
      (void)io::read_regular_file(path, limit, "scenario file");
      ADD_FAILURE() << path << " was read";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
    }
  };
  expect_refused("/dev/zero", 1 << 20, "not a regular file");
  expect_refused(fifo.string(), 1 << 20, "not a regular file");  // and does not block
  expect_refused(dir.str(), 1 << 20, "directory");
  test::write_file(dir.path() / "big.yaml", std::string(3000, 'x'));
  expect_refused((dir.path() / "big.yaml").string(), 2048, "larger than the limit");
  EXPECT_EQ(io::read_regular_file((dir.path() / "big.yaml").string(), 3000, "file").size(), 3000u);
}

}  // namespace
}  // namespace narcosim
