#include "io/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <vector>

namespace careergraph::io {
namespace {

Status IoError(const std::string& what, const std::string& path, int err) {
  return Status::Io(what + " " + path + ": " + std::strerror(err)).WithField("path");
}

// Writes all of `bytes`, retrying short writes and EINTR.
bool WriteAll(int fd, std::string_view bytes) {
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return true;
}

// Why `path` must not be replaced (see atomic_file.h), or "" when it is a regular file or
// does not exist yet.
std::string NotReplaceable(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return "";
  if (S_ISREG(st.st_mode)) return "";
  if (S_ISLNK(st.st_mode)) return "it is a symbolic link; give the link's target or a new file";
  if (S_ISDIR(st.st_mode)) return "it is a directory; give a file name inside it";
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "it is a device; give a regular file or a new path";
  if (S_ISFIFO(st.st_mode)) return "it is a FIFO; give a regular file or a new path";
  return "it is not a regular file; give a regular file or a new path";
}

// ---- temporary files removed when a signal ends the process ---------------------------
//
// A write in progress registers its temporary file here. SIGINT, SIGTERM, SIGHUP and SIGQUIT,
// when nothing else handles them, unlink the registered files and then end the process as
// the signal would have (the default action, re-raised). The handler only reads fixed slots
// and calls unlink(), both async-signal-safe. SIGKILL cannot be caught: the temporary name
// carries the writer's pid, and the next write to the same target removes a temporary file
// whose writer no longer exists (StaleTempFilesRemoved).

constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

struct TempSlot {
  std::atomic<int> state{0};  // 0 free, 1 being filled, 2 registered
  char path[PATH_MAX] = {};
};
std::array<TempSlot, 32> g_temp_slots;

extern "C" void RemoveTempFilesAndReraise(int sig) {
  for (auto& slot : g_temp_slots)
    if (slot.state.load(std::memory_order_acquire) == 2) ::unlink(slot.path);
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// Installs the handler for each signal still at its default action, once per process: a
// server or a program embedding the library keeps the handlers it set.
void InstallCleanupHandlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int sig : kSignals) {
      struct sigaction old {};
      if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler != SIG_DFL) continue;
      struct sigaction act {};
      act.sa_handler = RemoveTempFilesAndReraise;
      sigemptyset(&act.sa_mask);
      ::sigaction(sig, &act, nullptr);
    }
  });
}

// A registration of one temporary file for the life of one write; a write that finds
// every slot taken is simply not registered (the stale-file sweep still covers it).
class TempRegistration {
 public:
  explicit TempRegistration(const std::string& path) {
    if (path.size() >= PATH_MAX) return;
    for (auto& slot : g_temp_slots) {
      int expected = 0;
      if (!slot.state.compare_exchange_strong(expected, 1, std::memory_order_acq_rel)) continue;
      std::memcpy(slot.path, path.c_str(), path.size() + 1);
      slot.state.store(2, std::memory_order_release);
      slot_ = &slot;
      return;
    }
  }
  ~TempRegistration() {
    if (slot_) slot_->state.store(0, std::memory_order_release);
  }
  TempRegistration(const TempRegistration&) = delete;
  TempRegistration& operator=(const TempRegistration&) = delete;

 private:
  TempSlot* slot_ = nullptr;
};

// ".NAME.tmp-PID-" : the prefix of every temporary file written for target NAME by PID.
std::string TempPrefix(const std::string& name, long pid) {
  return "." + name + ".tmp-" + std::to_string(pid) + "-";
}

// Removes the temporary files of earlier writes to `target` whose writer has died (killed
// mid-write); a live writer's file is left alone.
void RemoveStaleTempFiles(const std::filesystem::path& dir, const std::string& name) {
  const std::string head = "." + name + ".tmp-";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string file = entry.path().filename().string();
    if (file.compare(0, head.size(), head) != 0) continue;
    const std::size_t dash = file.find('-', head.size());
    if (dash == std::string::npos || dash == head.size()) continue;
    char* end = nullptr;
    const long pid = std::strtol(file.c_str() + head.size(), &end, 10);
    if (end != file.c_str() + dash || pid <= 0) continue;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      std::error_code ignored;
      std::filesystem::remove(entry.path(), ignored);
    }
  }
}

}  // namespace

Status WriteFileAtomic(const std::string& path, std::string_view bytes,
                       const std::function<Status(const std::string& written)>& verify) {
  if (path.empty()) return Status::InvalidArgument("no output file given").WithField("path");
  if (const std::string why = NotReplaceable(path); !why.empty())
    return Status::Io("refusing to write " + path + ": " + why).WithField("path");
  const std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  // Named plainly here, rather than as mkstemp's ENOENT on a temporary name.
  if (std::error_code ec; !std::filesystem::exists(dir, ec))
    return Status::Io("cannot write " + path + ": the directory '" + dir.string() + "' does not exist")
        .WithField("path");
  else if (!std::filesystem::is_directory(dir, ec))
    return Status::Io("cannot write " + path + ": '" + dir.string() + "' is not a directory").WithField("path");
  InstallCleanupHandlers();
  RemoveStaleTempFiles(dir, target.filename().string());
  // The temporary file lives beside the target so rename() never crosses file systems.
  std::string tmpl = (dir / (TempPrefix(target.filename().string(), ::getpid()) + "XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  // Signals that would end the process wait while the file is created and registered, so
  // no file exists that the handler does not know of.
  sigset_t block, previous;
  sigemptyset(&block);
  for (int sig : kSignals) sigaddset(&block, sig);
  ::pthread_sigmask(SIG_BLOCK, &block, &previous);
  int fd = ::mkstemp(name.data());
  const int mkstemp_errno = errno;
  const std::string tmp(fd >= 0 ? name.data() : "");
  std::optional<TempRegistration> registration;
  if (fd >= 0) registration.emplace(tmp);
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  if (fd < 0) return IoError("cannot create a temporary file for", path, mkstemp_errno);
  auto fail = [&](const char* what) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    return IoError(what, path, err);
  };
  // mkstemp creates 0600; give the file the permissions a plain create would (umask applies).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0) return fail("cannot set permissions of");
  if (!WriteAll(fd, bytes)) return fail("cannot write");
  if (::fsync(fd) != 0) return fail("cannot flush");
  if (::close(fd) != 0) {
    fd = -1;
    return fail("cannot close");
  }
  fd = -1;
  if (verify) {
    if (Status v = verify(tmp); !v.ok()) {
      ::unlink(tmp.c_str());
      return v;
    }
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) return fail("cannot replace");
  // Make the rename itself durable.
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    (void)::fsync(dfd);
    ::close(dfd);
  }
  return Status::Ok();
}

StatusOr<std::string> ReadFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) return Status::NotFound("no such file: " + path).WithField("path");
    return IoError("cannot open", path, err);
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::Io("cannot read " + path + ": it is a directory").WithField("path");
  }
  std::string out;
  if (st.st_size > 0) out.reserve(static_cast<std::size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return IoError("cannot read", path, err);
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

}  // namespace careergraph::io
