#include "narcosim/io/output_dir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <filesystem>

#include "narcosim/io/files.hpp"
#include "narcosim/io/limits.hpp"

namespace narcosim::io {

namespace fs = std::filesystem;

namespace {

constexpr const char* kWorkMarker = ".narcosim-work";
constexpr const char* kManifest = "manifest.json";

// A pid written in a leftover's name ("<prefix><digits>[-...]"), or -1.
long pid_after(const std::string& name, const std::string& prefix) {
  if (name.rfind(prefix, 0) != 0) return -1;
  size_t i = prefix.size();
  long pid = 0;
  const size_t first = i;
  while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])) && i - first < 9) {
    pid = pid * 10 + (name[i] - '0');
    ++i;
  }
  if (i == first || (i < name.size() && name[i] != '-')) return -1;
  return pid;
}

bool process_alive(long pid) {
  if (pid <= 0 || pid == long(::getpid())) return false;
  return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

// lstat's view of a path: missing, a directory, a symbolic link or something else.
enum class Entry { missing, directory, link, other };
Entry entry_at(const std::string& path, const std::string& shown) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) return Entry::missing;
    throw OutputError(shown, fmt::format("cannot inspect: {}", describe_errno(errno)));
  }
  if (S_ISLNK(info.st_mode)) return Entry::link;
  if (S_ISDIR(info.st_mode)) return Entry::directory;
  return Entry::other;
}

// Renames with the given renameat2 flags; false (errno set) when the kernel or file system
// does not support the flag.
bool rename_with(const std::string& from, const std::string& to, unsigned flags, int& error) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), flags) == 0) return true;
  error = errno;
  return false;
}

void remove_tree(const std::string& path) {
  std::error_code ignored;
  fs::remove_all(path, ignored);
}

std::string listing_kind(const std::string& dir) {
  try {
    const auto text = read_regular_file(dir + "/" + kManifest, limits::kSmallFileBytes, "manifest");
    const auto manifest = nlohmann::json::parse(text, nullptr, false);
    if (manifest.is_object() && manifest.contains("output") && manifest["output"].is_object() &&
        manifest["output"].value("kind", nlohmann::json()).is_string()) {
      return manifest["output"]["kind"].get<std::string>();
    }
  } catch (const InputError&) {
  }
  return "output";
}

}  // namespace

std::string file_name_for(std::string_view name) {
  std::string out;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '_' || c == '.' || c == '-') {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  const auto trim = [&out] {
    const auto first = out.find_first_not_of(".-");
    out.erase(0, first == std::string::npos ? out.size() : first);
    while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
  };
  trim();
  if (out.size() > 100) {
    out.resize(100);
    trim();
  }
  return out.empty() ? "scenario" : out;
}

void record_output_listing(const std::string& dir, std::string_view kind) {
  nlohmann::json manifest = nlohmann::json::object();
  const auto manifest_path = dir + "/" + kManifest;
  if (fs::exists(manifest_path)) {
    manifest = nlohmann::json::parse(
        read_regular_file(manifest_path, limits::kSmallFileBytes, "manifest"), nullptr, false);
    if (!manifest.is_object()) manifest = nlohmann::json::object();
  }
  std::vector<std::string> files{kManifest};
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (name == kManifest) continue;
    files.push_back(entry.is_directory() && !entry.is_symlink() ? name + "/" : name);
  }
  std::sort(files.begin(), files.end());
  manifest["output"] = {{"kind", std::string(kind)}, {"files", files}};
  write_file_atomically(
      manifest_path, manifest.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

std::string why_not_replaceable(const std::string& dir) {
  std::string text;
  try {
    text = read_regular_file(dir + "/" + kManifest, limits::kSmallFileBytes, "manifest");
  } catch (const InputError&) {
    return "has no narcosim manifest.json";
  }
  const auto manifest = nlohmann::json::parse(text, nullptr, false);
  if (!manifest.is_object() || !manifest.contains("output") || !manifest["output"].is_object() ||
      !manifest["output"].contains("files") || !manifest["output"]["files"].is_array()) {
    return "has a manifest.json without narcosim's list of the files it wrote";
  }
  std::vector<std::string> listed;
  for (const auto& f : manifest["output"]["files"]) {
    if (f.is_string()) listed.push_back(f.get<std::string>());
  }
  std::vector<std::string> foreign;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    const auto name = entry.path().filename().string();
    const bool is_dir = entry.is_directory() && !entry.is_symlink();
    const auto key = is_dir ? name + "/" : name;
    if (std::find(listed.begin(), listed.end(), key) == listed.end() ||
        (!is_dir && !entry.is_regular_file())) {
      foreign.push_back(name);
    } else if (is_dir && !why_not_replaceable(entry.path().string()).empty()) {
      foreign.push_back(name + "/ (changed since narcosim wrote it)");
    }
  }
  if (error) return "cannot be listed: " + error.message();
  if (foreign.empty()) return {};
  std::sort(foreign.begin(), foreign.end());
  const size_t shown = std::min<size_t>(foreign.size(), 3);
  return fmt::format("holds {} that narcosim did not write: {}{}",
                     foreign.size() == 1 ? "an entry" : fmt::format("{} entries", foreign.size()),
                     fmt::join(foreign.begin(), foreign.begin() + long(shown), ", "),
                     foreign.size() > shown ? ", ..." : "");
}

OutputClaim::OutputClaim(OutputRequest request) : request_(std::move(request)) {
  const auto& shown = request_.path;
  if (shown.empty()) throw OutputError(request_.flag, "expected the path of a directory");
  fs::path p = fs::absolute(shown).lexically_normal();
  if (!p.has_filename()) p = p.parent_path();
  if (p == p.root_path() || p.filename() == "." || p.filename() == "..") {
    throw OutputError(shown, "narcosim writes a new directory here; name one, not a root");
  }
  path_ = p.string();
  parent_ = p.parent_path().string();
  name_ = p.filename().string();
  std::error_code error;
  fs::create_directories(parent_, error);
  if (error) {
    throw OutputError(shown,
                      fmt::format("cannot create the directory {}: {}", parent_, error.message()));
  }
  lock();
  try {
    clean_leftovers();
    check_destination();
    prepare_work_dir();
  } catch (...) {
    ::unlink(lock_path_.c_str());
    ::close(lock_fd_);
    throw;
  }
}

OutputClaim::~OutputClaim() {
  if (!published_ && !work_.empty() && !request_.resumable) remove_tree(work_);
  if (lock_fd_ >= 0) {
    // Unlinked while still held: a process that opened the old file sees, after it gets the
    // lock, that the path no longer names it (lock() checks) and tries again.
    ::unlink(lock_path_.c_str());
    ::close(lock_fd_);
  }
}

void OutputClaim::lock() {
  lock_path_ = parent_ + "/." + name_ + ".lock";
  for (int attempt = 0; attempt < 20; ++attempt) {
    const int fd = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
      throw OutputError(request_.path, fmt::format("cannot create the lock file {}: {}", lock_path_,
                                                   describe_errno(errno)));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      char buffer[32] = {};
      const ssize_t got = ::pread(fd, buffer, sizeof buffer - 1, 0);
      ::close(fd);
      if (error == EWOULDBLOCK) {
        const std::string pid = got > 0 ? std::string(buffer, size_t(got)) : std::string("?\n");
        throw OutputError(request_.path,
                          fmt::format("another narcosim (pid {}) is writing here; wait for it to "
                                      "finish or choose another {}",
                                      pid.substr(0, pid.find('\n')), request_.flag));
      }
      throw OutputError(request_.path,
                        fmt::format("cannot lock {}: {}", lock_path_, describe_errno(error)));
    }
    struct stat held {};
    struct stat named {};
    if (::fstat(fd, &held) == 0 && ::stat(lock_path_.c_str(), &named) == 0 &&
        held.st_dev == named.st_dev && held.st_ino == named.st_ino) {
      const auto pid = fmt::format("{}\n", ::getpid());
      if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
        // The pid is only for the message of a second writer; the lock itself holds.
      }
      lock_fd_ = fd;
      return;
    }
    ::close(fd);  // the previous holder removed it after we opened it: take the new one
  }
  throw OutputError(request_.path, "cannot take the lock " + lock_path_);
}

void OutputClaim::clean_leftovers() {
  const std::string staging = "." + name_ + ".partial-";
  const std::string old = "." + name_ + ".old-";
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(parent_, error)) {
    const auto name = entry.path().filename().string();
    const auto full = entry.path().string();
    if (const long pid = pid_after(name, staging); pid >= 0 && !process_alive(pid)) {
      remove_tree(full);
      cleaned_.push_back("removed " + full + " (left by a process that died)");
    } else if (const long owner = pid_after(name, old); owner >= 0 && !process_alive(owner)) {
      // The earlier output, moved aside by a replacement that did not finish.
      if (!fs::exists(fs::symlink_status(path_)) && why_not_replaceable(full).empty()) {
        fs::rename(full, path_, error);
        cleaned_.push_back("restored " + path_ + " from " + full +
                           " (a replacement that did not finish)");
      } else {
        remove_tree(full);
        cleaned_.push_back("removed " + full + " (left by a process that died)");
      }
    }
  }
}

void OutputClaim::check_destination() const {
  const auto& shown = request_.path;
  switch (entry_at(path_, shown)) {
    case Entry::missing:
      return;
    case Entry::link:
      throw OutputError(shown,
                        "is a symbolic link; narcosim replaces only a directory it wrote itself: "
                        "choose another " +
                            request_.flag);
    case Entry::other:
      throw OutputError(shown,
                        "exists and is not a directory; narcosim writes a new directory here "
                        "and never replaces a file: choose another " +
                            request_.flag);
    case Entry::directory:
      break;
  }
  const auto reason = why_not_replaceable(path_);
  if (!reason.empty()) {
    throw OutputError(shown, fmt::format("exists and {}; narcosim replaces only a finished "
                                         "output of its own: choose another {}, or move it away",
                                         reason, request_.flag));
  }
  if (request_.user_chosen && !request_.overwrite) {
    throw OutputError(shown, fmt::format("holds a finished narcosim {}; pass --overwrite to "
                                         "replace it, or choose another {}",
                                         listing_kind(path_), request_.flag));
  }
}

void OutputClaim::prepare_work_dir() {
  if (!request_.resumable) {
    for (int attempt = 0; attempt < 1000; ++attempt) {
      const auto candidate =
          fmt::format("{}/.{}.partial-{}-{}", parent_, name_, ::getpid(), attempt);
      if (::mkdir(candidate.c_str(), 0755) == 0) {
        work_ = candidate;
        return;
      }
      if (errno != EEXIST) {
        throw OutputError(request_.path, fmt::format("cannot create a directory next to it: {}",
                                                     describe_errno(errno)));
      }
    }
    throw OutputError(request_.path, "cannot create a work directory next to it");
  }
  work_ = path_ + ".partial";
  const auto marker = work_ + "/" + kWorkMarker;
  const auto what = request_.kind;
  switch (entry_at(work_, work_)) {
    case Entry::link:
    case Entry::other:
      throw OutputError(work_, "exists and narcosim did not create it: move it away");
    case Entry::directory: {
      std::string owner;
      try {
        owner = read_regular_file(marker, 4096, "work marker");
      } catch (const InputError&) {
        if (why_not_replaceable(work_).empty()) {
          // A finished output moved aside by a replacement that did not finish.
          remove_tree(work_);
          cleaned_.push_back("removed " + work_ + " (an earlier output being replaced)");
          break;
        }
        throw OutputError(work_, "exists and narcosim did not create it (no " +
                                     std::string(kWorkMarker) + "): move it away");
      }
      if (owner.substr(0, owner.find('\n')) != what) {
        throw OutputError(work_,
                          fmt::format("holds an interrupted {}, not a {}: choose another {}",
                                      owner.substr(0, owner.find('\n')), what, request_.flag));
      }
      had_partial_ = true;
      if (request_.resume) return;
      if (!request_.overwrite) {
        throw OutputError(work_, fmt::format("holds an interrupted {}: --resume completes it, "
                                             "--overwrite discards it and starts again",
                                             what));
      }
      remove_tree(work_);
      break;
    }
    case Entry::missing:
      break;
  }
  if (request_.resume) {
    throw OutputError(work_, fmt::format("--resume: no interrupted {} here (drop --resume to "
                                         "start one)",
                                         what));
  }
  if (::mkdir(work_.c_str(), 0755) != 0) {
    throw OutputError(work_, "cannot create: " + describe_errno(errno));
  }
  write_file_atomically(marker, what + "\n");
}

void OutputClaim::publish() {
  // Temporary files of writes that were interrupted in an earlier session, and the marker.
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(work_, error)) {
    const auto name = entry.path().filename().string();
    const auto tmp = name.rfind(".tmp-");
    if (name == kWorkMarker ||
        (tmp != std::string::npos && tmp > 0 && pid_after(name.substr(tmp), ".tmp-") >= 0)) {
      fs::remove(entry.path(), error);
    }
  }
  record_output_listing(work_, request_.kind);
  int rename_error = 0;
  if (entry_at(path_, request_.path) == Entry::missing) {
    if (rename_with(work_, path_, RENAME_NOREPLACE, rename_error)) {
      published_ = true;
      return;
    }
    if (rename_error == EINVAL || rename_error == ENOSYS) {
      if (::rename(work_.c_str(), path_.c_str()) == 0) {
        published_ = true;
        return;
      }
      rename_error = errno;
    }
    published_ = true;  // keep the results where they are
    throw OutputError(request_.path, fmt::format("cannot move the finished output into place "
                                                 "({}); it is complete in {}",
                                                 describe_errno(rename_error), work_));
  }
  // Someone may have added files while the run went on: check again before replacing.
  const auto reason = why_not_replaceable(path_);
  if (!reason.empty()) {
    published_ = true;
    throw OutputError(request_.path,
                      fmt::format("changed while narcosim ran and now {}; the new output is "
                                  "complete in {}",
                                  reason, work_));
  }
  if (rename_with(work_, path_, RENAME_EXCHANGE, rename_error)) {
    published_ = true;
    remove_tree(work_);  // now the old output
    return;
  }
  if (rename_error != EINVAL && rename_error != ENOSYS) {
    published_ = true;
    throw OutputError(request_.path, fmt::format("cannot replace it ({}); the new output is "
                                                 "complete in {}",
                                                 describe_errno(rename_error), work_));
  }
  // No atomic exchange on this file system: move the old one aside first. If this process dies
  // in between, the next claim restores it (clean_leftovers).
  const auto aside = fmt::format("{}/.{}.old-{}", parent_, name_, ::getpid());
  const bool moved_aside = ::rename(path_.c_str(), aside.c_str()) == 0;
  if (!moved_aside || ::rename(work_.c_str(), path_.c_str()) != 0) {
    const int failure = errno;
    if (moved_aside) ::rename(aside.c_str(), path_.c_str());
    published_ = true;
    throw OutputError(request_.path, fmt::format("cannot replace it ({}); the new output is "
                                                 "complete in {}",
                                                 describe_errno(failure), work_));
  }
  published_ = true;
  remove_tree(aside);
}

}  // namespace narcosim::io
