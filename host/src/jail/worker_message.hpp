// The messages a jailed worker and its parent exchange over a pipe pair: a type, a JSON header and
// binary blobs (module bytes, a compiled library). On the wire: u32 part count, then each part as
// u64 length + bytes; part 0 is the type, part 1 the header, the rest are blobs. Both sides bound
// what they accept, so neither a hostile worker nor a confused parent can make the other allocate
// without limit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "wstudio/host/result.hpp"

namespace wstudio::host::jail {

struct WorkerMessage {
  std::string type;    // "compile", "compiled", "run", "progress", "result", "error"
  std::string header;  // JSON text
  std::vector<std::string> blobs;
};

inline constexpr uint32_t kMaxMessageParts = 16;
inline constexpr uint64_t kMaxMessageBytes = uint64_t{512} << 20;

// Blocking; retries on EINTR. Error on a closed pipe or a write error.
Status writeMessage(int fd, const WorkerMessage& message);

// Blocking read of one whole message. Error on end of file, a short read, or a message over the
// limits above. `deadlineMs` (absolute, CLOCK_MONOTONIC milliseconds; 0 = none) bounds the wait:
// on expiry the error is "timed out".
Result<WorkerMessage> readMessage(int fd, int64_t deadlineMs = 0);

// CLOCK_MONOTONIC in milliseconds, for deadlines.
int64_t monotonicMs();

}  // namespace wstudio::host::jail
