// A bounded single-producer single-consumer queue: wait-free, no allocation after construction.
// The transport commands, retired graphs and fault reports travel between the main and audio
// threads through these.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <optional>

namespace wstudio::engine {

template <typename T, std::size_t Capacity>
class SpscQueue {
  static_assert(Capacity >= 2 && (Capacity & (Capacity - 1)) == 0, "capacity: a power of two");

 public:
  // [producer] false when full (the item is not queued).
  bool push(const T& item) {
    const std::size_t tail = tail_.load(std::memory_order_relaxed);
    if (tail - head_.load(std::memory_order_acquire) == Capacity) return false;
    slots_[tail & (Capacity - 1)] = item;
    tail_.store(tail + 1, std::memory_order_release);
    return true;
  }
  // [producer] Room for at least one more item.
  bool hasRoom() const {
    return tail_.load(std::memory_order_relaxed) - head_.load(std::memory_order_acquire) < Capacity;
  }
  // [any] Whether nothing is queued: exact on the consumer's side, a hint on another.
  bool empty() const {
    return head_.load(std::memory_order_acquire) == tail_.load(std::memory_order_acquire);
  }
  // [consumer]
  std::optional<T> pop() {
    const std::size_t head = head_.load(std::memory_order_relaxed);
    if (head == tail_.load(std::memory_order_acquire)) return std::nullopt;
    T item = slots_[head & (Capacity - 1)];
    head_.store(head + 1, std::memory_order_release);
    return item;
  }

 private:
  std::array<T, Capacity> slots_{};
  alignas(64) std::atomic<std::size_t> head_{0};
  alignas(64) std::atomic<std::size_t> tail_{0};
};

}  // namespace wstudio::engine
