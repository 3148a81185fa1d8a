// The C++ runtime pieces a plugin module defines itself so that it imports nothing (ABI-4).
// libc++'s own operator new and its abort path reach vfprintf to stderr, which imports WASI's
// fd_write/fd_seek/fd_close. Here allocation failure and library assertions trap instead: the
// host sees a trap, reports it and disables the plugin. Expanded once per module by WSP_PLUGIN
// (replacement operators may not be inline, so a header cannot simply define them).
#pragma once

#include <cstdlib>
#include <new>

#define WSP_DETAIL_WASM_RUNTIME                                                                   \
  void* operator new(std::size_t size) {                                                          \
    if (void* p = std::malloc(size != 0 ? size : 1)) return p;                                    \
    __builtin_trap();                                                                             \
  }                                                                                               \
  void* operator new[](std::size_t size) { return ::operator new(size); }                        \
  void* operator new(std::size_t size, const std::nothrow_t&) noexcept {                          \
    return std::malloc(size != 0 ? size : 1);                                                     \
  }                                                                                               \
  void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {                        \
    return std::malloc(size != 0 ? size : 1);                                                     \
  }                                                                                               \
  void* operator new(std::size_t size, std::align_val_t align) {                                  \
    const std::size_t a = static_cast<std::size_t>(align);                                        \
    if (void* p = std::aligned_alloc(a, (size + a - 1) / a * a + (size == 0 ? a : 0))) return p;  \
    __builtin_trap();                                                                             \
  }                                                                                               \
  void* operator new[](std::size_t size, std::align_val_t align) {                               \
    return ::operator new(size, align);                                                           \
  }                                                                                               \
  void operator delete(void* p) noexcept { std::free(p); }                                        \
  void operator delete[](void* p) noexcept { std::free(p); }                                      \
  void operator delete(void* p, std::size_t) noexcept { std::free(p); }                           \
  void operator delete[](void* p, std::size_t) noexcept { std::free(p); }                         \
  void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }                 \
  void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }               \
  void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }                      \
  void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }                    \
  void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }         \
  void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }       \
  _LIBCPP_BEGIN_NAMESPACE_STD                                                                     \
  void __libcpp_verbose_abort(const char*, ...) { __builtin_trap(); }                             \
  _LIBCPP_END_NAMESPACE_STD
