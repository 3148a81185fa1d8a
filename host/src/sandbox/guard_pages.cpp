#include "sandbox/guard_pages.hpp"

#include <setjmp.h>
#include <signal.h>

#include <cstdint>

namespace wstudio::host::sandbox {

namespace {

// Plain data, so reading it from a signal handler is safe.
thread_local wsx_thread_state tState = {nullptr, nullptr, 0};

struct sigaction gPreviousSegv;
struct sigaction gPreviousBus;

bool isGuardFault(const void* address) {
  if (tState.unwind_target == nullptr) return false;
  if (tState.memory_base == nullptr) return true;  // instantiating: only module code runs
  const auto a = reinterpret_cast<uintptr_t>(address);
  const auto base = reinterpret_cast<uintptr_t>(tState.memory_base);
  return a >= base && a - base < tState.memory_reservation;
}

void chain(const struct sigaction& previous, int signal, siginfo_t* info, void* context) {
  if (previous.sa_flags & SA_SIGINFO) {
    previous.sa_sigaction(signal, info, context);
  } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
    previous.sa_handler(signal);
  } else {
    // Returning re-executes the faulting instruction, which now takes the default action.
    ::signal(signal, SIG_DFL);
  }
}

void onFault(int signal, siginfo_t* info, void* context) {
  if (isGuardFault(info->si_addr)) {
    // SA_NODEFER left the signal unblocked, so a plain longjmp leaves the mask as it was.
    longjmp(*static_cast<jmp_buf*>(tState.unwind_target), WSX_TRAP_OOB);
  }
  chain(signal == SIGBUS ? gPreviousBus : gPreviousSegv, signal, info, context);
}

void install() {
  struct sigaction action = {};
  action.sa_sigaction = onFault;
  action.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  sigaction(SIGSEGV, &action, &gPreviousSegv);
  sigaction(SIGBUS, &action, &gPreviousBus);
}

}  // namespace

// Called on every call into wasm code: a function-local static's guard is an inline check,
// where std::call_once is a call into pthread_once each time.
wsx_thread_state* guardedThreadState() {
  static const bool installed = (install(), true);
  (void)installed;
  return &tState;
}

}  // namespace wstudio::host::sandbox
