// A malloc-backed array of trivially copyable values, for buffers sized at activation (delay
// lines, the SDK's audio and event buffers). Allocation failure comes back as false: the ABI
// reports it as a status (WSP_ERR_OUT_OF_MEMORY), and in a wasm build without exceptions a
// failing operator new (std::vector, new) can only trap, taking down every plugin instance that
// shares the module instance.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <type_traits>

namespace wsp::dsp {

template <typename T>
class HeapArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  HeapArray() = default;
  HeapArray(const HeapArray&) = delete;
  HeapArray& operator=(const HeapArray&) = delete;
  ~HeapArray() { std::free(data_); }

  // Replaces the contents with `count` zeroed values. False (and empty) when out of memory.
  [[nodiscard]] bool allocate(std::size_t count) {
    release();
    data_ = static_cast<T*>(std::calloc(count, sizeof(T)));
    if (data_ == nullptr) return false;
    size_ = count;
    return true;
  }

  // Grows to at least `count` values, keeping the contents. False (unchanged) when out of memory.
  [[nodiscard]] bool reserve(std::size_t count) {
    if (count <= size_) return true;
    T* grown = static_cast<T*>(std::realloc(data_, count * sizeof(T)));
    if (grown == nullptr) return false;
    std::memset(static_cast<void*>(grown + size_), 0, (count - size_) * sizeof(T));
    data_ = grown;
    size_ = count;
    return true;
  }

  void release() {
    std::free(data_);
    data_ = nullptr;
    size_ = 0;
  }

  T* data() const { return data_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](std::size_t i) const { return data_[i]; }

 private:
  T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace wsp::dsp
