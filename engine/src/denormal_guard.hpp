// Flush-to-zero and denormals-are-zero for the duration of a render call, where the CPU has such a
// mode (x86 SSE). WebAssembly has none: there the plugins and the engine's own recursions flush
// explicitly (wsp::dsp::flushDenormal).
#pragma once

#if defined(__SSE__)
#include <xmmintrin.h>
#endif

namespace wstudio::engine {

class DenormalGuard {
 public:
#if defined(__SSE__)
  DenormalGuard() : saved_(_mm_getcsr()) { _mm_setcsr(saved_ | kFlushToZero | kDenormalsAreZero); }
  ~DenormalGuard() { _mm_setcsr(saved_); }
#else
  DenormalGuard() {}  // nothing to switch; user-provided, so a guard never reads as unused
#endif
  DenormalGuard(const DenormalGuard&) = delete;
  DenormalGuard& operator=(const DenormalGuard&) = delete;

 private:
#if defined(__SSE__)
  static constexpr unsigned kFlushToZero = 0x8000;
  static constexpr unsigned kDenormalsAreZero = 0x0040;
  unsigned saved_;
#endif
};

}  // namespace wstudio::engine
