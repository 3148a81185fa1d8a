// Request counts, a latency histogram and open WebSockets, lock-free (relaxed atomics: the
// numbers are statistics, not synchronisation). GET /api/v1/metrics renders them.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace wstudio::server {

// How loaded one of the network layer's work pools is (http/work_pool.hpp keeps it current).
struct PoolLoad {
  std::atomic<int64_t> threads{0};
  std::atomic<int64_t> busy{0};    // tasks running
  std::atomic<int64_t> queued{0};  // tasks waiting for a thread
};

class ServerMetrics {
 public:
  // Upper bounds of the latency buckets in microseconds; the last bucket is unbounded.
  static constexpr std::array<uint64_t, 12> kBucketsUs = {100,   250,   500,    1000,
                                                          2500,  5000,  10000,  25000,
                                                          50000, 100000, 250000, 1000000};

  void recordRequest(int status, uint64_t microseconds);
  void webSocketOpened() { openWebSockets_.fetch_add(1, std::memory_order_relaxed); }
  void webSocketClosed() { openWebSockets_.fetch_sub(1, std::memory_order_relaxed); }
  int64_t openWebSockets() const { return openWebSockets_.load(std::memory_order_relaxed); }
  uint64_t requests() const { return requests_.load(std::memory_order_relaxed); }

  // {"requests": {"total", "2xx", "3xx", "4xx", "5xx"}, "latencyMicroseconds": {"buckets":
  // [{"le", "count"}...], "sum", "count"}, "openWebSockets", "pools": {"hashing", "bulk"}:
  // {"threads", "busy", "queued"}}
  std::string toJson() const;

  PoolLoad hashingPool;  // password hashing
  PoolLoad bulkPool;     // uploads and large bodies

 private:
  std::atomic<uint64_t> requests_{0};
  std::array<std::atomic<uint64_t>, 6> byClass_{};  // index status / 100 (1..5), 0 = other
  std::array<std::atomic<uint64_t>, kBucketsUs.size() + 1> buckets_{};
  std::atomic<uint64_t> latencySumUs_{0};
  std::atomic<int64_t> openWebSockets_{0};
};

}  // namespace wstudio::server
