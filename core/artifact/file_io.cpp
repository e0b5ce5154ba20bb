// Artifact files: written so a reader never sees half a file, read with a size ceiling.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

#include "artifact/artifact.hpp"
#include "ferry/errors.hpp"

namespace ferry::detail {
namespace {

// No honest artifact comes near this; a larger file is refused before it is read, so a wrong
// path (a disk image, /dev/zero) cannot exhaust memory.
constexpr std::uint64_t kMaxFileBytes = std::uint64_t{1} << 30;  // 1 GiB

std::string os_error(int error) { return std::strerror(error); }

// Closes a descriptor on every path out of a scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // close() can report a deferred write error (NFS), so the writer checks it.
  int close() {
    const int result = ::close(fd_);
    fd_ = -1;
    return result;
  }

 private:
  int fd_;
};

[[noreturn]] void write_failed(const std::string& path, const char* step, int error) {
  throw Error("cannot write artifact '" + path + "': " + step + " failed: " + os_error(error));
}

// Creates a new temporary file beside the target. O_EXCL with mode 0666 (not mkstemp's 0600)
// so the final file gets the permissions the umask gives any new file.
int create_temporary(const std::string& path, std::string& temp_path) {
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    temp_path = path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    const int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return fd;
    if (errno != EEXIST) write_failed(path, ("creating the temporary file '" + temp_path + "'").c_str(), errno);
  }
  write_failed(path, "creating a temporary file (100 names taken)", EEXIST);
}

void write_all(int fd, const std::uint8_t* data, std::size_t size, const std::string& path) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      write_failed(path, "write", errno);
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

// Makes the rename itself durable. Best effort: some file systems refuse fsync on a directory,
// and the file's contents are already safe by then.
void sync_directory_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void write_file_atomically(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  std::string temp_path;
  FileDescriptor file(create_temporary(path, temp_path));
  try {
    write_all(file.get(), bytes.data(), bytes.size(), path);
    if (::fsync(file.get()) != 0) write_failed(path, "fsync", errno);
    if (file.close() != 0) write_failed(path, "close", errno);
    if (::rename(temp_path.c_str(), path.c_str()) != 0) {
      write_failed(path, ("renaming '" + temp_path + "' over it").c_str(), errno);
    }
  } catch (...) {
    ::unlink(temp_path.c_str());
    throw;
  }
  sync_directory_of(path);
}

std::vector<std::uint8_t> read_file(const std::string& path) {
  const int raw = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (raw < 0) {
    throw ArtifactError("cannot open artifact '" + path + "': " + os_error(errno));
  }
  FileDescriptor file(raw);
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) {
    throw ArtifactError("cannot read artifact '" + path + "': " + os_error(errno));
  }
  if (S_ISDIR(info.st_mode)) {
    throw ArtifactError("cannot read artifact '" + path + "': expected a file, found a directory");
  }
  const bool regular = S_ISREG(info.st_mode);
  if (regular && static_cast<std::uint64_t>(info.st_size) > kMaxFileBytes) {
    throw ArtifactError("artifact '" + path + "' is " + std::to_string(info.st_size) +
                        " bytes, more than the limit of " + std::to_string(kMaxFileBytes) +
                        " bytes (1 GiB)");
  }
  std::vector<std::uint8_t> bytes;
  if (regular) bytes.reserve(static_cast<std::size_t>(info.st_size));
  // Read to end of file rather than trusting st_size: the file may be a pipe or still growing.
  std::uint8_t chunk[65536];
  for (;;) {
    const ssize_t n = ::read(file.get(), chunk, sizeof chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw ArtifactError("cannot read artifact '" + path + "': " + os_error(errno));
    }
    if (n == 0) break;
    if (bytes.size() + static_cast<std::size_t>(n) > kMaxFileBytes) {
      throw ArtifactError("artifact '" + path + "' is more than the limit of " +
                          std::to_string(kMaxFileBytes) + " bytes (1 GiB)");
    }
    bytes.insert(bytes.end(), chunk, chunk + n);
  }
  return bytes;
}

}  // namespace ferry::detail
