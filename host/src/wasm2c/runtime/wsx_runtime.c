/* wsx runtime: this project's implementation of wasm-rt.h for one translated module, compiled
 * into that module's shared object together with the wasm2c output (see glue generation in
 * host/src/wasm2c/glue_source.cpp). Written for the host's needs instead of wabt's
 * wasm-rt-impl.c:
 *  - traps unwind to a thread-local target, so several threads can run modules at once;
 *  - every loop header and function entry spends instruction fuel of the running call; running out
 *    traps with WSX_TRAP_RUNAWAY;
 *  - function entry checks the native stack pointer against a per-call budget, so deep recursion
 *    traps (WSX_TRAP_EXHAUSTION) instead of overflowing the thread's stack;
 *  - memory accesses carry no bounds checks (WASM_RT_MEMCHECK_SIGNAL_HANDLER=1): each memory is
 *    a reservation of every address a wasm32 access can form (WSX_MEMORY_RESERVATION), of which
 *    only the live pages are accessible; anything else faults, and the host's signal handler
 *    (host/src/wasm2c/guard_pages.cpp) unwinds that into an out-of-bounds trap. Explicit checks
 *    made the DSP of real plugins 1.5-2.5x slower (docs/BENCHMARKS.md). Memory never moves, so
 *    grow is an mprotect and fails cleanly past the instance's ceiling (ABI-5).
 * Expects: wsx_abi.h and the wasm2c header (module name "m") included before it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define WSX_PAGE_SIZE 65536u
#define WSX_HIDDEN __attribute__((visibility("hidden")))

/* What imports see of their caller: the embedder's context, the callbacks bound to imports, and
 * the instance's memory. Each import module's instance struct (struct Z_<module>_instance_t)
 * wraps it, so wasm2c hands it to every import function. */
typedef struct wsx_env {
  void* host;
  wsx_host_function* callbacks;
  uint32_t callback_count;
  wasm_rt_memory_t* memory;        /* the instance's memory, or NULL */
  wasm_rt_memory_t imported_memory; /* used when the module imports its memory */
} wsx_env;

struct wsx_instance {
  Z_m_instance_t module; /* first: generated code's `instance` pointer is cast back to this */
  uintptr_t stack_limit;
  wsx_limits limits;
  wsx_env env;
};

/* ---- per-thread unwinding -------------------------------------------------------------- */

static __thread jmp_buf* wsx_unwind_target;
/* Fuel left to the running call. A thread-local whose address never escapes, not an instance
 * field: the compiler may then keep it in a register across the module's memory stores (which,
 * being char-typed, may alias any escaped object) instead of reloading it at every loop turn. */
static __thread int64_t wsx_fuel;
/* Limits for wasm_rt_allocate_* during an instantiation on this thread (they get no instance). */
static __thread const wsx_limits* wsx_instantiating_limits;

WSX_HIDDEN WASM_RT_NO_RETURN void wasm_rt_trap(wasm_rt_trap_t code) {
  if (wsx_unwind_target == NULL) abort(); /* a trap outside wsx_call: a host bug, not a plugin's */
  longjmp(*wsx_unwind_target, (int)code);
}

static WASM_RT_NO_RETURN void wsx_trap(int code) { wasm_rt_trap((wasm_rt_trap_t)code); }

/* Generated function prologues and loop headers (inserted by the host's post-processing). */
#define WSX_INSTANCE ((struct wsx_instance*)instance)
#define WSX_FUEL_TICK                                 \
  if (UNLIKELY(--wsx_fuel < 0)) wsx_trap(WSX_TRAP_RUNAWAY)
#define WSX_FUNC_PROLOGUE                                                           \
  WSX_FUEL_TICK;                                                                    \
  if (UNLIKELY((uintptr_t)__builtin_frame_address(0) < WSX_INSTANCE->stack_limit)) \
  wsx_trap(WSX_TRAP_EXHAUSTION)
#define WSX_FUNC_EPILOGUE

/* ---- runtime state wasm-rt.h asks for ---------------------------------------------------- */

WSX_HIDDEN void wasm_rt_init(void) {}
WSX_HIDDEN bool wasm_rt_is_initialized(void) { return true; }
WSX_HIDDEN void wasm_rt_free(void) {}

/* Function types for call_indirect checks: equal signatures get equal indices. Registered only
 * while the host initialises the module (once, under its lock). */
typedef struct wsx_func_type {
  uint32_t params, results;
  wasm_rt_type_t* types;
} wsx_func_type;
static wsx_func_type* wsx_func_types;
static uint32_t wsx_func_type_count;

WSX_HIDDEN uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...) {
  const uint32_t n = params + results;
  wasm_rt_type_t* types = malloc(sizeof(wasm_rt_type_t) * (n ? n : 1));
  if (types == NULL) abort();
  va_list args;
  va_start(args, results);
  for (uint32_t i = 0; i < n; ++i) types[i] = (wasm_rt_type_t)va_arg(args, int);
  va_end(args);
  for (uint32_t i = 0; i < wsx_func_type_count; ++i) {
    const wsx_func_type* t = &wsx_func_types[i];
    if (t->params == params && t->results == results &&
        memcmp(t->types, types, sizeof(wasm_rt_type_t) * n) == 0) {
      free(types);
      return i;
    }
  }
  wsx_func_type* grown = realloc(wsx_func_types, sizeof(wsx_func_type) * (wsx_func_type_count + 1));
  if (grown == NULL) abort();
  wsx_func_types = grown;
  wsx_func_types[wsx_func_type_count] = (wsx_func_type){params, results, types};
  return wsx_func_type_count++;
}

/* ---- memory ------------------------------------------------------------------------------ */

WSX_HIDDEN void wasm_rt_allocate_memory(wasm_rt_memory_t* memory, uint32_t initial_pages,
                                        uint32_t max_pages) {
  const uint32_t ceiling = wsx_instantiating_limits->max_memory_pages;
  if (initial_pages > ceiling) wsx_trap(WSX_TRAP_LIMIT);
  /* Address space only; pages become accessible as the memory grows. */
  void* mapped = mmap(NULL, WSX_MEMORY_RESERVATION, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mapped == MAP_FAILED) wsx_trap(WSX_TRAP_LIMIT);
  uint8_t* data = mapped;
  const size_t initial = (size_t)initial_pages * WSX_PAGE_SIZE;
  if (initial > 0 && mprotect(data, initial, PROT_READ | PROT_WRITE) != 0) {
    munmap(data, WSX_MEMORY_RESERVATION);
    wsx_trap(WSX_TRAP_LIMIT);
  }
  memory->data = data;
  memory->pages = initial_pages;
  memory->max_pages = max_pages < ceiling ? max_pages : ceiling;
  memory->size = initial_pages * WSX_PAGE_SIZE;
}

WSX_HIDDEN uint32_t wasm_rt_grow_memory(wasm_rt_memory_t* memory, uint32_t delta) {
  const uint32_t old_pages = memory->pages;
  if (delta == 0) return old_pages;
  if (delta > memory->max_pages - old_pages) return UINT32_MAX; /* past the ceiling: fail */
  if (mprotect(memory->data + memory->size, (size_t)delta * WSX_PAGE_SIZE,
               PROT_READ | PROT_WRITE) != 0) {
    return UINT32_MAX;
  }
  memory->pages = old_pages + delta;
  memory->size = memory->pages * WSX_PAGE_SIZE;
  return old_pages;
}

WSX_HIDDEN void wasm_rt_free_memory(wasm_rt_memory_t* memory) {
  if (memory->data != NULL) munmap(memory->data, WSX_MEMORY_RESERVATION);
  memory->data = NULL;
}

/* ---- tables ------------------------------------------------------------------------------ */

#define WSX_DEFINE_TABLE(type, value_t, null_value)                                              \
  WSX_HIDDEN void wasm_rt_allocate_##type##_table(wasm_rt_##type##_table_t* table,              \
                                                  uint32_t elements, uint32_t max_elements) {   \
    const uint32_t ceiling = wsx_instantiating_limits->max_table_elements;                      \
    if (elements > ceiling) wsx_trap(WSX_TRAP_LIMIT);                                            \
    table->size = elements;                                                                      \
    table->max_size = max_elements < ceiling ? max_elements : ceiling;                           \
    table->data = calloc(elements ? elements : 1, sizeof(value_t));                              \
    if (table->data == NULL) wsx_trap(WSX_TRAP_LIMIT);                                           \
  }                                                                                              \
  WSX_HIDDEN void wasm_rt_free_##type##_table(wasm_rt_##type##_table_t* table) {                \
    free(table->data);                                                                           \
    table->data = NULL;                                                                          \
  }                                                                                              \
  WSX_HIDDEN uint32_t wasm_rt_grow_##type##_table(wasm_rt_##type##_table_t* table,              \
                                                  uint32_t delta, value_t init) {               \
    const uint32_t old_size = table->size;                                                       \
    if (delta == 0) return old_size;                                                             \
    if (delta > table->max_size - old_size) return UINT32_MAX;                                   \
    value_t* grown = realloc(table->data, sizeof(value_t) * ((size_t)old_size + delta));         \
    if (grown == NULL) return UINT32_MAX;                                                        \
    for (uint32_t i = old_size; i < old_size + delta; ++i) grown[i] = init;                      \
    table->data = grown;                                                                         \
    table->size = old_size + delta;                                                              \
    return old_size;                                                                             \
  }

WSX_DEFINE_TABLE(funcref, wasm_rt_funcref_t, wasm_rt_funcref_null_value)
WSX_DEFINE_TABLE(externref, wasm_rt_externref_t, wasm_rt_externref_null_value)

/* ---- helpers for import bodies written in C (see ImportBinding) -------------------------- */

/* The address of [addr, addr + length) in `memory`, or a trap if any of it is outside. */
static inline uint8_t* wsx_memory_range(wasm_rt_memory_t* memory, uint64_t addr, uint64_t length) {
  if (memory == NULL || addr > memory->size || length > memory->size - addr) wsx_trap(WSX_TRAP_OOB);
  return memory->data + addr;
}

static inline wsx_memory_view wsx_view(const wsx_env* env) {
  wsx_memory_view view = {NULL, 0};
  if (env->memory != NULL) {
    view.data = env->memory->data;
    view.size = env->memory->size;
  }
  return view;
}

/* Calls callback `index` for an import; traps when the host asks. */
static inline void wsx_call_host(wsx_env* env, uint32_t index, const wsx_value* args,
                                 wsx_value* results) {
  if (index >= env->callback_count || env->callbacks[index] == NULL) wsx_trap(WSX_TRAP_HOST);
  if (env->callbacks[index](env->host, wsx_view(env), args, results) != 0) wsx_trap(WSX_TRAP_HOST);
}
