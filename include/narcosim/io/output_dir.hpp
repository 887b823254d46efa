#pragma once
// Output directories that never destroy what narcosim did not create.
//
// A command claims its destination before it runs anything. The claim
//   - takes a lock (a `.NAME.lock` file next to the destination, flock), so a second narcosim
//     writing to the same place fails at once with the first one's pid;
//   - cleans what dead processes left next to the destination (`.NAME.partial-PID-N` staging
//     directories, `.NAME.old-PID` copies, restored if the destination went missing);
//   - refuses (OutputError, exit code 2) a destination that exists unless it is a finished
//     narcosim output, recognised by the listing that publish() records in its manifest.json,
//     holding nothing else, and the user passed --overwrite (or did not choose the path: the
//     default place under runs/ is narcosim's own);
//   - gives a work directory: a fresh staging sibling, or for resumable commands (ensembles,
//     calibration) `PATH.partial`, which is kept after a failure for --resume.
// publish() then swaps the work directory into place atomically (renameat2 RENAME_EXCHANGE):
// until it returns the old output stays complete, after it the new one is.
#include <string>
#include <string_view>
#include <vector>

namespace narcosim::io {

struct OutputRequest {
  std::string path;            // the destination directory
  std::string kind;            // run, compare, ensemble, paired, sensitivity, calibration
  std::string flag = "--out";  // where the path came from, for messages
  bool overwrite = false;      // --overwrite: replace a finished narcosim output
  bool user_chosen = true;     // false: the default place, replaced like --overwrite
  bool resumable = false;      // work in PATH.partial, kept after a failure
  bool resume = false;         // continue PATH.partial (it must exist)
};

class OutputClaim {
 public:
  explicit OutputClaim(OutputRequest request);
  OutputClaim(const OutputClaim&) = delete;
  OutputClaim& operator=(const OutputClaim&) = delete;
  // Releases the lock. A work directory that was not published is removed, unless the output is
  // resumable (then it stays for --resume).
  ~OutputClaim();

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const std::string& work_dir() const { return work_; }
  // Leftovers of dead processes that the claim removed or restored (for a note to the user).
  [[nodiscard]] const std::vector<std::string>& cleaned() const { return cleaned_; }
  // Whether PATH.partial held an earlier, unfinished attempt (resume, or --overwrite of it).
  [[nodiscard]] bool had_partial() const { return had_partial_; }

  // Records the listing in the work directory's manifest.json, removes stray temporary files,
  // and atomically puts the work directory at path().
  void publish();

 private:
  void lock();
  void clean_leftovers();
  void check_destination() const;
  void prepare_work_dir();

  OutputRequest request_;
  std::string path_, parent_, name_, work_;
  std::string lock_path_;
  int lock_fd_ = -1;
  bool published_ = false;
  bool had_partial_ = false;
  std::vector<std::string> cleaned_;
};

// Records in DIR/manifest.json (created if missing) that DIR is a finished narcosim output of
// `kind` and which entries it holds (subdirectories end in '/').
void record_output_listing(const std::string& dir, std::string_view kind);

// Why DIR is not a finished narcosim output that may be replaced (empty if it is one).
std::string why_not_replaceable(const std::string& dir);

// A scenario name as a file name: letters, digits, '.', '_' and '-' kept, anything else
// (separators, spaces, '..') turned into '-', never empty, '.' or '..', at most 100 bytes.
std::string file_name_for(std::string_view name);

}  // namespace narcosim::io
