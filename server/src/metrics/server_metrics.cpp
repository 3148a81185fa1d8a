#include "metrics/server_metrics.hpp"

#include <nlohmann/json.hpp>

namespace wstudio::server {

namespace {

nlohmann::json poolJson(const PoolLoad& pool) {
  const auto load = [](const auto& a) { return a.load(std::memory_order_relaxed); };
  return {{"threads", load(pool.threads)}, {"busy", load(pool.busy)}, {"queued", load(pool.queued)}};
}

}  // namespace

void ServerMetrics::recordRequest(int status, uint64_t microseconds) {
  requests_.fetch_add(1, std::memory_order_relaxed);
  const int cls = status / 100;
  byClass_[cls >= 1 && cls <= 5 ? static_cast<size_t>(cls) : 0].fetch_add(
      1, std::memory_order_relaxed);
  size_t bucket = 0;
  while (bucket < kBucketsUs.size() && microseconds > kBucketsUs[bucket]) ++bucket;
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  latencySumUs_.fetch_add(microseconds, std::memory_order_relaxed);
}

std::string ServerMetrics::toJson() const {
  const auto load = [](const auto& a) { return a.load(std::memory_order_relaxed); };
  nlohmann::json buckets = nlohmann::json::array();
  uint64_t cumulative = 0;
  for (size_t i = 0; i <= kBucketsUs.size(); ++i) {
    cumulative += load(buckets_[i]);
    buckets.push_back({{"le", i < kBucketsUs.size() ? nlohmann::json(kBucketsUs[i])
                                                    : nlohmann::json("+Inf")},
                       {"count", cumulative}});
  }
  return nlohmann::json{
      {"requests",
       {{"total", load(requests_)},
        {"1xx", load(byClass_[1])},
        {"2xx", load(byClass_[2])},
        {"3xx", load(byClass_[3])},
        {"4xx", load(byClass_[4])},
        {"5xx", load(byClass_[5])}}},
      {"latencyMicroseconds",
       {{"buckets", buckets}, {"sum", load(latencySumUs_)}, {"count", cumulative}}},
      {"openWebSockets", load(openWebSockets_)},
      {"pools", {{"hashing", poolJson(hashingPool)}, {"bulk", poolJson(bulkPool)}}}}
      .dump();
}

}  // namespace wstudio::server
