// engine.wasm imports nothing but its documented interfaces (EW-1). Out of the box, wasm libc++
// reaches fd_write and friends through operator new -> terminate -> abort_message -> vfprintf;
// these definitions cut that path: allocation failure and libc++'s fatal errors trap, which the
// host sees as a WebAssembly.RuntimeError from the export it called.
#include <cstdlib>
#include <new>
#include <__verbose_abort>  // libc++ (wasm32): declares the hook defined below

void* operator new(std::size_t size) {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) __builtin_trap();
  return p;
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, std::align_val_t alignment) {
  const auto align = static_cast<std::size_t>(alignment);
  void* p = std::aligned_alloc(align, (size + align - 1) / align * align);
  if (p == nullptr) __builtin_trap();
  return p;
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
  return operator new(size, alignment);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

_LIBCPP_BEGIN_NAMESPACE_STD
[[noreturn]] void __libcpp_verbose_abort(const char*, ...) { __builtin_trap(); }
_LIBCPP_END_NAMESPACE_STD

// Called for a pure or deleted virtual function (a bug): trap instead of libc++abi's message.
extern "C" [[noreturn]] void __cxa_pure_virtual() { __builtin_trap(); }
extern "C" [[noreturn]] void __cxa_deleted_virtual() { __builtin_trap(); }
// libc++abi's fatal-error printer, reached from its type_info code (nlohmann's exception
// classes keep it linked): trap rather than pull in stderr.
extern "C" [[noreturn]] void abort_message(const char*, ...) { __builtin_trap(); }
