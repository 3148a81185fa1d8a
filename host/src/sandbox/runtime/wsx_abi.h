/* wsx: the C interface between the host (wstudio_host) and one translated module's shared
 * object. The host includes it as C++; every module .so is compiled with it (embedded in the host
 * at build time, written next to the generated C). Changing it changes every cache key.
 *
 * A module .so exports exactly one symbol, wsx_module_entry(), returning a wsx_module table.
 * Everything else in the .so (the translated code, the runtime) has hidden visibility, so modules
 * never see one another's or the host's symbols. */
#ifndef WSX_ABI_H
#define WSX_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WSX_ABI_VERSION 3u

/* One wasm value, as the generic call interface passes arguments and results. */
typedef union wsx_value {
  uint32_t i32;
  uint64_t i64;
  float f32;
  double f64;
} wsx_value;

/* Why a call ended early (0: it did not). */
enum {
  WSX_OK = 0,
  WSX_TRAP_OOB = 1,            /* out-of-bounds memory or table access */
  WSX_TRAP_INT_OVERFLOW = 2,   /* integer overflow in division or truncation */
  WSX_TRAP_DIV_BY_ZERO = 3,
  WSX_TRAP_INVALID_CONVERSION = 4,
  WSX_TRAP_UNREACHABLE = 5,
  WSX_TRAP_CALL_INDIRECT = 6,  /* bad call_indirect: null entry or wrong signature */
  WSX_TRAP_UNCAUGHT_EXCEPTION = 7,
  WSX_TRAP_EXHAUSTION = 8,     /* native stack budget used up (deep recursion) */
  WSX_TRAP_RUNAWAY = 100,      /* the call ran out of instruction fuel */
  WSX_TRAP_HOST = 101,         /* an import's host callback asked to trap */
  WSX_TRAP_LIMIT = 102,        /* instantiation: memory or table larger than the host allows */
  WSX_TRAP_BAD_CALL = 103      /* the host asked for a function index that does not exist */
};

/* A linear memory as the host sees it. `data` may move when memory grows: re-read after every
 * call. */
typedef struct wsx_memory_view {
  uint8_t* data;
  uint64_t size;
} wsx_memory_view;

/* A host callback bound to an import. `host` is the embedder's context pointer given at
 * instantiation; `memory` the calling instance's memory (data NULL if it has none). Returns 0,
 * or nonzero to trap the wasm call with WSX_TRAP_HOST. Must not throw, longjmp or re-enter the
 * module. */
typedef int (*wsx_host_function)(void* host, wsx_memory_view memory, const wsx_value* args,
                                 wsx_value* results);

/* Where the host's SIGSEGV/SIGBUS handler finds the running call of its thread (one per thread,
 * owned by the host; see guard_pages.cpp). A module sets it around every call into wasm code and
 * restores the previous value after, so calls may nest (a host callback calling another module).
 * Linear memory is a guard-page reservation: an access outside it faults, and the handler turns a
 * fault inside `memory`'s reservation (or any fault while instantiating, memory == NULL) into a
 * WSX_TRAP_OOB unwind to `unwind_target`. */
typedef struct wsx_thread_state {
  void* unwind_target;  /* the call's jmp_buf, or NULL outside wasm code */
  const uint8_t* memory_base;
  uint64_t memory_reservation;
} wsx_thread_state;

/* Bytes reserved for each linear memory: every address a wasm32 access can form (a 32-bit
 * address plus a 32-bit offset plus the access size), so no access needs an explicit check. */
#define WSX_MEMORY_RESERVATION ((1ull << 33) + 65536ull)

/* What an instance may use; fixed at instantiation. */
typedef struct wsx_limits {
  uint32_t max_memory_pages;  /* grow beyond this fails (returns -1 in wasm) like an allocation */
  uint32_t max_table_elements;
  uint32_t stack_budget_bytes; /* native stack a call may use before WSX_TRAP_EXHAUSTION */
} wsx_limits;

typedef struct wsx_instance wsx_instance;

typedef struct wsx_module {
  uint32_t abi_version; /* WSX_ABI_VERSION */
  /* Makes an instance (NULL when out of host memory). `callbacks` has one entry per import
   * bound to a callback, in binding order (see ImportBindings); the array is copied. On a trap
   * during instantiation (data segment out of bounds, limits) *trap is set and NULL returned. */
  wsx_instance* (*instantiate)(const wsx_limits* limits, void* host,
                               const wsx_host_function* callbacks, uint32_t callback_count,
                               wsx_thread_state* thread, int* trap);
  void (*destroy)(wsx_instance*);
  /* Calls exported function `function_index` (an index into the module's exported functions, in
   * export order; see ModuleInfo) with fuel for at most `fuel` loop iterations and function
   * entries. Returns WSX_OK or a WSX_TRAP_*; results are written only on WSX_OK. */
  int (*call)(wsx_instance*, uint32_t function_index, const wsx_value* args, wsx_value* results,
              uint64_t fuel, wsx_thread_state* thread);
  /* The instance's memory (exported, defined or imported; data NULL if it has none). */
  wsx_memory_view (*memory)(wsx_instance*);
  /* Address of exported global `global_index` (export order among globals), NULL if none. */
  void* (*global)(wsx_instance*, uint32_t global_index);
} wsx_module;

#ifdef __cplusplus
}
#endif

#endif /* WSX_ABI_H */
