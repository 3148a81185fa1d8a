// A malloc-backed array of trivially copyable values. The ABI reports allocation failure as a
// status (WSP_ERR_OUT_OF_MEMORY, a 0 pointer) instead of trapping, which operator new cannot do
// in a build without exceptions; this keeps the SDK's own buffers on the reporting side.
#pragma once

#include <cstdlib>
#include <cstring>
#include <type_traits>

namespace wsp::sdk::detail {

template <typename T>
class HeapArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  HeapArray() = default;
  HeapArray(const HeapArray&) = delete;
  HeapArray& operator=(const HeapArray&) = delete;
  ~HeapArray() { std::free(data_); }

  // Replaces the contents with `count` zeroed values. False (and empty) when out of memory.
  bool allocate(size_t count) {
    release();
    data_ = static_cast<T*>(std::calloc(count, sizeof(T)));
    if (data_ == nullptr) return false;
    size_ = count;
    return true;
  }

  // Grows to at least `count` values, keeping the contents. False (unchanged) when out of memory.
  bool reserve(size_t count) {
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
  size_t size() const { return size_; }
  T& operator[](size_t i) const { return data_[i]; }

 private:
  T* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace wsp::sdk::detail
