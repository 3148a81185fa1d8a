#include "jail/worker_message.hpp"

#include <poll.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace wstudio::host::jail {

namespace {

Status writeAll(int fd, const void* data, size_t size) {
  const auto* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, bytes, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail(std::string("the worker pipe closed: ") + std::strerror(errno));
    bytes += n;
    size -= static_cast<size_t>(n);
  }
  return Ok{};
}

// Waits until fd is readable or the deadline passes.
Status waitReadable(int fd, int64_t deadlineMs) {
  if (deadlineMs == 0) return Ok{};
  for (;;) {
    const int64_t left = deadlineMs - monotonicMs();
    if (left <= 0) return fail("timed out");
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left > 60000 ? 60000 : left));
    if (ready > 0) return Ok{};
    if (ready < 0 && errno != EINTR) return fail(std::string("poll: ") + std::strerror(errno));
  }
}

Status readAll(int fd, void* data, size_t size, int64_t deadlineMs) {
  auto* bytes = static_cast<char*>(data);
  while (size > 0) {
    if (Status waited = waitReadable(fd, deadlineMs); !waited) return waited;
    const ssize_t n = ::read(fd, bytes, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(std::string("reading the worker pipe: ") + std::strerror(errno));
    if (n == 0) return fail("the worker pipe closed");
    bytes += n;
    size -= static_cast<size_t>(n);
  }
  return Ok{};
}

}  // namespace

int64_t monotonicMs() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return int64_t{now.tv_sec} * 1000 + now.tv_nsec / 1000000;
}

Status writeMessage(int fd, const WorkerMessage& message) {
  std::vector<const std::string*> parts = {&message.type, &message.header};
  for (const std::string& blob : message.blobs) parts.push_back(&blob);
  const auto count = static_cast<uint32_t>(parts.size());
  if (Status s = writeAll(fd, &count, sizeof count); !s) return s;
  for (const std::string* part : parts) {
    const uint64_t size = part->size();
    if (Status s = writeAll(fd, &size, sizeof size); !s) return s;
    if (Status s = writeAll(fd, part->data(), part->size()); !s) return s;
  }
  return Ok{};
}

Result<WorkerMessage> readMessage(int fd, int64_t deadlineMs) {
  uint32_t count = 0;
  if (Status s = readAll(fd, &count, sizeof count, deadlineMs); !s) return fail(s.error());
  if (count < 2 || count > kMaxMessageParts) return fail("malformed worker message");
  std::vector<std::string> parts(count);
  uint64_t total = 0;
  for (std::string& part : parts) {
    uint64_t size = 0;
    if (Status s = readAll(fd, &size, sizeof size, deadlineMs); !s) return fail(s.error());
    total += size;
    if (size > kMaxMessageBytes || total > kMaxMessageBytes) return fail("worker message too large");
    part.resize(size);
    if (Status s = readAll(fd, part.data(), size, deadlineMs); !s) return fail(s.error());
  }
  WorkerMessage message{std::move(parts[0]), std::move(parts[1]), {}};
  for (uint32_t i = 2; i < count; ++i) message.blobs.push_back(std::move(parts[i]));
  return message;
}

}  // namespace wstudio::host::jail
