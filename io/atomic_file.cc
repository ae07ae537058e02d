#include "io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
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

}  // namespace

Status WriteFileAtomic(const std::string& path, std::string_view bytes,
                       const std::function<Status(const std::string& written)>& verify) {
  if (path.empty()) return Status::InvalidArgument("no output file given").WithField("path");
  if (const std::string why = NotReplaceable(path); !why.empty())
    return Status::Io("refusing to write " + path + ": " + why).WithField("path");
  const std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  // The temporary file lives beside the target so rename() never crosses file systems.
  std::string tmpl = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) return IoError("cannot create a temporary file for", path, errno);
  const std::string tmp(name.data());
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
