// Turns a wasm memory access outside a module's live pages into an out-of-bounds trap.
//
// Translated modules access linear memory without bounds checks: each memory is a reservation of
// every address a wasm32 access can form, of which only the live pages are readable and
// writable (runtime/wsx_runtime.c). An access to any other page raises SIGSEGV (or SIGBUS); the
// process-wide handler installed here checks that the faulting thread is inside a wasm call and
// that the address lies in that call's memory reservation, and if so unwinds the call with
// WSX_TRAP_OOB. Any other fault goes on to the handler that was installed before (or the default
// action), so host bugs still crash loudly.
#pragma once

#include "sandbox/runtime/wsx_abi.h"

namespace wstudio::host::sandbox {

// This thread's state for module calls; installs the handler on first use. Pass it to every
// wsx_module::instantiate and ::call made on this thread.
wsx_thread_state* guardedThreadState();

}  // namespace wstudio::host::sandbox
